package org.toktrace.classify;

/**
 * One video download as the bins show it: consecutive bins with video bytes, no gap between them
 * as long as the burst gap; {@code [startNanos, endNanos)} spans its bins, {@code bytes} sums them.
 */
public record VideoBurst(long startNanos, long endNanos, long bytes) {

    public VideoBurst {
        if (endNanos < startNanos || bytes < 0) {
            throw new IllegalArgumentException("a burst ends after it starts and has bytes");
        }
    }

    public long durationNanos() {
        return endNanos - startNanos;
    }
}
