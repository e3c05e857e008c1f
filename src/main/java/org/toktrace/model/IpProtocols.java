package org.toktrace.model;

/** Names of IP protocol numbers (IANA "Assigned Internet Protocol Numbers"). */
public final class IpProtocols {
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int GRE = 47;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int SCTP = 132;

    private IpProtocols() {
    }

    /** TCP, UDP, ICMP, ... or {@code IP-n} for a protocol without a common name. */
    public static String name(int protocol) {
        return switch (protocol) {
            case TCP -> "TCP";
            case UDP -> "UDP";
            case ICMP -> "ICMP";
            case IGMP -> "IGMP";
            case GRE -> "GRE";
            case ESP -> "ESP";
            case AH -> "AH";
            case ICMPV6 -> "ICMPv6";
            case SCTP -> "SCTP";
            default -> "IP-" + protocol;
        };
    }
}
