package org.toktrace.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.toktrace.analysis.AnalysisListener;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.UnreadableCaptureException;
import org.toktrace.model.AnalysisResult;

/** Runs one analysis of a capture file; the app's seam to {@link CaptureAnalyzer}, so tests can wrap it. */
@FunctionalInterface
public interface AnalysisRunner {

    AnalysisResult analyze(Path file, AnalysisListener listener, BooleanSupplier cancelled)
            throws UnreadableCaptureException, IOException;

    /** The analyzer with the CLI's defaults, so the app's figures and exports equal {@code toktrace analyze}'s. */
    static AnalysisRunner defaults() {
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisOptions.defaults());
        return analyzer::analyze;
    }
}
