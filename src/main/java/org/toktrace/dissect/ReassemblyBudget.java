package org.toktrace.dissect;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The memory all flows of one analysis may hold for reassembly (TCP stream windows, QUIC CRYPTO
 * streams and the Initial keys kept to read them), charged as the buffers grow and given back
 * when a flow is named, given up or ends. Used by the dissecting thread only.
 *
 * <p>Each flow is also held to its own cap by its reassembly ({@link TcpStreamDissector#MAX_STREAM},
 * {@link QuicClientHelloAssembler#MAX_CRYPTO_BYTES}); this budget bounds their sum, so memory does
 * not grow with the number of flows that start a ClientHello and never finish it. When a charge
 * does not fit, the flows that have held memory longest are given up to make room: a ClientHello
 * is whole within a round trip or two of its first bytes, so the flow that has waited longest is
 * the least likely to be named, and a flood of flows that never complete cannot keep the flows
 * that do from being read. The charges are estimates of the heap used (array contents plus their
 * headers), not measurements.
 */
final class ReassemblyBudget {

    /** The largest default budget: some 3,000 flows at their per-flow caps, far more in practice. */
    static final long MAX_DEFAULT_BYTES = 64L << 20;
    /** The smallest default budget, for very small heaps: still some 60 flows at their caps. */
    static final long MIN_DEFAULT_BYTES = 1L << 20;
    /** Heap bytes an array costs beyond its contents (header and length, rounded). */
    static final int ARRAY_OVERHEAD = 16;

    /** Why a flow's reassembly was given up for memory. */
    enum Reason {
        /** The flow needed more than its own cap (a ClientHello longer than any client sends). */
        FLOW_CAP,
        /** The flows together had reached the total budget. */
        TOTAL_BUDGET
    }

    private final long limit;
    private long used;
    private long peak;
    // written by the dissecting thread only, read by others for partial results
    private volatile long overFlowCap;
    private volatile long overTotalBudget;
    // Flows holding memory now, the longest-holding first (LinkedHashSet keeps insertion order and
    // an element added again keeps its place).
    private final LinkedHashSet<FlowInspection> holders = new LinkedHashSet<>();

    ReassemblyBudget(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + limitBytes);
        }
        this.limit = limitBytes;
    }

    /**
     * An eighth of the maximum heap, within [{@value #MIN_DEFAULT_BYTES}, {@value #MAX_DEFAULT_BYTES}]:
     * reassembly shares the heap with the flow table, the finished flows and the packets waiting
     * for the dissecting thread, which need the rest.
     */
    static long defaultLimit() {
        long max = Runtime.getRuntime().maxMemory();
        long share = max == Long.MAX_VALUE ? MAX_DEFAULT_BYTES : max / 8;
        return Math.max(MIN_DEFAULT_BYTES, Math.min(MAX_DEFAULT_BYTES, share));
    }

    /**
     * Charges {@code bytes} to {@code owner}, first giving up the flows that have held memory
     * longest (never the owner) while the charge does not fit.
     *
     * @return false when it cannot fit even so; then nothing is charged, the give-up is counted,
     *         and the owner must drop its reassembly and never buffer again
     */
    boolean reserve(FlowInspection owner, int bytes) {
        if (bytes <= 0) {
            return true;
        }
        while (used + bytes > limit) {
            FlowInspection victim = oldestOtherThan(owner);
            if (victim == null) {
                overTotalBudget++;
                return false;
            }
            overTotalBudget++;
            victim.finish(); // gives its charges back through release()
            if (holders.remove(victim)) {
                // a holder whose reassembly did not give everything back: forget its charges anyway
                used -= victim.reserved;
                victim.reserved = 0;
            }
        }
        used += bytes;
        peak = Math.max(peak, used);
        owner.reserved += bytes;
        holders.add(owner);
        return true;
    }

    /** Gives back {@code bytes} that {@code owner} had reserved. */
    void release(FlowInspection owner, int bytes) {
        if (bytes <= 0) {
            return;
        }
        int n = Math.min(bytes, owner.reserved);
        owner.reserved -= n;
        used -= n;
        if (owner.reserved == 0) {
            holders.remove(owner);
        }
    }

    /** Counts a flow given up because it needed more than its own cap. */
    void overFlowCap() {
        overFlowCap++;
    }

    private FlowInspection oldestOtherThan(FlowInspection owner) {
        Iterator<FlowInspection> it = holders.iterator();
        while (it.hasNext()) {
            FlowInspection f = it.next();
            if (f != owner) {
                return f;
            }
        }
        return null;
    }

    /** Bytes charged now, over all flows. */
    long used() {
        return used;
    }

    /** The most bytes charged at once so far. */
    long peak() {
        return peak;
    }

    long limit() {
        return limit;
    }

    /** Flows holding memory now. */
    int holders() {
        return holders.size();
    }

    long givenUp(Reason reason) {
        return reason == Reason.FLOW_CAP ? overFlowCap : overTotalBudget;
    }
}
