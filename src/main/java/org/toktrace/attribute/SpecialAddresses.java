package org.toktrace.attribute;

import org.toktrace.model.IpAddress;

/**
 * The special-purpose address blocks (RFC 6890 and the IANA registries it set up), named for what
 * they are, so that a flow to 192.168.1.1 reads "private" rather than a country.
 */
final class SpecialAddresses {
    private SpecialAddresses() {
    }

    // IPv4: prefix (as bits), prefix length, kind; the first match wins, so narrower blocks come first
    private static final long[][] V4 = {
            {0xFFFF_FFFFL, 32}, {0x0000_0000L, 8}, {0x0A00_0000L, 8}, {0x6440_0000L, 10}, {0x7F00_0000L, 8},
            {0xA9FE_0000L, 16}, {0xAC10_0000L, 12}, {0xC000_0200L, 24}, {0xC000_0000L, 24}, {0xC0A8_0000L, 16},
            {0xC612_0000L, 15}, {0xC633_6400L, 24}, {0xCB00_7100L, 24}, {0xE000_0000L, 4}, {0xF000_0000L, 4},
    };
    private static final String[] V4_KIND = {
            "broadcast",      // 255.255.255.255/32, RFC 919
            "reserved",       // 0.0.0.0/8 "this network", RFC 791
            "private",        // 10.0.0.0/8, RFC 1918
            "CGNAT",          // 100.64.0.0/10, shared address space, RFC 6598
            "loopback",       // 127.0.0.0/8, RFC 1122
            "link-local",     // 169.254.0.0/16, RFC 3927
            "private",        // 172.16.0.0/12, RFC 1918
            "documentation",  // 192.0.2.0/24 TEST-NET-1, RFC 5737
            "reserved",       // 192.0.0.0/24 IETF protocol assignments, RFC 6890
            "private",        // 192.168.0.0/16, RFC 1918
            "benchmarking",   // 198.18.0.0/15, RFC 2544
            "documentation",  // 198.51.100.0/24 TEST-NET-2, RFC 5737
            "documentation",  // 203.0.113.0/24 TEST-NET-3, RFC 5737
            "multicast",      // 224.0.0.0/4, RFC 5771
            "reserved",       // 240.0.0.0/4, RFC 1112
    };

    /** What {@code a} is when it is not a public unicast address, or null when it is one. */
    static String kind(IpAddress a) {
        if (!a.v6()) {
            long bits = a.lo();
            for (int i = 0; i < V4.length; i++) {
                long mask = (0xFFFF_FFFFL << (32 - V4[i][1])) & 0xFFFF_FFFFL;
                if ((bits & mask) == V4[i][0]) {
                    return V4_KIND[i];
                }
            }
            return null;
        }
        long hi = a.hi();
        long lo = a.lo();
        if (hi == 0 && lo == 0) {
            return "unspecified";                                  // ::/128, RFC 4291
        }
        if (hi == 0 && lo == 1) {
            return "loopback";                                     // ::1/128, RFC 4291
        }
        if ((hi >>> 57) == (0xFC00_0000_0000_0000L >>> 57)) {
            return "private";                                      // fc00::/7 unique local, RFC 4193
        }
        if ((hi >>> 54) == (0xFE80_0000_0000_0000L >>> 54)) {
            return "link-local";                                   // fe80::/10, RFC 4291
        }
        if ((hi >>> 56) == 0xFFL) {
            return "multicast";                                    // ff00::/8, RFC 4291
        }
        if ((hi >>> 32) == 0x2001_0DB8L) {
            return "documentation";                                // 2001:db8::/32, RFC 3849
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}, RFC 4291) or NAT64 IPv6 address, or null. */
    static IpAddress mappedV4(IpAddress a) {
        if (a.v6() && a.hi() == 0 && (a.lo() >>> 32) == 0xFFFFL) {
            return IpAddress.ofV4((int) a.lo());
        }
        // NAT64's well-known prefix 64:ff9b::/96 (RFC 6052): an IPv6-only network, as many mobile
        // carriers run, reaches an IPv4 server through an address that carries it in its last 32 bits
        if (a.v6() && a.hi() == NAT64_HI && (a.lo() >>> 32) == 0) {
            return IpAddress.ofV4((int) a.lo());
        }
        return null;
    }

    /** The upper 64 bits of 64:ff9b::/96. */
    private static final long NAT64_HI = 0x0064_ff9b_0000_0000L;
}
