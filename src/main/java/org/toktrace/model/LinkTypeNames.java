package org.toktrace.model;

/** Readable names of the pcap LINKTYPE_ values (tcpdump.org/linktypes.html) TokTrace meets. */
public final class LinkTypeNames {
    private LinkTypeNames() {
    }

    public static String name(int linkType) {
        return switch (linkType) {
            case 0 -> "BSD loopback";
            case 1 -> "Ethernet";
            case 12, 14, 101 -> "raw IP";
            case 105 -> "IEEE 802.11";
            case 108 -> "OpenBSD loopback";
            case 113 -> "Linux cooked v1";
            case 127 -> "IEEE 802.11 radiotap";
            case 228 -> "raw IPv4";
            case 229 -> "raw IPv6";
            case 276 -> "Linux cooked v2";
            default -> "link type " + linkType;
        };
    }
}
