package org.toktrace.classify;

import java.util.ArrayList;
import java.util.List;

/** Finds video bursts in a series of bins, with the same rule the {@link StateClassifier} applies online. */
public final class VideoBursts {
    private VideoBursts() {
    }

    /**
     * The bursts of the bins whose starts are {@code binStartNanos} (ascending) and whose video bytes
     * are {@code videoBytes}: bins with bytes closer than {@code gapNanos} join, a burst's size is
     * their sum; bins without bytes are skipped.
     */
    public static List<VideoBurst> find(long[] binStartNanos, long[] videoBytes, long binNanos, long gapNanos) {
        if (binStartNanos.length != videoBytes.length) {
            throw new IllegalArgumentException("bin arrays of different lengths");
        }
        if (binNanos <= 0 || gapNanos <= 0) {
            throw new IllegalArgumentException("bin width and gap must be positive");
        }
        List<VideoBurst> bursts = new ArrayList<>();
        BurstTracker tracker = new BurstTracker(gapNanos);
        long last = Long.MIN_VALUE;
        for (int i = 0; i < binStartNanos.length; i++) {
            if (binStartNanos[i] < last) {
                throw new IllegalArgumentException("bins out of order at " + i);
            }
            last = binStartNanos[i];
            if (videoBytes[i] > 0) {
                VideoBurst closed = tracker.add(binStartNanos[i], binStartNanos[i] + binNanos, videoBytes[i]);
                if (closed != null) {
                    bursts.add(closed);
                }
            }
        }
        VideoBurst rest = tracker.close();
        if (rest != null) {
            bursts.add(rest);
        }
        return bursts;
    }

    /** How many of {@code bursts} have at least {@code minBytes}. */
    public static int countAtLeast(List<VideoBurst> bursts, long minBytes) {
        int n = 0;
        for (VideoBurst b : bursts) {
            if (b.bytes() >= minBytes) {
                n++;
            }
        }
        return n;
    }
}
