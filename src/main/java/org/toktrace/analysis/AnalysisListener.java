package org.toktrace.analysis;

import org.toktrace.model.AnalysisResult;

/**
 * Receives progress from an analysis running on another thread, a few times a second at most,
 * never per packet. Implementations must be quick and must not block.
 */
@FunctionalInterface
public interface AnalysisListener {

    AnalysisListener NONE = progress -> { };

    void progress(AnalysisProgress progress);

    /**
     * How often this listener wants {@link #partialResult}s of a long analysis, in nanoseconds; 0
     * (the default) for none. Asked once, when the analysis starts.
     */
    default long partialResultIntervalNanos() {
        return 0;
    }

    /**
     * The analysis so far, as if the capture ended at the packet read last: flows (open ones with
     * their counts so far), their attribution from what was seen, TikTok's states; {@code complete()}
     * is false and the name memory is not consulted. Called on the analysis' second thread, never
     * two at a time, and skipped while the previous one is still being made; must return quickly.
     */
    default void partialResult(AnalysisResult partial) {
    }
}
