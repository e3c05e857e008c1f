package org.toktrace.testkit.traffic;

/**
 * Lays out Ethernet II, IPv4 (RFC 791), IPv6 (RFC 8200), TCP (RFC 9293), UDP (RFC 768), ICMP
 * (RFC 792) and ARP (RFC 826) headers into one reusable frame buffer, with correct lengths and
 * checksums (the Internet checksum of RFC 1071, over the pseudo-header for TCP and UDP).
 */
final class FrameEncoder {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;

    final byte[] buf = new byte[2048];

    /** Ethernet II header at 0; returns 14. */
    int ethernet(long dstMac, long srcMac, int etherType) {
        putMac(0, dstMac);
        putMac(6, srcMac);
        put16(12, etherType);
        return 14;
    }

    /**
     * Ethernet and IP headers for an IP packet of {@code l4Length} payload bytes; returns where the
     * transport header starts.
     */
    int ip(long dstMac, long srcMac, Addr src, Addr dst, int protocol, int ttl, int ipId, int l4Length) {
        if (src.v6 != dst.v6) {
            throw new IllegalArgumentException("mixed IP versions");
        }
        if (!src.v6) {
            ethernet(dstMac, srcMac, ETHERTYPE_IPV4);
            int o = 14;
            buf[o] = 0x45;
            buf[o + 1] = 0;
            put16(o + 2, 20 + l4Length);
            put16(o + 4, ipId);
            put16(o + 6, protocol == TCP ? 0x4000 : 0); // DF on TCP, as phones and servers do
            buf[o + 8] = (byte) ttl;
            buf[o + 9] = (byte) protocol;
            put16(o + 10, 0);
            src.put(buf, o + 12);
            dst.put(buf, o + 16);
            put16(o + 10, ~sum(o, 20, 0) & 0xFFFF);
            return o + 20;
        }
        ethernet(dstMac, srcMac, ETHERTYPE_IPV6);
        int o = 14;
        int flowLabel = ipId & 0xFFFFF;
        put32(o, 0x6000_0000 | flowLabel);
        put16(o + 4, l4Length);
        buf[o + 6] = (byte) protocol;
        buf[o + 7] = (byte) ttl;
        src.put(buf, o + 8);
        dst.put(buf, o + 24);
        return o + 40;
    }

    /** Fills the TCP or UDP checksum of the segment at {@code l4} from its pseudo-header. */
    void transportChecksum(int l4, int l4Length, Addr src, Addr dst, int protocol) {
        int field = l4 + (protocol == TCP ? 16 : 6);
        put16(field, 0);
        int pseudo = pseudoSum(src, dst, protocol, l4Length);
        int c = ~sum(l4, l4Length, pseudo) & 0xFFFF;
        if (protocol == UDP && c == 0) {
            c = 0xFFFF; // RFC 768: a computed zero is sent as all ones
        }
        put16(field, c);
    }

    /** The one's complement checksum over [off, off+len) at {@code field}, e.g. for ICMP. */
    void plainChecksum(int off, int len, int field) {
        put16(field, 0);
        put16(field, ~sum(off, len, 0) & 0xFFFF);
    }

    private int pseudoSum(Addr src, Addr dst, int protocol, int l4Length) {
        byte[] tmp = new byte[16];
        long s = 0;
        src.put(tmp, 0);
        s += words(tmp, src.length());
        dst.put(tmp, 0);
        s += words(tmp, dst.length());
        s += protocol;
        s += l4Length & 0xFFFF;
        s += l4Length >>> 16;
        return fold(s);
    }

    private static long words(byte[] b, int n) {
        long s = 0;
        for (int i = 0; i < n; i += 2) {
            s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        return s;
    }

    private int sum(int off, int len, int initial) {
        long s = initial;
        int end = off + (len & ~1);
        int i = off;
        for (; i + 8 <= end; i += 8) {
            s += ((buf[i] & 0xFF) << 8 | (buf[i + 1] & 0xFF))
                    + ((buf[i + 2] & 0xFF) << 8 | (buf[i + 3] & 0xFF))
                    + ((buf[i + 4] & 0xFF) << 8 | (buf[i + 5] & 0xFF))
                    + ((buf[i + 6] & 0xFF) << 8 | (buf[i + 7] & 0xFF));
        }
        for (; i < end; i += 2) {
            s += ((buf[i] & 0xFF) << 8) | (buf[i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            s += (buf[off + len - 1] & 0xFF) << 8;
        }
        return fold(s);
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    void putMac(int off, long mac) {
        for (int i = 0; i < 6; i++) {
            buf[off + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }

    void put16(int off, int v) {
        buf[off] = (byte) (v >>> 8);
        buf[off + 1] = (byte) v;
    }

    void put32(int off, int v) {
        buf[off] = (byte) (v >>> 24);
        buf[off + 1] = (byte) (v >>> 16);
        buf[off + 2] = (byte) (v >>> 8);
        buf[off + 3] = (byte) v;
    }

    void put(int off, byte[] src) {
        System.arraycopy(src, 0, buf, off, src.length);
    }

    /** A complete UDP datagram frame; returns the frame length. */
    int udp(long dstMac, long srcMac, Addr src, Addr dst, int ttl, int ipId, int srcPort, int dstPort,
            byte[] payload, int payloadLength) {
        int l4Len = 8 + payloadLength;
        int l4 = ip(dstMac, srcMac, src, dst, UDP, ttl, ipId, l4Len);
        put16(l4, srcPort);
        put16(l4 + 2, dstPort);
        put16(l4 + 4, l4Len);
        System.arraycopy(payload, 0, buf, l4 + 8, payloadLength);
        transportChecksum(l4, l4Len, src, dst, UDP);
        return l4 + l4Len;
    }
}
