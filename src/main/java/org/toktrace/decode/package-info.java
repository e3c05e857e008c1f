/**
 * Link layers (Ethernet with VLAN tags, Linux SLL and SLL2, raw IP, BSD loopback), IPv4, IPv6 with
 * extension headers, TCP and UDP, and the tunnels whose inner packets matter (CAPWAP, VXLAN, GTP-U),
 * read as offsets over a capture's buffer into a reusable view.
 */
package org.toktrace.decode;
