package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.function.IntPredicate;
import org.toktrace.dissect.QuicClientHelloAssembler.InitialSecrets;

/**
 * Opens a client's Initial packets: removes header protection, recovers the packet number and
 * decrypts the payload with the client's Initial keys (RFC 9001 sections 5.2 to 5.4). Keys are
 * derived per Destination Connection ID and kept for the last two, beside the set that last
 * opened a packet; every set kept is charged through {@code charge}.
 */
final class QuicInitialDecryptor {

    /**
     * Heap bytes charged for one set of kept Initial keys: two AES-128 key schedules (44 ints and
     * a 16-byte block each), the IV and the connection ID, with their object headers: some 600
     * bytes, rounded up.
     */
    static final int KEYS_COST = 1024;
    static final int SAMPLE_LENGTH = 16;
    private static final int TAG_LENGTH = 16;

    /** Reserves bytes for the flow; false when refused, and the flow is then given up. */
    private final IntPredicate charge;
    private int keySetsCharged;
    private long largestPacketNumber = -1;
    // Keys for the last two Destination Connection IDs derived; [0] is the most recent.
    private final InitialKeys[] keyCache = new InitialKeys[2];
    // The keys that last opened a packet: those of the connection's first (or post-Retry) DCID.
    private InitialKeys lastGood;
    private final byte[] sample = new byte[SAMPLE_LENGTH];
    private final byte[] mask = new byte[SAMPLE_LENGTH];

    QuicInitialDecryptor(IntPredicate charge) {
        this.charge = charge;
    }

    /** Whether a packet whose number starts at {@code pnOffset} is long enough to hold a header-protection sample. */
    static boolean holdsSample(int pnOffset, int packetEnd) {
        return pnOffset + 4 + SAMPLE_LENGTH <= packetEnd;
    }

    /**
     * The plaintext of the Initial packet at {@code buf[p, packetEnd)}, whose packet number starts
     * at {@code pnOffset}; null when no kept or derived keys open it, or when the budget refused
     * room for new keys.
     */
    byte[] open(ByteBuffer buf, int p, int pnOffset, int packetEnd, int packetVersion) throws GeneralSecurityException {
        int dcidLength = buf.get(p + 5) & 0xFF;
        // Keys come from the DCID of the client's first Initial (RFC 9001 section 5.2), and
        // stay when the client moves to the server's chosen connection ID (RFC 9000 section
        // 7.2); only a Retry brings keys from a new DCID (RFC 9001 section 5.2). So the keys
        // that worked last are tried first, then those of the packet's own DCID.
        byte[] plaintext = null;
        InitialKeys good = lastGood != null && lastGood.version() == packetVersion ? lastGood : null;
        if (good != null) {
            plaintext = decrypt(good, buf, p, pnOffset, packetEnd);
        }
        if (plaintext == null) {
            InitialKeys own = keysFor(buf, p + 6, dcidLength, packetVersion);
            if (own == null) {
                return null;
            }
            if (own != good) {
                plaintext = decrypt(own, buf, p, pnOffset, packetEnd);
                if (plaintext != null) {
                    lastGood = own;
                }
            }
        }
        return plaintext;
    }

    /** Drops the kept keys; the caller gives their charges back. */
    void release() {
        keyCache[0] = null;
        keyCache[1] = null;
        lastGood = null;
    }


    /** Removes header protection and opens the payload; null when it does not read as an Initial's frames. */
    private byte[] decrypt(InitialKeys keys, ByteBuffer buf, int p, int pnOffset, int packetEnd)
            throws GeneralSecurityException {
        buf.get(pnOffset + 4, sample, 0, SAMPLE_LENGTH);
        keys.hp().encryptBlock(sample, 0, mask, 0);
        int first = (buf.get(p) & 0xFF) ^ (mask[0] & 0x0F); // long header: low 4 bits are protected
        int pnLength = (first & 0x03) + 1;
        int headerLength = pnOffset + pnLength - p;
        int payloadLength = packetEnd - pnOffset - pnLength;
        if (payloadLength < TAG_LENGTH) {
            return null;
        }
        byte[] header = new byte[headerLength];
        buf.get(p, header, 0, headerLength);
        header[0] = (byte) first;
        long truncated = 0;
        for (int i = 0; i < pnLength; i++) {
            int b = (header[headerLength - pnLength + i] ^ mask[1 + i]) & 0xFF;
            header[headerLength - pnLength + i] = (byte) b;
            truncated = (truncated << 8) | b;
        }
        long packetNumber = decodePacketNumber(largestPacketNumber, truncated, pnLength * 8);
        byte[] nonce = keys.iv().clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
        }
        // RFC 9001 section 5.3 protects Initials with AES-128-GCM, whose keystream is plain CTR from
        // counter 2 (NIST SP 800-38D: J0 = nonce || 1, the payload starts at inc32(J0)). The tag is not
        // checked: Initial keys derive from the connection ID on the wire, so it proves nothing about
        // the sender, and GHASH would only add cost. Whether these were the right keys is told by
        // the frames instead (QuicFrames.walk).
        int ciphertextLength = payloadLength - TAG_LENGTH;
        if (ciphertextLength <= 0) {
            return null;
        }
        byte[] counter = new byte[16];
        System.arraycopy(nonce, 0, counter, 0, nonce.length);
        counter[15] = 2;
        byte[] ciphertext = new byte[ciphertextLength];
        buf.get(pnOffset + pnLength, ciphertext, 0, ciphertextLength);
        keys.key().ctr(counter, ciphertext, 0, ciphertextLength);
        byte[] plaintext = ciphertext;
        if (!QuicFrames.walk(plaintext, null)) {
            return null; // not frames an Initial may carry: wrong keys, or a damaged or foreign packet
        }
        largestPacketNumber = Math.max(largestPacketNumber, packetNumber);
        return plaintext;
    }

    /** RFC 9000 appendix A.3: the full packet number nearest to the next one expected. */
    static long decodePacketNumber(long largest, long truncated, int bits) {
        long expected = largest + 1;
        long window = 1L << bits;
        long halfWindow = window / 2;
        long candidate = (expected & ~(window - 1)) | truncated;
        if (candidate <= expected - halfWindow && candidate < (1L << 62) - window) {
            return candidate + window;
        }
        if (candidate > expected + halfWindow && candidate >= window) {
            return candidate - window;
        }
        return candidate;
    }

    private InitialKeys keysFor(ByteBuffer buf, int dcidOffset, int dcidLength, int packetVersion)
            throws GeneralSecurityException {
        for (int i = 0; i < keyCache.length; i++) {
            InitialKeys k = keyCache[i];
            if (k != null && k.version() == packetVersion && k.matches(buf, dcidOffset, dcidLength)) {
                if (i != 0) {
                    keyCache[i] = keyCache[0];
                    keyCache[0] = k;
                }
                return k;
            }
        }
        // the cache and lastGood keep at most three sets alive: those are charged
        if (keySetsCharged < 3) {
            if (!charge.test(KEYS_COST)) {
                return null; // no room for another set: the flow is given up
            }
            keySetsCharged++;
        }
        byte[] dcid = new byte[dcidLength];
        buf.get(dcidOffset, dcid, 0, dcidLength);
        InitialSecrets secrets = QuicKeySchedule.clientSecrets(packetVersion, dcid);
        InitialKeys k = new InitialKeys(packetVersion, dcid, new Aes128(secrets.key()), secrets.iv(),
                new Aes128(secrets.hp()));
        keyCache[1] = keyCache[0];
        keyCache[0] = k;
        return k;
    }

    /** Ready-to-use client Initial keys for one version and Destination Connection ID. */
    private record InitialKeys(int version, byte[] dcid, Aes128 key, byte[] iv, Aes128 hp) {

        boolean matches(ByteBuffer buf, int off, int len) {
            if (len != dcid.length) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (buf.get(off + i) != dcid[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
