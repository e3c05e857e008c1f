package org.toktrace.store;

import java.util.Arrays;
import org.toktrace.model.FlowBins;

/**
 * A flow's time bins as one compact blob, so a flow is one row however long it lasted.
 *
 * <p>Layout: a format byte (1), then varints: the bin width in ns, the number of bins n, then per bin
 * the bin index as a delta from the previous one (the first from 0), bytes up, bytes down and packets.
 * Every value is a zig-zag varint (the protobuf encoding: 7 bits per byte, small magnitudes in few
 * bytes), so any long round-trips, negative ones included, while a typical bin (index +1, a few kB,
 * a few packets) takes 5 to 7 bytes instead of 28.
 */
final class BinsCodec {

    private static final int FORMAT = 1;

    private BinsCodec() {
    }

    static byte[] encode(FlowBins bins) {
        int n = bins.size();
        Out out = new Out(16 + n * 8);
        out.buf[out.len++] = FORMAT;
        out.varint(bins.binNanos());
        out.varint(n);
        long previous = 0;
        for (int i = 0; i < n; i++) {
            long bin = bins.bin(i);
            out.varint(bin - previous);
            previous = bin;
            out.varint(bins.bytesUp(i));
            out.varint(bins.bytesDown(i));
            out.varint(bins.packets(i));
        }
        return Arrays.copyOf(out.buf, out.len);
    }

    /** @throws IllegalArgumentException for a blob this code did not write (damaged or from elsewhere) */
    static FlowBins decode(byte[] blob) {
        if (blob.length == 0 || blob[0] != FORMAT) {
            throw new IllegalArgumentException("unknown flow bins format");
        }
        In in = new In(blob, 1);
        long binNanos = in.varint();
        long count = in.varint();
        // each bin takes at least 4 bytes: a count larger than that is damage, not a reason to allocate
        if (count < 0 || count > (blob.length - in.pos) / 4) {
            throw new IllegalArgumentException("flow bins count out of range: " + count);
        }
        int n = (int) count;
        long[] index = new long[n];
        long[] up = new long[n];
        long[] down = new long[n];
        int[] packets = new int[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            previous += in.varint();
            index[i] = previous;
            up[i] = in.varint();
            down[i] = in.varint();
            long pk = in.varint();
            if (pk != (int) pk) {
                throw new IllegalArgumentException("flow bins packet count out of range: " + pk);
            }
            packets[i] = (int) pk;
        }
        if (in.pos != blob.length) {
            throw new IllegalArgumentException("trailing bytes after the flow bins");
        }
        return new FlowBins(binNanos, index, up, down, packets);
    }

    private static final class Out {
        byte[] buf;
        int len;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void varint(long value) {
            long v = (value << 1) ^ (value >> 63); // zig-zag: small magnitudes of either sign stay small
            if (len + 10 > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + 10));
            }
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }
    }

    private static final class In {
        final byte[] buf;
        int pos;

        In(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= buf.length) {
                    throw new IllegalArgumentException("flow bins cut short");
                }
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new IllegalArgumentException("flow bins varint too long");
        }
    }
}
