/**
 * Link layers (Ethernet with VLAN tags, Linux SLL and SLL2, raw IP, BSD loopback), IPv4, IPv6 with
 * extension headers, TCP and UDP, read as offsets over a capture's buffer into a reusable view.
 */
package org.toktrace.decode;
