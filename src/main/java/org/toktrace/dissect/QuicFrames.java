package org.toktrace.dissect;

import static org.toktrace.dissect.QuicLongHeader.varint;
import static org.toktrace.dissect.QuicLongHeader.varintSize;

import java.nio.ByteBuffer;

/**
 * Walks the frames of a decrypted Initial packet: to tell whether the keys were right (random
 * bytes do not read as frames for long), and to hand the CRYPTO frames' data to the reassembly.
 */
final class QuicFrames {

    /** Receives the data of each CRYPTO frame, in the packet's order. */
    interface CryptoSink {
        /** CRYPTO stream bytes {@code src[from, from + length)}, found at stream {@code offset}. */
        void crypto(long offset, byte[] src, int from, int length);
    }

    private QuicFrames() {
    }

    /**
     * Walks the frames of a decrypted Initial; with a {@code sink}, CRYPTO data goes to it.
     *
     * <pre>
     * RFC 9000 section 19: the frames an Initial may carry (section 12.4, table 3).
     *   PADDING (0x00), PING (0x01)
     *   ACK (0x02, 0x03) { Largest (i), Delay (i), Range Count (i), First Range (i),
     *                      Range Count x { Gap (i), Length (i) }, [0x03: ECT0 (i), ECT1 (i), CE (i)] }
     *   CRYPTO (0x06)    { Offset (i), Length (i), Data (..) }
     *   CONNECTION_CLOSE (0x1c) { Error (i), Frame Type (i), Reason Length (i), Reason (..) }, (0x1d) without Frame Type
     * </pre>
     * Anything else is not allowed in an Initial: reading stops there, keeping what came before.
     *
     * @return true when the payload is frames an Initial may carry, to its last byte: what right
     *         keys give. Wrong keys give random bytes, which fail this within a few frames (a random
     *         first byte is an allowed type 7 times in 256, and the lengths that follow must fit).
     */
    static boolean walk(byte[] f, CryptoSink sink) {
        ByteBuffer b = ByteBuffer.wrap(f);
        int end = f.length;
        int i = 0;
        while (i < end) {
            int type = f[i] & 0xFF;
            i++;
            switch (type) {
                case 0x00 -> {
                    // PADDING: a client pads its Initials to 1200 bytes, so skip runs of zeros by 8
                    while (i + 8 <= end && b.getLong(i) == 0) {
                        i += 8;
                    }
                }
                case 0x01 -> {
                    // PING: nothing follows
                }
                case 0x02, 0x03 -> {
                    long[] v = new long[1];
                    i = skipVarints(b, i, end, 3, v); // largest, delay, range count
                    long ranges = v[0];
                    if (i < 0 || ranges > end) {
                        return false;
                    }
                    i = skipVarints(b, i, end, 1 + 2 * (int) ranges + (type == 0x03 ? 3 : 0), v);
                }
                case 0x06 -> {
                    if (i >= end || i + varintSize(f[i]) > end) {
                        return false;
                    }
                    int n = varintSize(f[i]);
                    long offset = varint(b, i, n);
                    i += n;
                    if (i >= end || i + varintSize(f[i]) > end) {
                        return false;
                    }
                    n = varintSize(f[i]);
                    long length = varint(b, i, n);
                    i += n;
                    if (length > end - i) {
                        return false;
                    }
                    if (sink != null) {
                        sink.crypto(offset, f, i, (int) length);
                    }
                    i += (int) length;
                }
                case 0x1c, 0x1d -> {
                    long[] v = new long[1];
                    i = skipVarints(b, i, end, type == 0x1c ? 3 : 2, v); // the last one is the reason's length
                    if (i < 0 || v[0] > end - i) {
                        return false;
                    }
                    i += (int) v[0];
                }
                default -> {
                    return false;
                }
            }
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    /** Skips {@code count} varints; the last one's value goes to {@code last[0]}. Returns -1 past {@code end}. */
    private static int skipVarints(ByteBuffer b, int i, int end, int count, long[] last) {
        for (int k = 0; k < count; k++) {
            if (i < 0 || i >= end) {
                return -1;
            }
            int n = varintSize(b.get(i));
            if (i + n > end) {
                return -1;
            }
            last[0] = varint(b, i, n);
            i += n;
        }
        return i;
    }
}
