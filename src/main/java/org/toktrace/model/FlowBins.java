package org.toktrace.model;

import java.util.Arrays;

/**
 * A flow's volume per fixed-width time bin, only the bins that hold traffic, in ascending order.
 * Bin {@code n} covers {@code [n * binNanos, (n + 1) * binNanos)} nanoseconds since the epoch.
 */
public record FlowBins(long binNanos, long[] bins, long[] bytesUp, long[] bytesDown, int[] packets) {

    public FlowBins {
        if (binNanos <= 0) {
            throw new IllegalArgumentException("bin width must be positive");
        }
        int n = bins.length;
        if (bytesUp.length != n || bytesDown.length != n || packets.length != n) {
            throw new IllegalArgumentException("bin arrays of different lengths");
        }
        bins = bins.clone();
        bytesUp = bytesUp.clone();
        bytesDown = bytesDown.clone();
        packets = packets.clone();
    }

    public static FlowBins empty(long binNanos) {
        return new FlowBins(binNanos, new long[0], new long[0], new long[0], new int[0]);
    }

    public int size() {
        return bins.length;
    }

    /** Start of bin {@code i} (an index into these arrays) in epoch nanoseconds. */
    public long binStartNanos(int i) {
        return bins[i] * binNanos;
    }

    @Override
    public long[] bins() {
        return bins.clone();
    }

    @Override
    public long[] bytesUp() {
        return bytesUp.clone();
    }

    @Override
    public long[] bytesDown() {
        return bytesDown.clone();
    }

    @Override
    public int[] packets() {
        return packets.clone();
    }

    public long bin(int i) {
        return bins[i];
    }

    public long bytesUp(int i) {
        return bytesUp[i];
    }

    public long bytesDown(int i) {
        return bytesDown[i];
    }

    public int packets(int i) {
        return packets[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowBins b && binNanos == b.binNanos && Arrays.equals(bins, b.bins)
                && Arrays.equals(bytesUp, b.bytesUp) && Arrays.equals(bytesDown, b.bytesDown)
                && Arrays.equals(packets, b.packets);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(binNanos) * 31 + Arrays.hashCode(bins);
    }

    @Override
    public String toString() {
        return "FlowBins[" + bins.length + " bins of " + binNanos + " ns]";
    }
}
