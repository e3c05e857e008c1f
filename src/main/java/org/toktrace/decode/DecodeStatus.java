package org.toktrace.decode;

/** What {@link PacketDecoder} made of a frame. */
public enum DecodeStatus {
    /** An IPv4 or IPv6 packet; the view holds its addresses, protocol, ports and lengths. */
    IP,
    /** A well-formed frame that carries no IP (ARP, LLDP, ...). */
    NOT_IP,
    /** A header that lies about its length or is cut short; the frame is skipped and counted. */
    MALFORMED,
    /** A link type the decoder does not know. */
    UNSUPPORTED_LINK
}
