package org.toktrace.model;

import java.util.Objects;

/**
 * One stretch of foreground on one device, {@code [startNanos, endNanos)} (epoch ns): the TikTok
 * bytes in it and how many video downloads it held.
 *
 * @param device the device it was on
 */
public record ScrollingSession(Device.Id device, long startNanos, long endNanos, long bytes, int videos) {

    public ScrollingSession {
        Objects.requireNonNull(device, "device");
        if (endNanos < startNanos || bytes < 0 || videos < 0) {
            throw new IllegalArgumentException("a session ends after it starts and has no negative count");
        }
    }

    public long durationNanos() {
        return endNanos - startNanos;
    }
}
