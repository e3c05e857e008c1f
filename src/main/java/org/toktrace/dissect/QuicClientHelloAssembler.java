package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.toktrace.model.ClientHelloInfo;

/**
 * Decrypts the QUIC Initial packets a client sends on one UDP flow and reassembles the TLS
 * ClientHello from their CRYPTO frames, so the flow can be named by its SNI. One instance per UDP
 * flow, fed only the client's datagrams; not thread-safe.
 *
 * <p>Lifecycle: {@link #onDatagram} returns null until the ClientHello is whole, then returns it
 * exactly once; every later call returns null at once (the result stays readable through
 * {@link #clientHello()}). A second ClientHello on the same flow (after a HelloRetryRequest, or a
 * retransmission after a Retry) is therefore not reported: TLS requires it to carry the same
 * server name (RFC 8446 section 4.1.2). When a bound is reached ({@link #gaveUp()}) every later call
 * returns null at once as well.
 *
 * <p>Bounds: at most {@link #MAX_CRYPTO_BYTES} of the CRYPTO stream are kept (a ClientHello that
 * says it is longer, or CRYPTO data past that offset, is given up on: {@link #gaveUpOverCap()}), at most {@link #MAX_INITIAL_DATAGRAMS} datagrams holding a
 * client Initial are read, and the flow is given up on after {@link #MAX_FAILURES_WITHOUT_SUCCESS}
 * Initial packets that would not decrypt when none did. Datagrams without an Initial (1-RTT,
 * Handshake, 0-RTT) cost a header walk and allocate nothing; an Initial packet allocates its
 * plaintext and, for a new Destination Connection ID, its keys.
 *
 * <p>Memory: the CRYPTO stream is held in an array sized to the highest offset received (grown as
 * frames arrive, never beyond the cap), beside one bit per byte saying which arrived; a flow whose
 * first CRYPTO frame starts at offset 1000 holds about 2 kB, not the cap. Made by the dissectors,
 * the stream and the kept keys are charged to the analysis' {@link ReassemblyBudget}; when it
 * refuses, the flow is given up ({@link #gaveUpOverBudget()}).
 */
public final class QuicClientHelloAssembler {

    /**
     * Bytes of the CRYPTO stream kept, from offset 0; a longer ClientHello is given up on. The
     * client's Initial CRYPTO stream holds its ClientHello only (RFC 9001 section 4.1.3): 0.3-2 kB
     * in practice, some 3 kB with several post-quantum key shares, so 16 KiB leaves room for five
     * times the largest seen while a flood of flows cannot make one flow cost more than this.
     */
    public static final int MAX_CRYPTO_BYTES = 16 * 1024;
    /** Client datagrams holding at least one Initial packet read before giving up. */
    public static final int MAX_INITIAL_DATAGRAMS = 10;
    /** Initial packets that failed to decrypt, with none decrypted yet, before giving up. */
    public static final int MAX_FAILURES_WITHOUT_SUCCESS = 4;

    /**
     * Heap bytes charged for one set of kept Initial keys: two AES-128 key schedules (44 ints and
     * a 16-byte block each), the IV and the connection ID, with their object headers: some 600
     * bytes, rounded up.
     */
    static final int KEYS_COST = 1024;
    /** Smallest CRYPTO array made: a ClientHello of one datagram fits. */
    private static final int MIN_STREAM = 1536;

    /** RFC 9000 section 17.2: a connection ID in a version 1 long header has at most 20 bytes. */
    static final int MAX_CID_LENGTH = 20;

    static final int VERSION_1 = 0x00000001;
    static final int VERSION_2 = 0x6b3343cf;
    static final int DRAFT_27 = 0xff00001b;
    static final int DRAFT_28 = 0xff00001c;
    static final int DRAFT_29 = 0xff00001d;
    static final int DRAFT_32 = 0xff000020;

    /** RFC 9001 section 5.2, initial_salt for QUIC version 1. */
    private static final byte[] SALT_V1 = hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    /** RFC 9369 section 3.3.1, initial_salt for QUIC version 2. */
    private static final byte[] SALT_V2 = hex("0dede3def700a6db819381be6e269dcbf9bd2ed9");
    /** draft-ietf-quic-tls-29 section 5.2, also used unchanged by drafts 30 to 32. */
    private static final byte[] SALT_DRAFT_29 = hex("afbfec289993d24c9e9786f19c6111e04390a899");
    /** draft-ietf-quic-tls-23 section 5.2, used unchanged by drafts 23 to 28 (27 and 28 are accepted here). */
    private static final byte[] SALT_DRAFT_23 = hex("c3eef712c72ebb5a11a7d2432bb46365bef9f502");

    /** RFC 9001 section 17.2 / RFC 9369 section 3.2: long-header packet types, by meaning. */
    private static final int INITIAL = 0;
    private static final int ZERO_RTT = 1;
    private static final int HANDSHAKE = 2;
    private static final int RETRY = 3;

    private static final int TAG_LENGTH = 16;
    private static final int SAMPLE_LENGTH = 16;

    // CRYPTO stream reassembly: bytes from offset 0 and one bit per byte saying it arrived.
    private byte[] stream;
    // Both are allocated with the first CRYPTO frame and dropped once the flow is decided.
    private long[] present;
    private int contiguous;
    private int messageLength = -1;

    private int version;
    private int initialDatagrams;
    private int decrypted;
    private int failures;
    private long largestPacketNumber = -1;
    private boolean gaveUp;
    private boolean overCap;
    private boolean overBudget;
    private ClientHelloInfo result;
    private final ReassemblyBudget budget;
    private final FlowInspection owner;
    private int charged;
    private int keySetsCharged;

    // Keys for the last two Destination Connection IDs derived; [0] is the most recent.
    private final InitialKeys[] keyCache = new InitialKeys[2];
    // The keys that last opened a packet: those of the connection's first (or post-Retry) DCID.
    private InitialKeys lastGood;
    private final byte[] sample = new byte[SAMPLE_LENGTH];
    private final byte[] mask = new byte[SAMPLE_LENGTH];

    /** Creates an assembler for one flow; nothing is allocated until the first Initial arrives. */
    public QuicClientHelloAssembler() {
        this(null, null);
    }

    /** An assembler whose buffers and keys {@code owner} charges to {@code budget} (null: none). */
    QuicClientHelloAssembler(ReassemblyBudget budget, FlowInspection owner) {
        this.budget = budget;
        this.owner = owner;
    }

    /**
     * Whether {@code buf[off, off + len)} starts with a client Initial packet this class can
     * decrypt: a long header with the fixed bit set, a version with a known initial salt (1, 2,
     * drafts 27 to 32, or a reserved greasing version, read as draft 29), the Initial packet type
     * for that version, connection IDs of at most 20 bytes, and a header that ends within
     * {@code len}. The 1200-byte minimum is not required: some stacks pad less.
     */
    public static boolean looksLikeClientInitial(ByteBuffer buf, int off, int len) {
        if (buf == null || off < 0 || len <= 0 || off > buf.limit() - len) {
            return false;
        }
        long header = longHeader(buf, off, off + len);
        return header >= 0 && packetType(buf.get(off) & 0xFF, buf.getInt(off + 1)) == INITIAL;
    }

    /**
     * Reads one UDP payload sent by the client: every coalesced QUIC packet in it (RFC 9000 section
     * 12.2) is walked by its Length field, and each client Initial is decrypted and its CRYPTO
     * frames added to the stream.
     *
     * @return the ClientHello the first time it is whole; null before, after, and for anything
     *         that is not one (never an exception)
     */
    public ClientHelloInfo onDatagram(ByteBuffer buf, int off, int len) {
        if (result != null || gaveUp || buf == null || off < 0 || len <= 0 || off > buf.limit() - len) {
            return null;
        }
        if ((buf.get(off) & 0x80) == 0) {
            return null; // a short header (1-RTT): the handshake is past its first flight
        }
        int end = off + len;
        int p = off;
        boolean sawInitial = false;
        ClientHelloInfo found = null;
        while (p < end && found == null && !gaveUp) {
            long header = longHeader(buf, p, end);
            if (header < 0) {
                break; // a short header runs to the end; anything unparsable ends the walk
            }
            int pnOffset = (int) (header >>> 32);
            long packetEnd = pnOffset + (header & 0xFFFFFFFFL);
            if (packetEnd > end) {
                break; // cut by the snap length, or lying: cannot be authenticated
            }
            int first = buf.get(p) & 0xFF;
            int packetVersion = buf.getInt(p + 1);
            if (packetType(first, packetVersion) == INITIAL) {
                if (!sawInitial) {
                    sawInitial = true;
                    initialDatagrams++;
                }
                if (version == 0) {
                    version = packetVersion;
                }
                found = onInitial(buf, p, pnOffset, (int) packetEnd, packetVersion);
            }
            p = (int) packetEnd;
        }
        if (found == null && sawInitial && result == null && initialDatagrams >= MAX_INITIAL_DATAGRAMS) {
            giveUp();
        }
        return found;
    }

    /** The QUIC version of the first client Initial seen, or 0 before one. */
    public int version() {
        return version;
    }

    /** True once a bound was reached without a whole ClientHello; later datagrams are ignored. */
    public boolean gaveUp() {
        return gaveUp;
    }

    /** True when it gave up because the ClientHello would be longer than {@link #MAX_CRYPTO_BYTES}. */
    public boolean gaveUpOverCap() {
        return overCap;
    }

    /** True when it gave up because the analysis' reassembly budget had no room for it. */
    public boolean gaveUpOverBudget() {
        return overBudget;
    }

    /** The ClientHello once it was reassembled (as returned by {@link #onDatagram} that one time), else null. */
    public ClientHelloInfo clientHello() {
        return result;
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
    private static long longHeader(ByteBuffer buf, int p, int end) {
        if (p + 7 > end) {
            return -1;
        }
        int first = buf.get(p) & 0xFF;
        if ((first & 0xC0) != 0xC0) {
            return -1;
        }
        int packetVersion = buf.getInt(p + 1);
        if (salt(packetVersion) == null) {
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
    private static int packetType(int first, int packetVersion) {
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

    /**
     * The initial salt of a version, or null when its Initials cannot be decrypted here. Reserved
     * greasing versions (0x?a?a?a?a, RFC 9000 section 15) have no salt of their own: Wireshark's
     * packet-quic.c ({@code quic_draft_version}) reads them as draft 29, hence with the draft-29
     * salt, and the clients in nDPI's quic_interop_V capture do seal them so (the version 1 salt
     * fails on all 63). Google QUIC (Q0xx, T0xx) and Facebook's mvfst versions are out of scope.
     */
    static byte[] salt(int packetVersion) {
        if (packetVersion == VERSION_1) {
            return SALT_V1;
        }
        if (packetVersion == VERSION_2) {
            return SALT_V2;
        }
        if (packetVersion >= DRAFT_29 && packetVersion <= DRAFT_32) {
            return SALT_DRAFT_29;
        }
        if (packetVersion == DRAFT_27 || packetVersion == DRAFT_28) {
            return SALT_DRAFT_23;
        }
        if ((packetVersion & 0x0F0F0F0F) == 0x0A0A0A0A) {
            return SALT_DRAFT_29;
        }
        return null;
    }

    /*
     * RFC 9001 section 5.4 (header protection), 5.3 (AEAD), RFC 9000 section 17.1 and A.3 (packet
     * numbers), then the frames. A packet that fails anywhere is skipped; only a failure to
     * decrypt is counted, because that is what says the flow is not ours to read.
     */
    private ClientHelloInfo onInitial(ByteBuffer buf, int p, int pnOffset, int packetEnd, int packetVersion) {
        if (pnOffset + 4 + SAMPLE_LENGTH > packetEnd) {
            return null; // too short to hold a sample: not a packet any stack sends
        }
        int dcidLength = buf.get(p + 5) & 0xFF;
        byte[] plaintext = null;
        try {
            // Keys come from the DCID of the client's first Initial (RFC 9001 section 5.2), and
            // stay when the client moves to the server's chosen connection ID (RFC 9000 section
            // 7.2); only a Retry brings keys from a new DCID (RFC 9001 section 5.2). So the keys
            // that worked last are tried first, then those of the packet's own DCID.
            InitialKeys good = lastGood != null && lastGood.version == packetVersion ? lastGood : null;
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
        } catch (GeneralSecurityException e) {
            plaintext = null; // no AES or HMAC in this JDK: nothing to read, as for a bad packet
        }
        if (plaintext == null) {
            failures++;
            if (decrypted == 0 && failures >= MAX_FAILURES_WITHOUT_SUCCESS) {
                giveUp();
            }
            return null;
        }
        decrypted++;
        readFrames(plaintext);
        if (gaveUp) {
            return null; // CRYPTO data past the cap, or no room in the budget
        }
        return complete();
    }

    /** Removes header protection and opens the payload; null when it does not authenticate. */
    private byte[] decrypt(InitialKeys keys, ByteBuffer buf, int p, int pnOffset, int packetEnd)
            throws GeneralSecurityException {
        buf.get(pnOffset + 4, sample, 0, SAMPLE_LENGTH);
        keys.hp.encryptBlock(sample, 0, mask, 0);
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
        byte[] nonce = keys.iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
        }
        // RFC 9001 section 5.3 protects Initials with AES-128-GCM, whose keystream is plain CTR from
        // counter 2 (NIST SP 800-38D: J0 = nonce || 1, the payload starts at inc32(J0)). The tag is not
        // checked: Initial keys derive from the connection ID on the wire, so it proves nothing about
        // the sender, and computing GHASH in a cold JVM cost a quarter of a second on the 1.5 GB
        // benchmark. Whether these were the right keys is told by the frames instead (walkFrames).
        int ciphertextLength = payloadLength - TAG_LENGTH;
        if (ciphertextLength <= 0) {
            return null;
        }
        byte[] counter = new byte[16];
        System.arraycopy(nonce, 0, counter, 0, nonce.length);
        counter[15] = 2;
        byte[] ciphertext = new byte[ciphertextLength];
        buf.get(pnOffset + pnLength, ciphertext, 0, ciphertextLength);
        keys.key.ctr(counter, ciphertext, 0, ciphertextLength);
        byte[] plaintext = ciphertext;
        if (!walkFrames(plaintext, false)) {
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
            if (k != null && k.version == packetVersion && k.matches(buf, dcidOffset, dcidLength)) {
                if (i != 0) {
                    keyCache[i] = keyCache[0];
                    keyCache[0] = k;
                }
                return k;
            }
        }
        // the cache and lastGood keep at most three sets alive: those are charged
        if (keySetsCharged < 3) {
            if (!charge(KEYS_COST)) {
                return null; // no room for another set: the flow is given up
            }
            keySetsCharged++;
        }
        byte[] dcid = new byte[dcidLength];
        buf.get(dcidOffset, dcid, 0, dcidLength);
        InitialSecrets secrets = clientSecrets(packetVersion, dcid);
        InitialKeys k = new InitialKeys(packetVersion, dcid, new Aes128(secrets.key()), secrets.iv(),
                new Aes128(secrets.hp()));
        keyCache[1] = keyCache[0];
        keyCache[0] = k;
        return k;
    }

    /*
     * RFC 9000 section 19: the frames an Initial may carry (section 12.4, table 3).
     *   PADDING (0x00), PING (0x01)
     *   ACK (0x02, 0x03) { Largest (i), Delay (i), Range Count (i), First Range (i),
     *                      Range Count x { Gap (i), Length (i) }, [0x03: ECT0 (i), ECT1 (i), CE (i)] }
     *   CRYPTO (0x06)    { Offset (i), Length (i), Data (..) }
     *   CONNECTION_CLOSE (0x1c) { Error (i), Frame Type (i), Reason Length (i), Reason (..) }, (0x1d) without Frame Type
     * Anything else is not allowed in an Initial: reading stops there, keeping what came before.
     */
    private void readFrames(byte[] f) {
        walkFrames(f, true);
    }

    /**
     * Walks the frames of a decrypted Initial; with {@code apply}, CRYPTO data joins the stream.
     *
     * @return true when the payload is frames an Initial may carry, to its last byte: what right
     *         keys give. Wrong keys give random bytes, which fail this within a few frames (a random
     *         first byte is an allowed type 7 times in 256, and the lengths that follow must fit).
     */
    private boolean walkFrames(byte[] f, boolean apply) {
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
                    if (apply) {
                        addCrypto(offset, f, i, (int) length);
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

    /**
     * Adds CRYPTO stream bytes {@code src[from, from + length)} found at stream {@code offset},
     * growing the stream to hold them; data past {@link #MAX_CRYPTO_BYTES} gives the flow up, as
     * the stream holds nothing but the ClientHello.
     */
    private void addCrypto(long offset, byte[] src, int from, int length) {
        if (length == 0 || gaveUp) {
            return;
        }
        if (offset + length > MAX_CRYPTO_BYTES) {
            overCap = true;
            giveUp();
            return;
        }
        int start = (int) offset;
        int stop = start + length;
        if (!ensureStream(stop)) {
            return;
        }
        System.arraycopy(src, from, stream, start, length);
        for (int i = start; i < stop; i++) {
            present[i >>> 6] |= 1L << i;
        }
    }

    /**
     * Grows the stream (and its bitmap) to at least {@code needed} bytes: to a multiple of 64 (one
     * bitmap word), at least double the old size so a stream grows in few steps, at most the cap.
     *
     * @return false when the budget had no room; the flow is then given up
     */
    private boolean ensureStream(int needed) {
        int old = stream == null ? 0 : stream.length;
        if (needed <= old) {
            return true;
        }
        int size = Math.max(needed, Math.max(MIN_STREAM, 2 * old));
        size = Math.min(MAX_CRYPTO_BYTES, (size + 63) & ~63);
        int cost = size + size / 8 - old - old / 8 + (old == 0 ? 2 * ReassemblyBudget.ARRAY_OVERHEAD : 0);
        if (!charge(cost)) {
            return false;
        }
        if (stream == null) {
            stream = new byte[size];
            present = new long[size / 64];
        } else {
            stream = Arrays.copyOf(stream, size);
            present = Arrays.copyOf(present, size / 64);
        }
        return true;
    }

    /** Charges {@code bytes} to the budget, if any; on refusal gives the flow up. */
    private boolean charge(int bytes) {
        if (budget == null) {
            return true;
        }
        if (!budget.reserve(owner, bytes)) {
            overBudget = true;
            giveUp();
            return false;
        }
        charged += bytes;
        return true;
    }

    /** The ClientHello once bytes [0, its length) are all there; gives up on a stream that cannot be one. */
    private ClientHelloInfo complete() {
        if (stream == null) {
            return null; // no CRYPTO frame yet (an ACK- or PING-only Initial)
        }
        while (contiguous < stream.length && (present[contiguous >>> 6] & (1L << contiguous)) != 0) {
            contiguous++;
        }
        if (contiguous >= 1 && stream[0] != 1) {
            giveUp(); // the client's first handshake message is always a ClientHello (type 1)
            return null;
        }
        if (contiguous < 4) {
            return null; // the handshake header (type, uint24 length) is not there yet
        }
        if (messageLength < 0) {
            messageLength = ClientHelloParser.messageLength(ByteBuffer.wrap(stream), 0, contiguous);
            if (messageLength > MAX_CRYPTO_BYTES) {
                overCap = true;
                giveUp();
                return null;
            }
        }
        if (contiguous < messageLength) {
            return null;
        }
        ClientHelloInfo info = ClientHelloParser.parse(ByteBuffer.wrap(stream), 0, messageLength);
        if (info == null) {
            giveUp(); // whole but malformed: more packets will not mend it
            return null;
        }
        result = info;
        release(); // the name is kept; the stream and the keys are not
        return info;
    }

    private void giveUp() {
        gaveUp = true;
        release();
    }

    /** Drops the stream and the keys, giving their charges back; only the result stays readable. */
    void release() {
        stream = null;
        present = null;
        keyCache[0] = null;
        keyCache[1] = null;
        lastGood = null;
        if (budget != null) {
            budget.release(owner, charged);
        }
        charged = 0;
    }

    /** RFC 9000 section 16: the two high bits of the first byte give the length, 1, 2, 4 or 8. */
    static int varintSize(byte first) {
        return 1 << ((first & 0xFF) >>> 6);
    }

    static long varint(ByteBuffer buf, int p, int n) {
        long v = buf.get(p) & 0x3F;
        for (int i = 1; i < n; i++) {
            v = (v << 8) | (buf.get(p + i) & 0xFF);
        }
        return v;
    }

    /*
     * RFC 9001 section 5.2 (RFC 9369 section 3.3.2 for version 2's labels):
     *   initial_secret = HKDF-Extract(initial_salt, client_dst_connection_id)
     *   client_initial_secret = HKDF-Expand-Label(initial_secret, "client in", "", 32)
     *   key = HKDF-Expand-Label(client_initial_secret, "quic key", "", 16)   ("quicv2 key" in v2)
     *   iv  = HKDF-Expand-Label(client_initial_secret, "quic iv", "", 12)    ("quicv2 iv")
     *   hp  = HKDF-Expand-Label(client_initial_secret, "quic hp", "", 16)    ("quicv2 hp")
     * RFC 8446 section 7.1: HkdfLabel { uint16 length; opaque label<7..255> = "tls13 " + Label;
     *   opaque context<0..255> }; every output here fits one HMAC-SHA256 block (RFC 5869 section 2.3).
     */
    static InitialSecrets clientSecrets(int packetVersion, byte[] dcid) throws GeneralSecurityException {
        byte[] salt = salt(packetVersion);
        if (salt == null) {
            throw new GeneralSecurityException("no initial salt for version 0x" + Integer.toHexString(packetVersion));
        }
        String prefix = packetVersion == VERSION_2 ? "quicv2 " : "quic ";
        byte[] initial = initialSecret(salt, dcid);
        byte[] client = expandLabel(initial, "client in", 32);
        Sha256.Hmac underClient = new Sha256.Hmac(client); // three labels under one secret: its pads hashed once
        return new InitialSecrets(client, expandLabel(underClient, prefix + "key", 16),
                expandLabel(underClient, prefix + "iv", 12), expandLabel(underClient, prefix + "hp", 16));
    }

    static byte[] expandLabel(byte[] secret, String label, int length) throws GeneralSecurityException {
        return expandLabel(new Sha256.Hmac(secret), label, length);
    }

    private static byte[] expandLabel(Sha256.Hmac secret, String label, int length) {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + full.length + 1 + 1];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) full.length;
        System.arraycopy(full, 0, info, 3, full.length);
        info[3 + full.length] = 0; // empty context
        info[4 + full.length] = 1; // HKDF-Expand counter of block T(1)
        return Arrays.copyOf(secret.mac(info), length);
    }

    /** HKDF-Extract under each salt, made once: every connection's keys start from one of these. */
    private static final class SaltMacs {
        private static final byte[][] SALTS = {SALT_V1, SALT_V2, SALT_DRAFT_29, SALT_DRAFT_23};
        private static final Sha256.Hmac[] MACS = new Sha256.Hmac[SALTS.length];

        static {
            for (int i = 0; i < SALTS.length; i++) {
                MACS[i] = new Sha256.Hmac(SALTS[i]);
            }
        }

        static Sha256.Hmac of(byte[] salt) {
            for (int i = 0; i < SALTS.length; i++) {
                if (SALTS[i] == salt) {
                    return MACS[i];
                }
            }
            return new Sha256.Hmac(salt);
        }
    }

    /** HKDF-Extract(salt, dcid): the initial secret of RFC 9001 section 5.2. */
    static byte[] initialSecret(byte[] salt, byte[] dcid) {
        return SaltMacs.of(salt).mac(dcid);
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
        }
        return b;
    }

    /** The client's Initial secret and what it yields (RFC 9001 appendix A.1 lists them for a sample DCID). */
    record InitialSecrets(byte[] clientSecret, byte[] key, byte[] iv, byte[] hp) {
    }

    /** Ready-to-use client Initial keys for one version and Destination Connection ID. */
    private static final class InitialKeys {
        final int version;
        final byte[] dcid;
        final Aes128 key;
        final byte[] iv;
        final Aes128 hp;

        InitialKeys(int version, byte[] dcid, Aes128 key, byte[] iv, Aes128 hp) {
            this.version = version;
            this.dcid = dcid;
            this.key = key;
            this.iv = iv;
            this.hp = hp;
        }

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
