package org.toktrace.dissect;

/**
 * AES-128 encryption of single blocks and CTR keystreams (FIPS-197), for opening QUIC Initial
 * packets without loading the JDK's cryptography providers.
 *
 * <p>Why our own: QUIC Initial keys derive from the connection ID on the wire (RFC 9001 section
 * 5.2), so this protects no secret; what it costs is start-up time. The JCA's first use loads and
 * verifies some 150 classes, a large share of a whole {@code analyze} run (docs/decisions/0019). Only encryption is needed:
 * header protection uses AES-ECB of one sample block, and GCM's payload keystream is AES-CTR.
 *
 * <p>The usual 32-bit implementation (FIPS-197 section 5 done as in Daemen and Rijmen, "The Design
 * of Rijndael", section 4.2): four 1 kB tables fold SubBytes, ShiftRows and MixColumns into 16
 * lookups a round. It runs for the first packets of every QUIC flow, in a JVM that has just started,
 * where every bytecode the interpreter runs and the JIT compiles counts: a table lookup a byte costs
 * far less there than a byte-oriented round. Not constant-time, which is irrelevant here (no
 * secret key). One instance per key; not thread-safe.
 */
final class Aes128 {

    private static final int ROUNDS = 10;
    /** The S-box, derived at class load from its definition (FIPS-197 section 5.1.1). */
    private static final byte[] SBOX = sbox();
    /**
     * Round tables: {@code T0[x]} is the MixColumns column of S-box output {@code s = SBOX[x]} in row 0,
     * {@code (2s, s, s, 3s)} as a big-endian word; {@code T1..T3} are it rotated right by 8, 16, 24 bits
     * (the same byte in rows 1 to 3).
     */
    private static final int[] T0 = new int[256];
    private static final int[] T1 = new int[256];
    private static final int[] T2 = new int[256];
    private static final int[] T3 = new int[256];

    static {
        for (int x = 0; x < 256; x++) {
            int sb = SBOX[x] & 0xFF;
            int twice = xtime(sb);
            int w = twice << 24 | sb << 16 | sb << 8 | (twice ^ sb);
            T0[x] = w;
            T1[x] = Integer.rotateRight(w, 8);
            T2[x] = Integer.rotateRight(w, 16);
            T3[x] = Integer.rotateRight(w, 24);
        }
    }

    /** The key schedule's words, big-endian: word {@code 4r + c} is round {@code r}'s column {@code c}. */
    private final int[] roundKeys = new int[4 * (ROUNDS + 1)];
    private final byte[] keystream = new byte[16];

    /** @param key 16 bytes */
    Aes128(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("AES-128 needs a 16-byte key, not " + key.length);
        }
        expandKey(key);
    }

    /** Encrypts the block at {@code in[inOff..inOff+16)} into {@code out[outOff..outOff+16)}. */
    void encryptBlock(byte[] in, int inOff, byte[] out, int outOff) {
        int[] k = roundKeys;
        // the state as four big-endian column words (FIPS-197 section 3.4: byte r + 4c is row r of column c)
        int s0 = word(in, inOff) ^ k[0];
        int s1 = word(in, inOff + 4) ^ k[1];
        int s2 = word(in, inOff + 8) ^ k[2];
        int s3 = word(in, inOff + 12) ^ k[3];
        for (int r = 4; r < 4 * ROUNDS; r += 4) {
            // ShiftRows moves row i of column c + i to column c; the tables do SubBytes and MixColumns
            int t0 = T0[s0 >>> 24] ^ T1[s1 >>> 16 & 0xFF] ^ T2[s2 >>> 8 & 0xFF] ^ T3[s3 & 0xFF] ^ k[r];
            int t1 = T0[s1 >>> 24] ^ T1[s2 >>> 16 & 0xFF] ^ T2[s3 >>> 8 & 0xFF] ^ T3[s0 & 0xFF] ^ k[r + 1];
            int t2 = T0[s2 >>> 24] ^ T1[s3 >>> 16 & 0xFF] ^ T2[s0 >>> 8 & 0xFF] ^ T3[s1 & 0xFF] ^ k[r + 2];
            int t3 = T0[s3 >>> 24] ^ T1[s0 >>> 16 & 0xFF] ^ T2[s1 >>> 8 & 0xFF] ^ T3[s2 & 0xFF] ^ k[r + 3];
            s0 = t0;
            s1 = t1;
            s2 = t2;
            s3 = t3;
        }
        // the last round has no MixColumns
        int r = 4 * ROUNDS;
        putWord(out, outOff, lastRound(s0, s1, s2, s3) ^ k[r]);
        putWord(out, outOff + 4, lastRound(s1, s2, s3, s0) ^ k[r + 1]);
        putWord(out, outOff + 8, lastRound(s2, s3, s0, s1) ^ k[r + 2]);
        putWord(out, outOff + 12, lastRound(s3, s0, s1, s2) ^ k[r + 3]);
    }

    private static int lastRound(int a, int b, int c, int d) {
        return (SBOX[a >>> 24] & 0xFF) << 24 | (SBOX[b >>> 16 & 0xFF] & 0xFF) << 16
                | (SBOX[c >>> 8 & 0xFF] & 0xFF) << 8 | SBOX[d & 0xFF] & 0xFF;
    }

    /**
     * XORs {@code data[off..off+len)} in place with the CTR keystream that starts at
     * {@code counterBlock} (16 bytes, not modified), whose last 32 bits count up per block as
     * GCM's inc32 does (NIST SP 800-38D section 6.2).
     */
    void ctr(byte[] counterBlock, byte[] data, int off, int len) {
        byte[] counter = counterBlock.clone();
        byte[] ks = keystream;
        int count = word(counter, 12);
        for (int done = 0; done < len; done += 16) {
            putWord(counter, 12, count++); // inc32: wraps within the last 32 bits
            encryptBlock(counter, 0, ks, 0);
            int n = Math.min(16, len - done);
            for (int i = 0; i < n; i++) {
                data[off + done + i] ^= ks[i];
            }
        }
    }

    // FIPS-197 section 5.2: the key schedule, Nk = 4 words.
    private void expandKey(byte[] key) {
        int[] w = roundKeys;
        for (int i = 0; i < 4; i++) {
            w[i] = word(key, 4 * i);
        }
        int rcon = 1;
        for (int i = 4; i < w.length; i++) {
            int t = w[i - 1];
            if (i % 4 == 0) { // RotWord, SubWord, Rcon
                t = subWord(Integer.rotateLeft(t, 8)) ^ rcon << 24;
                rcon = xtime(rcon);
            }
            w[i] = w[i - 4] ^ t;
        }
    }

    private static int subWord(int w) {
        return (SBOX[w >>> 24] & 0xFF) << 24 | (SBOX[w >>> 16 & 0xFF] & 0xFF) << 16
                | (SBOX[w >>> 8 & 0xFF] & 0xFF) << 8 | SBOX[w & 0xFF] & 0xFF;
    }

    private static int word(byte[] b, int off) {
        return b[off] << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
    }

    private static void putWord(byte[] b, int off, int w) {
        b[off] = (byte) (w >>> 24);
        b[off + 1] = (byte) (w >>> 16);
        b[off + 2] = (byte) (w >>> 8);
        b[off + 3] = (byte) w;
    }

    /** Multiplication by x in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
    private static int xtime(int b) {
        return ((b << 1) ^ ((b & 0x80) != 0 ? 0x1B : 0)) & 0xFF;
    }

    /** FIPS-197 section 5.1.1: the multiplicative inverse in GF(2^8), then the affine transformation. */
    private static byte[] sbox() {
        byte[] box = new byte[256];
        // walk the field with generator 3 (p) and its inverse (q), so q = p^-1 at every step
        int p = 1;
        int q = 1;
        do {
            p = p ^ xtime(p); // p * 3
            q ^= q << 1; // q / 3
            q ^= q << 2;
            q ^= q << 4;
            q &= 0xFF;
            if ((q & 0x80) != 0) {
                q ^= 0x09;
            }
            int x = q ^ Integer.rotateLeft(q, 1) ^ Integer.rotateLeft(q, 2) ^ Integer.rotateLeft(q, 3)
                    ^ Integer.rotateLeft(q, 4);
            x = (x ^ (x >>> 8)) & 0xFF;
            box[p] = (byte) (x ^ 0x63);
        } while (p != 1);
        box[0] = 0x63;
        return box;
    }
}
