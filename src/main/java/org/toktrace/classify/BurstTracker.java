package org.toktrace.classify;

/**
 * Joins video bins into bursts as they arrive in time order; one burst is open at a time, so the
 * online classifier and {@link VideoBursts} apply the same rule with constant memory.
 */
final class BurstTracker {
    private final long gapNanos;
    private boolean open;
    private long start;
    private long end;
    private long bytes;

    BurstTracker(long gapNanos) {
        this.gapNanos = gapNanos;
    }

    /**
     * Adds a bin {@code [binStart, binEnd)} with {@code videoBytes > 0}; returns the burst this bin
     * closed (the previous one, when the gap to it was too long), or null.
     */
    VideoBurst add(long binStart, long binEnd, long videoBytes) {
        VideoBurst closed = null;
        if (open && binStart - end >= gapNanos) {
            closed = close();
        }
        if (!open) {
            open = true;
            start = binStart;
            end = binEnd;
            bytes = 0;
        }
        end = Math.max(end, binEnd);
        bytes = StateClassifier.saturatedAdd(bytes, videoBytes);
        return closed;
    }

    /** Closes and returns the open burst if no video bin can join it any more at {@code now}. */
    VideoBurst closeIfStale(long now) {
        return open && now - end >= gapNanos ? close() : null;
    }

    /** The burst still open, or null. */
    VideoBurst ongoing() {
        return open ? new VideoBurst(start, end, bytes) : null;
    }

    VideoBurst close() {
        if (!open) {
            return null;
        }
        open = false;
        return new VideoBurst(start, end, bytes);
    }
}
