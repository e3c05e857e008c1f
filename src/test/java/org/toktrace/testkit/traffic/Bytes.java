package org.toktrace.testkit.traffic;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** A growable big-endian byte array for building protocol messages. */
final class Bytes {
    private byte[] b = new byte[256];
    private int n;

    int size() {
        return n;
    }

    Bytes u8(int v) {
        grow(1);
        b[n++] = (byte) v;
        return this;
    }

    Bytes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Bytes u24(int v) {
        return u8(v >>> 16).u8(v >>> 8).u8(v);
    }

    Bytes u32(int v) {
        return u16(v >>> 16).u16(v);
    }

    Bytes bytes(byte[] v) {
        grow(v.length);
        System.arraycopy(v, 0, b, n, v.length);
        n += v.length;
        return this;
    }

    Bytes ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            u8(s.charAt(i));
        }
        return this;
    }

    Bytes zeros(int count) {
        grow(count);
        n += count;
        return this;
    }

    Bytes random(RandomGenerator rng, int count) {
        grow(count);
        for (int i = 0; i < count; i++) {
            b[n++] = (byte) rng.nextInt();
        }
        return this;
    }

    /** A QUIC variable-length integer (RFC 9000 §16). */
    Bytes varint(long v) {
        if (v < 64) {
            return u8((int) v);
        } else if (v < 16384) {
            return u16((int) (0x4000 | v));
        } else if (v < (1L << 30)) {
            return u32((int) (0x8000_0000L | v));
        }
        return u32((int) ((0xC000_0000_0000_0000L | v) >>> 32)).u32((int) v);
    }

    /** Placeholder for a length prefix of {@code width} bytes; fill it with {@link #endLength}. */
    int beginLength(int width) {
        int at = n;
        zeros(width);
        return at;
    }

    void endLength(int at, int width) {
        int len = n - at - width;
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (len >>> (8 * (width - 1 - i)));
        }
    }

    void set(int at, int v) {
        b[at] = (byte) v;
    }

    byte[] toArray() {
        return Arrays.copyOf(b, n);
    }

    private void grow(int more) {
        if (n + more > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
        }
    }
}
