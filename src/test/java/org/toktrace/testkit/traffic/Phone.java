package org.toktrace.testkit.traffic;

import java.util.HashMap;
import java.util.Map;

/** A phone on the hotspot: its link-layer address, addresses, and what it has resolved. */
final class Phone {
    final int index;
    final long mac;
    final Addr v4;
    /** Global IPv6 address, or null for an IPv4-only phone. */
    final Addr v6;
    private int nextPort;
    private int dnsId;
    final Map<String, Long> dnsExpiry = new HashMap<>();
    /** Resolves over DNS-over-TLS (Android's Private DNS): no lookup of this phone's appears in the capture. */
    boolean privateDns;

    Phone(int index, long mac, Addr v4, Addr v6, int firstPort, int firstDnsId) {
        this.index = index;
        this.mac = mac;
        this.v4 = v4;
        this.v6 = v6;
        this.nextPort = firstPort;
        this.dnsId = firstDnsId;
    }

    /** The next ephemeral port (Android's range 32768-60999, in order). */
    int ephemeralPort() {
        int p = nextPort;
        nextPort = nextPort >= 60999 ? 32768 : nextPort + 1;
        return p;
    }

    int nextDnsId() {
        dnsId = (dnsId + 0x3D1) & 0xFFFF;
        return dnsId;
    }
}
