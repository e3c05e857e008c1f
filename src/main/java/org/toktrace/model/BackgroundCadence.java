package org.toktrace.model;

import java.util.Objects;

/**
 * How often TikTok talked in one category while in the background: its exchanges (runs of bins with
 * that category's bytes), their bytes, and the median time between the starts of two successive
 * exchanges of the same background interval.
 *
 * @param intervals            how many such times between exchanges the median is taken over
 * @param medianIntervalNanos  the median, or -1 when there is no interval (fewer than two exchanges
 *                             in any one background interval)
 */
public record BackgroundCadence(Category category, int exchanges, long bytes, int intervals, long medianIntervalNanos) {

    public BackgroundCadence {
        Objects.requireNonNull(category, "category");
        if (exchanges < 0 || bytes < 0 || intervals < 0 || (intervals > 0) != (medianIntervalNanos >= 0)) {
            throw new IllegalArgumentException("inconsistent cadence");
        }
    }

    public boolean hasMedian() {
        return intervals > 0;
    }
}
