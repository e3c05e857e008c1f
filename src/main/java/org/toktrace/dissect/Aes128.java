package org.toktrace.dissect;

/**
 * AES-128 encryption of single blocks and CTR keystreams (FIPS-197), for opening QUIC Initial
 * packets without loading the JDK's cryptography providers.
 *
 * <p>Why our own: QUIC Initial keys derive from the connection ID on the wire (RFC 9001 section
 * 5.2), so this protects no secret; what it costs is start-up time. The JCA's first use loads and
 * verifies some 150 classes (about 0.15 s of CPU on the 2-core benchmark machine), a tenth of a
 * whole {@code analyze} run of a 1.5 GB capture (docs/decisions/0019). Only encryption is needed:
 * header protection uses AES-ECB of one sample block, and GCM's payload keystream is AES-CTR.
 *
 * <p>A byte-oriented implementation, not a table-driven one: it runs for the first packets of a
 * few hundred QUIC flows per capture, where simplicity beats speed. Not constant-time, which is
 * irrelevant here (no secret key). One instance per key; not thread-safe.
 */
final class Aes128 {

    private static final int ROUNDS = 10;
    /** The S-box, derived at class load from its definition (FIPS-197 section 5.1.1). */
    private static final byte[] SBOX = sbox();

    private final byte[] roundKeys = new byte[16 * (ROUNDS + 1)];
    private final byte[] state = new byte[16];

    /** @param key 16 bytes */
    Aes128(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("AES-128 needs a 16-byte key, not " + key.length);
        }
        expandKey(key);
    }

    /** Encrypts the block at {@code in[inOff..inOff+16)} into {@code out[outOff..outOff+16)}. */
    void encryptBlock(byte[] in, int inOff, byte[] out, int outOff) {
        byte[] s = state;
        for (int i = 0; i < 16; i++) {
            s[i] = (byte) (in[inOff + i] ^ roundKeys[i]);
        }
        for (int round = 1; round <= ROUNDS; round++) {
            subBytesShiftRows(s);
            if (round < ROUNDS) {
                mixColumns(s);
            }
            int k = round * 16;
            for (int i = 0; i < 16; i++) {
                s[i] ^= roundKeys[k + i];
            }
        }
        System.arraycopy(s, 0, out, outOff, 16);
    }

    /**
     * XORs {@code data[off..off+len)} in place with the CTR keystream that starts at
     * {@code counterBlock} (16 bytes, not modified), whose last 32 bits count up per block as
     * GCM's inc32 does (NIST SP 800-38D section 6.2).
     */
    void ctr(byte[] counterBlock, byte[] data, int off, int len) {
        byte[] counter = counterBlock.clone();
        byte[] keystream = new byte[16];
        for (int done = 0; done < len; done += 16) {
            encryptBlock(counter, 0, keystream, 0);
            int n = Math.min(16, len - done);
            for (int i = 0; i < n; i++) {
                data[off + done + i] ^= keystream[i];
            }
            for (int i = 15; i >= 12; i--) { // inc32
                if (++counter[i] != 0) {
                    break;
                }
            }
        }
    }

    // FIPS-197 section 5.2: the key schedule, Nk = 4 words.
    private void expandKey(byte[] key) {
        System.arraycopy(key, 0, roundKeys, 0, 16);
        int rcon = 1;
        for (int i = 16; i < roundKeys.length; i += 4) {
            byte t0 = roundKeys[i - 4];
            byte t1 = roundKeys[i - 3];
            byte t2 = roundKeys[i - 2];
            byte t3 = roundKeys[i - 1];
            if (i % 16 == 0) { // RotWord, SubWord, Rcon
                byte first = t0;
                t0 = (byte) (SBOX[t1 & 0xFF] ^ rcon);
                t1 = SBOX[t2 & 0xFF];
                t2 = SBOX[t3 & 0xFF];
                t3 = SBOX[first & 0xFF];
                rcon = xtime(rcon);
            }
            roundKeys[i] = (byte) (roundKeys[i - 16] ^ t0);
            roundKeys[i + 1] = (byte) (roundKeys[i - 15] ^ t1);
            roundKeys[i + 2] = (byte) (roundKeys[i - 14] ^ t2);
            roundKeys[i + 3] = (byte) (roundKeys[i - 13] ^ t3);
        }
    }

    // The state is column-major: byte r + 4c is row r of column c (FIPS-197 section 3.4).
    private static void subBytesShiftRows(byte[] s) {
        for (int i = 0; i < 16; i++) {
            s[i] = SBOX[s[i] & 0xFF];
        }
        byte t = s[1]; // row 1: left by one
        s[1] = s[5];
        s[5] = s[9];
        s[9] = s[13];
        s[13] = t;
        t = s[2]; // row 2: left by two
        s[2] = s[10];
        s[10] = t;
        t = s[6];
        s[6] = s[14];
        s[14] = t;
        t = s[15]; // row 3: left by three (right by one)
        s[15] = s[11];
        s[11] = s[7];
        s[7] = s[3];
        s[3] = t;
    }

    private static void mixColumns(byte[] s) {
        for (int c = 0; c < 16; c += 4) {
            int a0 = s[c] & 0xFF;
            int a1 = s[c + 1] & 0xFF;
            int a2 = s[c + 2] & 0xFF;
            int a3 = s[c + 3] & 0xFF;
            int all = a0 ^ a1 ^ a2 ^ a3;
            s[c] = (byte) (a0 ^ all ^ xtime(a0 ^ a1));
            s[c + 1] = (byte) (a1 ^ all ^ xtime(a1 ^ a2));
            s[c + 2] = (byte) (a2 ^ all ^ xtime(a2 ^ a3));
            s[c + 3] = (byte) (a3 ^ all ^ xtime(a3 ^ a0));
        }
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
