package org.toktrace.dissect;

import java.util.Arrays;

/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) over whole byte arrays, for deriving QUIC
 * Initial keys (HKDF, RFC 5869) without the JDK's cryptography providers: see {@link Aes128} for
 * why, and docs/decisions/0019. Stateless; safe from any thread.
 */
final class Sha256 {

    static final int DIGEST_LENGTH = 32;
    private static final int BLOCK = 64;

    /** FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private Sha256() {
    }

    /** FIPS 180-4 section 5.3.3: the initial hash value. */
    private static final int[] IV = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

    /** The SHA-256 digest of {@code a} followed by {@code b}. */
    static byte[] digest(byte[] a, byte[] b) {
        byte[] m = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, m, a.length, b.length);
        return finish(IV, m, 0);
    }

    /**
     * The digest of a message whose first {@code hashedBlocks} blocks went into {@code state}
     * already and whose rest is {@code tail}.
     */
    private static byte[] finish(int[] state, byte[] tail, int hashedBlocks) {
        long length = (long) tail.length;
        int padded = (int) ((length + 9 + BLOCK - 1) / BLOCK * BLOCK);
        byte[] m = Arrays.copyOf(tail, padded);
        m[tail.length] = (byte) 0x80; // FIPS 180-4 section 5.1.1: 1 bit, zeros, 64-bit length in bits
        long bits = (length + (long) hashedBlocks * BLOCK) * 8;
        for (int i = 0; i < 8; i++) {
            m[padded - 1 - i] = (byte) (bits >>> (8 * i));
        }
        int[] h = state.clone();
        int[] w = new int[64];
        for (int block = 0; block < padded; block += BLOCK) {
            compress(h, w, m, block);
        }
        byte[] out = new byte[DIGEST_LENGTH];
        for (int i = 0; i < 8; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        return out;
    }

    /** RFC 2104: H((K' ^ opad) || H((K' ^ ipad) || data)), K' the key padded (or hashed, when longer) to a block. */
    static byte[] hmac(byte[] key, byte[] data) {
        return new Hmac(key).mac(data);
    }

    /**
     * HMAC-SHA256 under one key. The key's two padded blocks are hashed once, when it is made (RFC
     * 2104 section 4), so each MAC of a short message costs two compressions, not four: deriving a
     * QUIC connection's Initial keys MACs three labels under one secret.
     */
    static final class Hmac {
        private final int[] inner = IV.clone();
        private final int[] outer = IV.clone();

        Hmac(byte[] key) {
            byte[] k = key.length > BLOCK ? digest(key, new byte[0]) : key;
            byte[] innerPad = new byte[BLOCK];
            byte[] outerPad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                innerPad[i] = (byte) (b ^ 0x36);
                outerPad[i] = (byte) (b ^ 0x5c);
            }
            int[] w = new int[64];
            compress(inner, w, innerPad, 0);
            compress(outer, w, outerPad, 0);
        }

        byte[] mac(byte[] data) {
            return finish(outer, finish(inner, data, 1), 1);
        }
    }

    // FIPS 180-4 section 6.2.2
    private static void compress(int[] h, int[] w, byte[] m, int off) {
        for (int t = 0; t < 16; t++) {
            int i = off + 4 * t;
            w[t] = (m[i] << 24) | ((m[i + 1] & 0xFF) << 16) | ((m[i + 2] & 0xFF) << 8) | (m[i + 3] & 0xFF);
        }
        for (int t = 16; t < 64; t++) {
            int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ (w[t - 15] >>> 3);
            int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        int e = h[4];
        int f = h[5];
        int g = h[6];
        int hh = h[7];
        for (int t = 0; t < 64; t++) {
            int t1 = hh + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                    + ((e & f) ^ (~e & g)) + K[t] + w[t];
            int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                    + ((a & b) ^ (a & c) ^ (b & c));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
