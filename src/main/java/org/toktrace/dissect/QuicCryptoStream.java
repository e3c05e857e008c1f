package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.toktrace.model.ClientHelloInfo;

/**
 * The client's Initial CRYPTO stream, rebuilt from the CRYPTO frames of its Initial packets in any
 * order, up to the end of the ClientHello it carries (RFC 9001 section 4.1.3: nothing else).
 *
 * <p>Memory: the bytes are held from offset 0 in an array sized to the highest offset received
 * (grown as frames arrive, never beyond {@link #MAX_BYTES}), beside one bit per byte saying which
 * arrived; a stream whose first frame starts at offset 1000 holds about 2 kB, not the cap. Each
 * growth is charged through {@code charge} first.
 */
final class QuicCryptoStream {

    /**
     * Bytes of the stream kept, from offset 0; a longer ClientHello is given up on. A ClientHello is
     * 0.3-2 kB in practice, some 3 kB with several post-quantum key shares, so 16 KiB leaves room
     * for five times the largest seen while a flood of flows cannot make one flow cost more than this.
     */
    static final int MAX_BYTES = 16 * 1024;
    /** Smallest array made: a ClientHello of one datagram fits. */
    private static final int MIN_STREAM = 1536;

    /** What {@link #progress} found. */
    enum Progress {
        /** Not whole yet: more CRYPTO frames may complete it. */
        NEED_MORE,
        /** Whole and read: {@link #hello()} holds it. */
        WHOLE,
        /** Not a ClientHello, or one whole but malformed: more frames will not mend it. */
        MALFORMED,
        /** A ClientHello that says it is longer than {@link #MAX_BYTES}. */
        OVER_CAP
    }

    /** Reserves bytes for the flow; false when refused, and the flow is then given up. */
    private final IntPredicate charge;
    // bytes from offset 0 and one bit per byte saying it arrived; allocated with the first frame
    private byte[] stream;
    private long[] present;
    private int contiguous;
    private int messageLength = -1;
    private ClientHelloInfo hello;

    QuicCryptoStream(IntPredicate charge) {
        this.charge = charge;
    }

    /**
     * Adds stream bytes {@code src[from, from + length)} found at stream {@code offset}, growing the
     * stream to hold them (unless the budget refuses).
     *
     * @return false when the data lies past {@link #MAX_BYTES}: the stream holds nothing but the
     *         ClientHello, so no ClientHello this long is read
     */
    boolean add(long offset, byte[] src, int from, int length) {
        if (offset + length > MAX_BYTES) {
            return false;
        }
        int start = (int) offset;
        int stop = start + length;
        if (!ensureStream(stop)) {
            return true; // refused: the flow is given up by whoever charged
        }
        System.arraycopy(src, from, stream, start, length);
        for (int i = start; i < stop; i++) {
            present[i >>> 6] |= 1L << i;
        }
        return true;
    }

    /**
     * Grows the stream (and its bitmap) to at least {@code needed} bytes: to a multiple of 64 (one
     * bitmap word), at least double the old size so a stream grows in few steps, at most the cap.
     *
     * @return false when the budget had no room
     */
    private boolean ensureStream(int needed) {
        int old = stream == null ? 0 : stream.length;
        if (needed <= old) {
            return true;
        }
        int size = Math.max(needed, Math.max(MIN_STREAM, 2 * old));
        size = Math.min(MAX_BYTES, (size + 63) & ~63);
        int cost = size + size / 8 - old - old / 8 + (old == 0 ? 2 * ReassemblyBudget.ARRAY_OVERHEAD : 0);
        if (!charge.test(cost)) {
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

    /** Whether bytes [0, the ClientHello's length) are all there, and what they hold. */
    Progress progress() {
        if (stream == null) {
            return Progress.NEED_MORE; // no CRYPTO frame yet (an ACK- or PING-only Initial)
        }
        while (contiguous < stream.length && (present[contiguous >>> 6] & (1L << contiguous)) != 0) {
            contiguous++;
        }
        if (contiguous >= 1 && stream[0] != 1) {
            return Progress.MALFORMED; // the client's first handshake message is always a ClientHello (type 1)
        }
        if (contiguous < 4) {
            return Progress.NEED_MORE; // the handshake header (type, uint24 length) is not there yet
        }
        if (messageLength < 0) {
            messageLength = ClientHelloParser.messageLength(ByteBuffer.wrap(stream), 0, contiguous);
            if (messageLength > MAX_BYTES) {
                return Progress.OVER_CAP;
            }
        }
        if (contiguous < messageLength) {
            return Progress.NEED_MORE;
        }
        hello = ClientHelloParser.parse(ByteBuffer.wrap(stream), 0, messageLength);
        return hello == null ? Progress.MALFORMED : Progress.WHOLE;
    }

    /** The ClientHello once {@link #progress} said {@link Progress#WHOLE}, else null. */
    ClientHelloInfo hello() {
        return hello;
    }

    /** Drops the bytes; the caller gives their charges back. */
    void release() {
        stream = null;
        present = null;
    }
}
