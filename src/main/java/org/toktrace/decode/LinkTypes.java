package org.toktrace.decode;

/**
 * The pcap/pcapng link types {@link PacketDecoder} understands, as LINKTYPE_ values from
 * tcpdump.org's "Link-layer header types" list (plus the DLT_RAW numbers libpcap writes on some
 * platforms).
 */
public final class LinkTypes {
    /** BSD loopback: a 4-byte address family in the byte order of the host that captured. */
    public static final int NULL = 0;
    /** Ethernet II / IEEE 802.3. */
    public static final int ETHERNET = 1;
    /** DLT_RAW as OpenBSD and some BSDs number it. */
    public static final int DLT_RAW_12 = 12;
    /** DLT_RAW as other BSDs number it. */
    public static final int DLT_RAW_14 = 14;
    /** Raw IPv4 or IPv6, told apart by the version nibble. */
    public static final int RAW = 101;
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    public static final int LOOP = 108;
    /** Linux "cooked" capture, version 1 (16-byte header). */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4 only. */
    public static final int IPV4 = 228;
    /** Raw IPv6 only. */
    public static final int IPV6 = 229;
    /** Linux "cooked" capture, version 2 (20-byte header). */
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {
    }

    /** Whether {@link PacketDecoder} can decode frames of this link type. */
    public static boolean isSupported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, DLT_RAW_12, DLT_RAW_14, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }
}
