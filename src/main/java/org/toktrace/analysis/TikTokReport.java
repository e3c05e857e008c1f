package org.toktrace.analysis;

import java.time.Duration;
import org.toktrace.classify.StateReports;
import org.toktrace.classify.StateThresholds;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.StateReport;

/**
 * The foreground/background report of an analysis result (sessions, rates, background cadence,
 * claims) for the command line and the app: computed from the result alone, with the classifier's
 * thresholds for the result's bin, so a result reloaded from the library gives the same report.
 */
public final class TikTokReport {

    private TikTokReport() {
    }

    public static StateReport of(AnalysisResult result) {
        Duration bin = result.flows().isEmpty() ? Duration.ofSeconds(1)
                : Duration.ofNanos(result.flows().get(0).bins().binNanos());
        // a bin the classifier does not take leaves the result without states; the report is then empty anyway
        return StateReports.of(result, StateThresholds.forBin(bin).orElse(StateThresholds.defaults()));
    }
}
