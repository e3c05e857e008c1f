package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * The foreground/background report of an analysis: per device and in total, with the caveats that
 * go with its claims. Derived from an {@link AnalysisResult} alone (its flows' bins and attribution
 * and its states), so a result reloaded from storage gives the same report.
 *
 * @param devices  the most TikTok bytes first, as {@link AnalysisResult#states()}
 * @param total    all devices together (a null device)
 * @param caveats  what traffic alone cannot tell, in plain sentences
 * @param thirdParties the third parties contacted per TikTok state, and TikTok's login moments
 */
public record StateReport(List<DeviceStateReport> devices, DeviceStateReport total, List<String> caveats,
        ThirdPartyReport thirdParties) {

    public StateReport {
        devices = List.copyOf(devices);
        Objects.requireNonNull(total, "total");
        caveats = List.copyOf(caveats);
        Objects.requireNonNull(thirdParties, "thirdParties");
    }

    /** A report without third parties. */
    public StateReport(List<DeviceStateReport> devices, DeviceStateReport total, List<String> caveats) {
        this(devices, total, caveats, ThirdPartyReport.NONE);
    }
}
