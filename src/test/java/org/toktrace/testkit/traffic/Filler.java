package org.toktrace.testkit.traffic;

import java.util.SplittableRandom;

/**
 * Bytes that look encrypted, read from one fixed random block at a position derived from a stream
 * offset, so filling a 1.5 GB capture costs copies, not random draws.
 */
final class Filler {
    private static final int SIZE = 1 << 20;
    private final byte[] block = new byte[SIZE + 4096];

    Filler(long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < block.length; i += 8) {
            long v = rng.nextLong();
            for (int j = 0; j < 8 && i + j < block.length; j++) {
                block[i + j] = (byte) (v >>> (8 * j));
            }
        }
    }

    void fill(long position, byte[] dst, int off, int len) {
        int p = (int) Math.floorMod(position * 0x9E37L, (long) SIZE);
        while (len > 0) {
            int n = Math.min(len, block.length - p);
            System.arraycopy(block, p, dst, off, n);
            off += n;
            len -= n;
            p = 0;
        }
    }
}
