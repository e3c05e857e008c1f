package org.toktrace.analysis;

import org.toktrace.classify.StateReports;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.StateReport;

/**
 * The foreground/background report of an analysis result (sessions, rates, background cadence,
 * claims) for the command line and the app: computed from the result alone, so a result reloaded
 * from the library gives the same report.
 */
public final class TikTokReport {

    private TikTokReport() {
    }

    public static StateReport of(AnalysisResult result) {
        return StateReports.of(result);
    }
}
