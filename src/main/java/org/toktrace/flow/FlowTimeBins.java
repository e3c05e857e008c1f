package org.toktrace.flow;

import static org.toktrace.flow.FlowRows.CUR_BIN;
import static org.toktrace.flow.FlowRows.CUR_DOWN;
import static org.toktrace.flow.FlowRows.CUR_PACKETS_ISN;
import static org.toktrace.flow.FlowRows.CUR_UP;
import static org.toktrace.flow.FlowRows.STRIDE;

import java.util.Arrays;
import org.toktrace.model.FlowBins;

/**
 * Each flow's packets and bytes per time bin, the current bin in the flow's row and the earlier ones
 * in arrays of their own: apart because the bins are the one part of a flow that grows with its length.
 */
final class FlowTimeBins {

    private static final long NO_BIN = Long.MIN_VALUE;

    private final FlowRows rows;
    private final long binNanos;

    private long[][] oldBins; // per slot: (bin, up, down, packets) * oldBinCount, ascending, all < current bin
    private int[] oldBinCount;

    private long binCacheStart = 1;
    private long binCacheEnd = 0;
    private long binCacheBin;

    FlowTimeBins(FlowRows rows, long binNanos, int capacity) {
        this.rows = rows;
        this.binNanos = binNanos;
        oldBins = new long[capacity][];
        oldBinCount = new int[capacity];
    }

    void grow(int capacity) {
        oldBins = Arrays.copyOf(oldBins, capacity);
        oldBinCount = Arrays.copyOf(oldBinCount, capacity);
    }

    /**
     * Starts the flow in slot {@code s} with no bin; the client's ISN, which shares a field with the
     * current bin's packets, is the table's to set.
     */
    void open(int s) {
        long[] e = rows.hot;
        int b = s * STRIDE;
        e[b + CUR_BIN] = NO_BIN;
        e[b + CUR_UP] = 0;
        e[b + CUR_DOWN] = 0;
        oldBinCount[s] = 0;
    }

    /** The flow in slot {@code s} has ended: its earlier bins may go. */
    void release(int s) {
        oldBins[s] = null;
    }

    void add(int s, boolean up, long bytes, int packets, long ts) {
        long[] e = rows.hot;
        int b = s * STRIDE;
        long bin = binOf(ts);
        long current = e[b + CUR_BIN];
        if (bin != current) {
            if (current == NO_BIN || bin > current) {
                if (current != NO_BIN) {
                    spill(s);
                }
                e[b + CUR_BIN] = bin;
                e[b + CUR_UP] = 0;
                e[b + CUR_DOWN] = 0;
                e[b + CUR_PACKETS_ISN] &= 0xFFFF_FFFFL;
            } else {
                addToOldBin(s, bin, up, bytes, packets);
                return;
            }
        }
        e[b + (up ? CUR_UP : CUR_DOWN)] += bytes;
        e[b + CUR_PACKETS_ISN] += (long) packets << 32;
    }

    /** The bins of the flow in slot {@code s}, earlier ones and the current one, as a record. */
    FlowBins of(int s) {
        long[] e = rows.hot;
        int b = s * STRIDE;
        long current = e[b + CUR_BIN];
        int old = oldBinCount[s];
        int n = old + (current == NO_BIN ? 0 : 1);
        long[] bin = new long[n];
        long[] up = new long[n];
        long[] down = new long[n];
        int[] packets = new int[n];
        long[] o = oldBins[s];
        for (int i = 0; i < old; i++) {
            bin[i] = o[4 * i];
            up[i] = o[4 * i + 1];
            down[i] = o[4 * i + 2];
            packets[i] = (int) o[4 * i + 3];
        }
        if (n > old) {
            bin[old] = current;
            up[old] = e[b + CUR_UP];
            down[old] = e[b + CUR_DOWN];
            packets[old] = (int) (e[b + CUR_PACKETS_ISN] >>> 32);
        }
        return new FlowBins(binNanos, bin, up, down, packets);
    }

    private long binOf(long ts) {
        // packets come in time order, so the bin of the previous packet almost always fits
        if (ts >= binCacheStart && ts < binCacheEnd) {
            return binCacheBin;
        }
        long bin = Math.floorDiv(ts, binNanos);
        binCacheBin = bin;
        binCacheStart = bin * binNanos;
        binCacheEnd = binCacheStart + binNanos;
        if (Math.floorDiv(binCacheStart, binNanos) != bin || binCacheEnd < binCacheStart) {
            binCacheStart = 1; // overflow at either end of time: no cache for this one
            binCacheEnd = 0;
        }
        return bin;
    }

    private void spill(int s) {
        long[] e = rows.hot;
        int b = s * STRIDE;
        int n = oldBinCount[s];
        long[] o = ensureOldBins(s, n + 1);
        o[4 * n] = e[b + CUR_BIN];
        o[4 * n + 1] = e[b + CUR_UP];
        o[4 * n + 2] = e[b + CUR_DOWN];
        o[4 * n + 3] = e[b + CUR_PACKETS_ISN] >>> 32;
        oldBinCount[s] = n + 1;
    }

    // a packet older than the current bin (timestamps that step back): add to its bin or insert it
    private void addToOldBin(int s, long bin, boolean up, long bytes, int packets) {
        int n = oldBinCount[s];
        long[] o = oldBins[s];
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long b = o[4 * mid];
            if (b < bin) {
                lo = mid + 1;
            } else if (b > bin) {
                hi = mid - 1;
            } else {
                o[4 * mid + (up ? 1 : 2)] += bytes;
                o[4 * mid + 3] += packets;
                return;
            }
        }
        o = ensureOldBins(s, n + 1);
        System.arraycopy(o, 4 * lo, o, 4 * lo + 4, 4 * (n - lo));
        o[4 * lo] = bin;
        o[4 * lo + 1] = up ? bytes : 0;
        o[4 * lo + 2] = up ? 0 : bytes;
        o[4 * lo + 3] = packets;
        oldBinCount[s] = n + 1;
    }

    private long[] ensureOldBins(int s, int bins) {
        long[] o = oldBins[s];
        if (o == null || o.length < 4 * bins) {
            // most flows span a few bins; grow by half to keep the slack of long flows small
            o = o == null ? new long[8] : Arrays.copyOf(o, Math.max(o.length + (o.length >>> 3 << 2), 4 * bins));
            oldBins[s] = o;
        }
        return o;
    }
}
