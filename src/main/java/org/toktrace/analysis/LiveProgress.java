package org.toktrace.analysis;

import java.util.Objects;
import org.toktrace.model.LiveCaptureStats;

/**
 * Where a live capture is: the capture's counters (frames, bytes, drops, files), the analysis's
 * progress (frames read, flows), and how long it has run.
 */
public record LiveProgress(LiveCaptureStats capture, AnalysisProgress analysis, long elapsedNanos) {

    public LiveProgress {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(analysis, "analysis");
    }
}
