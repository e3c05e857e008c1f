/**
 * Dissectors of the first payload bytes of flows: DNS, the TLS ClientHello over TCP, QUIC Initial
 * packets (decrypted), HTTP/1 Host. Hostile bytes in, names or nothing out; never an exception.
 */
package org.toktrace.dissect;
