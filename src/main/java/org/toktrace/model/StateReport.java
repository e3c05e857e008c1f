package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * The foreground/background report of an analysis: per device and in total, with the caveats that
 * go with its claims. Derived from an {@link AnalysisResult} alone (its flows' bins and attribution
 * and its states), so a result reloaded from storage gives the same report.
 *
 * @param devices  the most TikTok bytes first, as {@link AnalysisResult#states()}
 * @param total    all devices together, under the label {@code all}
 * @param caveats  what traffic alone cannot tell, in plain sentences
 */
public record StateReport(List<DeviceStateReport> devices, DeviceStateReport total, List<String> caveats) {

    public StateReport {
        devices = List.copyOf(devices);
        Objects.requireNonNull(total, "total");
        caveats = List.copyOf(caveats);
    }
}
