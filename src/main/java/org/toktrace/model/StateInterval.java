package org.toktrace.model;

import java.util.Objects;

/**
 * One stretch of time {@code [startNanos, endNanos)} (epoch ns) during which a device's app was in
 * one state, with how sure the classifier is and why it decided so.
 *
 * @param confidence in [0, 1]: 0.5 where the evidence sits at the thresholds, towards 1 the
 *                   further it is from them on this state's side
 * @param reason     plain words with the numbers behind the decision, never blank
 */
public record StateInterval(AppState state, long startNanos, long endNanos, double confidence, String reason) {

    public StateInterval {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("interval ends before it starts");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence outside [0, 1]: " + confidence);
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an interval needs a reason");
        }
    }

    public long durationNanos() {
        return endNanos - startNanos;
    }
}
