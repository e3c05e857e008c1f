package org.toktrace.dissect;

import java.nio.ByteBuffer;

/**
 * Reads QUIC long headers in place: the version, the packet type by meaning, and where the packet
 * number and the payload lie, without allocating, so that walking the packets of a datagram that
 * holds no Initial costs nothing but the reads.
 */
final class QuicLongHeader {

    /** RFC 9000 section 17.2: a connection ID in a version 1 long header has at most 20 bytes. */
    static final int MAX_CID_LENGTH = 20;

    static final int VERSION_1 = 0x00000001;
    static final int VERSION_2 = 0x6b3343cf;
    static final int DRAFT_27 = 0xff00001b;
    static final int DRAFT_28 = 0xff00001c;
    static final int DRAFT_29 = 0xff00001d;
    static final int DRAFT_32 = 0xff000020;

    /** RFC 9000 section 17.2 / RFC 9369 section 3.2: long-header packet types, by meaning. */
    static final int INITIAL = 0;
    static final int ZERO_RTT = 1;
    static final int HANDSHAKE = 2;
    static final int RETRY = 3;

    private QuicLongHeader() {
    }

    /**
     * Whether {@code buf[off, off + len)} starts with a client Initial packet whose keys are known:
     * see {@link QuicClientHelloAssembler#looksLikeClientInitial}.
     */
    static boolean isClientInitial(ByteBuffer buf, int off, int len) {
        if (buf == null || off < 0 || len <= 0 || off > buf.limit() - len) {
            return false;
        }
        long header = parse(buf, off, off + len);
        return header >= 0 && packetType(buf.get(off) & 0xFF, buf.getInt(off + 1)) == INITIAL;
    }

    /*
     * RFC 9000 section 17.2 (long header), 17.2.2 (Initial), 17.2.3 (0-RTT), 17.2.4 (Handshake):
     *   Long Header Packet { Header Form (1) = 1, Fixed Bit (1) = 1, Long Packet Type (2),
     *     Type-Specific Bits (4), Version (32), DCID Length (8), DCID (0..160),
     *     SCID Length (8), SCID (0..160), [Initial: Token Length (i), Token (..)],
     *     Length (i), Packet Number (8..32), Packet Payload (..) }
     * Retry and Version Negotiation carry no Length, so a walk cannot go past them.
     *
     * Returns the packet number's offset in the high 32 bits and the Length field (capped at
     * Integer.MAX_VALUE) in the low 32 bits, or -1 when there is no such header within end. Packed
     * into a long so that walking non-Initial packets allocates nothing.
     */
    static long parse(ByteBuffer buf, int p, int end) {
        if (p + 7 > end) {
            return -1;
        }
        int first = buf.get(p) & 0xFF;
        if ((first & 0xC0) != 0xC0) {
            return -1;
        }
        int packetVersion = buf.getInt(p + 1);
        if (QuicKeySchedule.salt(packetVersion) == null) {
            return -1; // Version Negotiation (0), Google QUIC, or a layout we cannot know
        }
        int type = packetType(first, packetVersion);
        if (type == RETRY) {
            return -1;
        }
        int dcidLength = buf.get(p + 5) & 0xFF;
        if (dcidLength > MAX_CID_LENGTH) {
            return -1;
        }
        int q = p + 6 + dcidLength;
        if (q >= end) {
            return -1;
        }
        int scidLength = buf.get(q) & 0xFF;
        if (scidLength > MAX_CID_LENGTH) {
            return -1;
        }
        q += 1 + scidLength;
        if (type == INITIAL) {
            if (q >= end) {
                return -1;
            }
            int n = varintSize(buf.get(q));
            if (q + n > end) {
                return -1;
            }
            long tokenLength = varint(buf, q, n);
            if (tokenLength > end - q - n) {
                return -1;
            }
            q += n + (int) tokenLength;
        }
        if (q >= end) {
            return -1;
        }
        int n = varintSize(buf.get(q));
        if (q + n > end) {
            return -1;
        }
        long length = varint(buf, q, n);
        return ((long) (q + n) << 32) | Math.min(length, Integer.MAX_VALUE);
    }

    /** The packet type by meaning: version 2 renumbers them (RFC 9369 section 3.2). */
    static int packetType(int first, int packetVersion) {
        int bits = (first >>> 4) & 0x3;
        if (packetVersion == VERSION_2) {
            return switch (bits) {
                case 0b01 -> INITIAL;
                case 0b10 -> ZERO_RTT;
                case 0b11 -> HANDSHAKE;
                default -> RETRY;
            };
        }
        return bits;
    }

    /** RFC 9000 section 16: the two high bits of the first byte give the length, 1, 2, 4 or 8. */
    static int varintSize(byte first) {
        return 1 << ((first & 0xFF) >>> 6);
    }

    /** The variable-length integer of {@code n} bytes at {@code buf[p]} (RFC 9000 section 16). */
    static long varint(ByteBuffer buf, int p, int n) {
        long v = buf.get(p) & 0x3F;
        for (int i = 1; i < n; i++) {
            v = (v << 8) | (buf.get(p + i) & 0xFF);
        }
        return v;
    }
}
