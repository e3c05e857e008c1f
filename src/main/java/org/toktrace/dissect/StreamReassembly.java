package org.toktrace.dissect;

import java.nio.ByteBuffer;

/**
 * One direction of a TCP byte stream, rebuilt from its segments into a bounded window: segments
 * may arrive in order, out of order, duplicated or overlapping (retransmissions that resend more
 * or less than before).
 *
 * <p>Positions are sequence numbers relative to {@link #start(int, boolean) the stream start}, so
 * the 32-bit wrap-around of TCP sequence numbers never matters. The window holds at most
 * {@code cap} bytes from the start; bytes beyond it are dropped (the dissectors give up before).
 * Up to {@link #MAX_RANGES} separate runs of received bytes are remembered; a segment that would
 * need more is dropped, as a retransmission will bring it again if the stream is worth it.
 *
 * <p>Nothing is allocated until the first payload byte; then a small array that doubles up to
 * {@code cap}. Every allocation is charged to the analysis' {@link ReassemblyBudget} first; when
 * the budget refuses, the stream drops what it holds and takes nothing more ({@link #overBudget()}).
 * Overlapping bytes are overwritten by the latest copy: for the first bytes of a stream the copies
 * agree, and when they do not the ClientHello parser judges the result.
 */
final class StreamReassembly {

    /** Separate runs of bytes (holes between them) remembered at once. */
    static final int MAX_RANGES = 8;
    private static final int INITIAL_CAPACITY = 2048;

    /** What the run arrays cost, charged with the first data array. */
    private static final int RANGES_COST = 2 * (ReassemblyBudget.ARRAY_OVERHEAD + 4 * MAX_RANGES);

    private final int cap;
    private final ReassemblyBudget budget;
    private final FlowInspection owner;
    private int charged;
    private boolean overBudget;
    private int base;
    private boolean started;
    private boolean exact;
    private byte[] data;
    // sorted, disjoint, non-adjacent runs [starts[i], ends[i]) of received bytes, relative to base
    private int[] starts;
    private int[] ends;
    private int ranges;

    /** A stream held to its own cap only. */
    StreamReassembly(int cap) {
        this(cap, null, null);
    }

    /** A stream whose buffers {@code owner} charges to {@code budget} (null: none). */
    StreamReassembly(int cap, ReassemblyBudget budget, FlowInspection owner) {
        this.cap = cap;
        this.budget = budget;
        this.owner = owner;
    }

    /** Drops the buffered bytes for good; the reassembly is not used after this. */
    void release() {
        data = null;
        starts = null;
        ends = null;
        ranges = 0;
        if (budget != null) {
            budget.release(owner, charged);
        }
        charged = 0;
    }

    /** True once the budget refused to let the window grow: the stream holds nothing and takes nothing. */
    boolean overBudget() {
        return overBudget;
    }

    boolean started() {
        return started;
    }

    /** Whether the start came from a SYN (exact) rather than from the first data segment seen. */
    boolean exactStart() {
        return exact;
    }

    /**
     * Sets the sequence number of the stream's first byte. An exact start (ISN + 1 from a SYN or
     * SYN+ACK) replaces a guessed one while nothing has been received yet.
     */
    void start(int seq, boolean exactStart) {
        if (!started || (exactStart && !exact && ranges == 0)) {
            base = seq;
            started = true;
            exact = exactStart;
        }
    }

    /** Bytes available without a hole from the stream start. */
    int contiguous() {
        return ranges > 0 && starts[0] == 0 ? ends[0] : 0;
    }

    /** The highest position received so far (holes included). */
    int highest() {
        return ranges > 0 ? ends[ranges - 1] : 0;
    }

    /** The window's bytes; valid in {@code [0, contiguous())}. Null before the first payload byte. */
    byte[] data() {
        return data;
    }

    int cap() {
        return cap;
    }

    /**
     * Adds a segment's payload {@code buf[off, off + len)} whose first byte has sequence number
     * {@code seq}. Bytes before the start and beyond the window are ignored.
     *
     * @return false when the segment was dropped for lack of room (beyond the window, or a
     *         {@value #MAX_RANGES}th hole); true otherwise, duplicates included
     */
    boolean add(ByteBuffer buf, int off, int len, int seq) {
        if (len <= 0) {
            return true;
        }
        if (overBudget) {
            return false;
        }
        if (!started) {
            start(seq, false);
        }
        int rel = seq - base; // wraps correctly for streams far shorter than 2 GiB
        if (rel < 0 && !exact && ranges > 0) {
            // The first segment seen was not the first one sent (no SYN, reordering): move the
            // start back if what we hold still fits.
            long shift = -(long) rel;
            if (shift < len + (long) cap && highest() + shift <= cap) {
                if (!rebase((int) shift)) {
                    return false;
                }
                rel = 0;
            }
        }
        long from = Math.max(0, (long) rel);
        long to = Math.min((long) rel + len, cap);
        if (rel < 0 && (long) rel + len <= 0) {
            return true; // entirely before the start: an old retransmission
        }
        if (from >= to) {
            return false; // beyond the window
        }
        int f = (int) from;
        int t = (int) to;
        if (!ensureCapacity(t) || !insertRange(f, t)) {
            return false;
        }
        buf.get(off + (f - rel), data, f, t - f);
        return true;
    }

    /**
     * Drops the first {@code n} contiguous bytes: the stream now starts after them (a DNS
     * message handled, the SMTP dialogue before STARTTLS).
     */
    void consume(int n) {
        if (n <= 0) {
            return;
        }
        int c = contiguous();
        if (n > c) {
            n = c;
        }
        int hi = highest();
        System.arraycopy(data, n, data, 0, hi - n);
        base += n;
        int w = 0;
        for (int i = 0; i < ranges; i++) {
            int s = Math.max(0, starts[i] - n);
            int e = ends[i] - n;
            if (e > 0) {
                starts[w] = s;
                ends[w] = e;
                w++;
            }
        }
        ranges = w;
    }

    private boolean rebase(int shift) {
        int hi = highest();
        if (!ensureCapacity(hi + shift)) {
            return false;
        }
        System.arraycopy(data, 0, data, shift, hi);
        for (int i = 0; i < ranges; i++) {
            starts[i] += shift;
            ends[i] += shift;
        }
        base -= shift;
        return true;
    }

    /** Records run {@code [s, e)}; the run arrays exist (made with the data array). */
    private boolean insertRange(int s, int e) {
        // first run that ends at or after s (touching counts: adjacent runs merge)
        int i = 0;
        while (i < ranges && ends[i] < s) {
            i++;
        }
        // runs i..j-1 overlap or touch [s, e)
        int j = i;
        while (j < ranges && starts[j] <= e) {
            j++;
        }
        if (i == j) {
            if (ranges == MAX_RANGES) {
                return false;
            }
            System.arraycopy(starts, i, starts, i + 1, ranges - i);
            System.arraycopy(ends, i, ends, i + 1, ranges - i);
            starts[i] = s;
            ends[i] = e;
            ranges++;
            return true;
        }
        starts[i] = Math.min(s, starts[i]);
        ends[i] = Math.max(e, ends[j - 1]);
        int removed = j - i - 1;
        if (removed > 0) {
            System.arraycopy(starts, j, starts, i + 1, ranges - j);
            System.arraycopy(ends, j, ends, i + 1, ranges - j);
            ranges -= removed;
        }
        return true;
    }

    /**
     * Grows the data array to hold {@code needed} bytes (at most {@code cap}), charging the budget
     * first; the first call also makes the run arrays.
     *
     * @return false when the budget refused: then the stream is released and over budget
     */
    private boolean ensureCapacity(int needed) {
        int size;
        int cost;
        if (data == null) {
            size = Math.min(cap, Math.max(INITIAL_CAPACITY, needed));
            cost = ReassemblyBudget.ARRAY_OVERHEAD + size + RANGES_COST;
        } else if (needed > data.length) {
            size = data.length;
            while (size < needed) {
                size *= 2;
            }
            size = Math.min(cap, size);
            cost = size - data.length;
        } else {
            return true;
        }
        if (budget != null) {
            if (!budget.reserve(owner, cost)) {
                release();
                overBudget = true;
                return false;
            }
            charged += cost;
        }
        if (data == null) {
            data = new byte[size];
            starts = new int[MAX_RANGES];
            ends = new int[MAX_RANGES];
        } else {
            data = java.util.Arrays.copyOf(data, size);
        }
        return true;
    }
}
