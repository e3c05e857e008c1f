package org.toktrace.analysis;

/**
 * Receives progress from an analysis running on another thread, a few times a second at most,
 * never per packet. Implementations must be quick and must not block.
 */
@FunctionalInterface
public interface AnalysisListener {

    AnalysisListener NONE = progress -> { };

    void progress(AnalysisProgress progress);
}
