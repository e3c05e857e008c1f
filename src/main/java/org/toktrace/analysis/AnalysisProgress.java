package org.toktrace.analysis;

/**
 * Where a running analysis is: bytes of the input consumed out of the total (-1 when unknown),
 * frames read, flows open and flows finished.
 */
public record AnalysisProgress(long bytesRead, long totalBytes, long frames, int openFlows, long finishedFlows) {

    /** Fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        return totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : -1;
    }
}
