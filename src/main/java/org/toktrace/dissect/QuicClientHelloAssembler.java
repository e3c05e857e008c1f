package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
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
 * <p>The work is split in two: {@link QuicInitialDecryptor} opens each Initial packet (with
 * {@link QuicLongHeader} and {@link QuicKeySchedule}), and {@link QuicCryptoStream} reassembles the
 * CRYPTO frames ({@link QuicFrames}) into the ClientHello. Made by the dissectors, the stream and
 * the kept keys are charged to the analysis' {@link ReassemblyBudget}; when it refuses, the flow is
 * given up ({@link #gaveUpOverBudget()}).
 */
public final class QuicClientHelloAssembler {

    /** Bytes of the CRYPTO stream kept, from offset 0; a longer ClientHello is given up on. */
    public static final int MAX_CRYPTO_BYTES = QuicCryptoStream.MAX_BYTES;
    /** Client datagrams holding at least one Initial packet read before giving up. */
    public static final int MAX_INITIAL_DATAGRAMS = 10;
    /** Initial packets that failed to decrypt, with none decrypted yet, before giving up. */
    public static final int MAX_FAILURES_WITHOUT_SUCCESS = 4;

    static final int VERSION_1 = QuicLongHeader.VERSION_1;
    static final int VERSION_2 = QuicLongHeader.VERSION_2;

    private final QuicInitialDecryptor decryptor;
    private final QuicCryptoStream crypto;
    private final QuicFrames.CryptoSink sink = this::onCrypto;
    private int version;
    private int initialDatagrams;
    private int decrypted;
    private int failures;
    private boolean gaveUp;
    private boolean overCap;
    private boolean overBudget;
    private ClientHelloInfo result;
    private final ReassemblyBudget budget;
    private final FlowInspection owner;
    private int charged;

    /** Creates an assembler for one flow; nothing is allocated until the first Initial arrives. */
    public QuicClientHelloAssembler() {
        this(null, null);
    }

    /** An assembler whose buffers and keys {@code owner} charges to {@code budget} (null: none). */
    QuicClientHelloAssembler(ReassemblyBudget budget, FlowInspection owner) {
        this.budget = budget;
        this.owner = owner;
        this.decryptor = new QuicInitialDecryptor(this::charge);
        this.crypto = new QuicCryptoStream(this::charge);
    }

    /**
     * Whether {@code buf[off, off + len)} starts with a client Initial packet this class can
     * decrypt: a long header with the fixed bit set, a version with a known initial salt (1, 2,
     * drafts 27 to 32, or a reserved greasing version, read as draft 29), the Initial packet type
     * for that version, connection IDs of at most 20 bytes, and a header that ends within
     * {@code len}. The 1200-byte minimum is not required: some stacks pad less.
     */
    public static boolean looksLikeClientInitial(ByteBuffer buf, int off, int len) {
        return QuicLongHeader.isClientInitial(buf, off, len);
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
            long header = QuicLongHeader.parse(buf, p, end);
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
            if (QuicLongHeader.packetType(first, packetVersion) == QuicLongHeader.INITIAL) {
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
     * RFC 9001 section 5.4 (header protection), 5.3 (AEAD), RFC 9000 section 17.1 and A.3 (packet
     * numbers), then the frames. A packet that fails anywhere is skipped; only a failure to
     * decrypt is counted, because that is what says the flow is not ours to read.
     */
    private ClientHelloInfo onInitial(ByteBuffer buf, int p, int pnOffset, int packetEnd, int packetVersion) {
        if (!QuicInitialDecryptor.holdsSample(pnOffset, packetEnd)) {
            return null; // too short to hold a sample: not a packet any stack sends
        }
        byte[] plaintext;
        try {
            plaintext = decryptor.open(buf, p, pnOffset, packetEnd, packetVersion);
        } catch (GeneralSecurityException e) {
            plaintext = null; // no AES or HMAC in this JDK: nothing to read, as for a bad packet
        }
        if (gaveUp) {
            return null; // no room in the budget for the packet's keys
        }
        if (plaintext == null) {
            failures++;
            if (decrypted == 0 && failures >= MAX_FAILURES_WITHOUT_SUCCESS) {
                giveUp();
            }
            return null;
        }
        decrypted++;
        QuicFrames.walk(plaintext, sink);
        if (gaveUp) {
            return null; // CRYPTO data past the cap, or no room in the budget
        }
        return complete();
    }

    /** One CRYPTO frame's data; data past {@link #MAX_CRYPTO_BYTES} gives the flow up. */
    private void onCrypto(long offset, byte[] src, int from, int length) {
        if (length == 0 || gaveUp) {
            return;
        }
        if (!crypto.add(offset, src, from, length)) {
            overCap = true;
            giveUp();
        }
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

    /** The ClientHello once the CRYPTO stream holds it whole; gives up on a stream that cannot be one. */
    private ClientHelloInfo complete() {
        switch (crypto.progress()) {
            case WHOLE -> {
                result = crypto.hello();
                release(); // the name is kept; the stream and the keys are not
                return result;
            }
            case OVER_CAP -> {
                overCap = true;
                giveUp();
            }
            case MALFORMED -> giveUp();
            case NEED_MORE -> {
                // more Initials may complete it
            }
        }
        return null;
    }

    private void giveUp() {
        gaveUp = true;
        release();
    }

    /** Drops the stream and the keys, giving their charges back; only the result stays readable. */
    void release() {
        crypto.release();
        decryptor.release();
        if (budget != null) {
            budget.release(owner, charged);
        }
        charged = 0;
    }

    /** The initial salt of a version, or null when its Initials cannot be decrypted here. */
    static byte[] salt(int packetVersion) {
        return QuicKeySchedule.salt(packetVersion);
    }

    /** The client's Initial secrets for a version and Destination Connection ID (RFC 9001 section 5.2). */
    static InitialSecrets clientSecrets(int packetVersion, byte[] dcid) throws GeneralSecurityException {
        return QuicKeySchedule.clientSecrets(packetVersion, dcid);
    }

    /** HKDF-Extract(salt, dcid): the initial secret of RFC 9001 section 5.2. */
    static byte[] initialSecret(byte[] salt, byte[] dcid) {
        return QuicKeySchedule.initialSecret(salt, dcid);
    }

    /** RFC 9000 appendix A.3: the full packet number nearest to the next one expected. */
    static long decodePacketNumber(long largest, long truncated, int bits) {
        return QuicInitialDecryptor.decodePacketNumber(largest, truncated, bits);
    }

    /** The client's Initial secret and what it yields (RFC 9001 appendix A.1 lists them for a sample DCID). */
    record InitialSecrets(byte[] clientSecret, byte[] key, byte[] iv, byte[] hp) {
    }
}
