package org.toktrace.ui;

import org.toktrace.analysis.AnalysisProgress;

/**
 * The status line of a running analysis: bytes read of the total, packets, flows, and an estimate
 * of the time left from the reading speed so far (none until there is enough to go on).
 */
public final class ProgressText {
    /** Below this much elapsed time or this share done, an estimate would only jump about. */
    private static final long MIN_ELAPSED_NANOS = 1_000_000_000L;
    private static final double MIN_FRACTION = 0.01;

    private ProgressText() {
    }

    /** Seconds left, or -1 when it cannot be told yet. */
    public static long secondsLeft(AnalysisProgress p, long elapsedNanos) {
        double f = p.fraction();
        if (f < MIN_FRACTION || elapsedNanos < MIN_ELAPSED_NANOS) {
            return -1;
        }
        return Math.round(elapsedNanos * (1 - f) / f / 1e9);
    }

    /** {@code 312 MB of 1.50 GB (21 %) · 2,345,678 packets · 12,345 flows · about 40 s left}. */
    public static String of(AnalysisProgress p, long elapsedNanos) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(Figures.bytes(p.bytesRead()));
        if (p.totalBytes() > 0) {
            sb.append(" of ").append(Figures.bytes(p.totalBytes())).append(" (").append(Figures.percent(p.fraction())).append(')');
        }
        sb.append(" · ").append(Figures.count(p.frames())).append(" packets · ")
                .append(Figures.count(p.openFlows() + p.finishedFlows())).append(" flows");
        long left = secondsLeft(p, elapsedNanos);
        if (left >= 0) {
            sb.append(" · about ").append(Figures.duration(left * 1_000_000_000L)).append(" left");
        }
        return sb.toString();
    }
}
