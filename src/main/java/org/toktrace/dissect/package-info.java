/**
 * Dissectors of the first payload bytes of flows: DNS, the TLS ClientHello over TCP, QUIC Initial
 * packets (decrypted), HTTP/1 Host. Hostile bytes in, names or nothing out; never an exception.
 *
 * <p>One class per protocol, each declaring what it accepts and the budget it inspects within
 * ({@code Dissector}); a protocol is registered by one line in
 * {@code FlowInspection.Kind}.
 */
package org.toktrace.dissect;
