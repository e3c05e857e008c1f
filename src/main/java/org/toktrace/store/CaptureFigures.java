package org.toktrace.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;

/**
 * One side of a comparison: a stored capture's totals (its {@link LibraryEntry}), the rates derived
 * from them, and its cadence figures.
 *
 * <p>Rates divide by device time in each state (summed over devices, as {@code DeviceStates} sums it),
 * so two captures of different lengths and device counts compare fairly. They are NaN where the
 * divisor is zero (no time in that state), which a reader shows as "n/a", never as 0.
 *
 * @param cadence how often things happen (sessions, background flows...), computed by a {@link Cadence}
 */
public record CaptureFigures(LibraryEntry entry, List<Figure> cadence) {

    private static final double NANOS_PER_MINUTE = 60e9;
    private static final double NANOS_PER_HOUR = 3600e9;

    public CaptureFigures {
        Objects.requireNonNull(entry, "entry");
        cadence = List.copyOf(cadence);
    }

    /** One named figure with its unit, e.g. {@code foreground sessions = 3 (count)}; NaN when undefined. */
    public record Figure(String name, double value, String unit) {
        public Figure {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * Computes cadence figures from a whole analysis. This is the seam for richer cadence (sessions,
     * keepalive periods, claims): pass another implementation to {@link CaptureLibrary#compare(long, long, Cadence)}.
     */
    @FunctionalInterface
    public interface Cadence {
        List<Figure> of(AnalysisResult result);

        /** What the stored states alone tell: foreground sessions, their median length, background flows per hour. */
        Cadence FROM_STATES = CaptureFigures::fromStates;
    }

    /** TikTok bytes per minute of foreground device time; NaN without foreground time. */
    public double foregroundBytesPerMinute() {
        return ratio(entry.foregroundBytes(), entry.foregroundNanos() / NANOS_PER_MINUTE);
    }

    /** TikTok bytes per hour of background device time; NaN without background time. */
    public double backgroundBytesPerHour() {
        return ratio(entry.backgroundBytes(), entry.backgroundNanos() / NANOS_PER_HOUR);
    }

    /** TikTok's share of all IP bytes in the capture, in [0, 1]; NaN for an empty capture. */
    public double tiktokShare() {
        return ratio(entry.tiktokBytes(), entry.ipBytes());
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    static List<Figure> fromStates(AnalysisResult result) {
        List<Long> sessions = new ArrayList<>();
        for (DeviceStates d : result.states()) {
            for (StateInterval i : d.intervals()) {
                if (i.state() == AppState.FOREGROUND) {
                    sessions.add(i.durationNanos());
                }
            }
        }
        long backgroundFlows = 0;
        for (FlowRecord f : result.flows()) {
            if (f.attribution().state() != null && f.attribution().state().isBackground()) {
                backgroundFlows++;
            }
        }
        long bgNanos = result.totalStates().backgroundNanos();
        return List.of(
                new Figure("foreground sessions", sessions.size(), "count"),
                new Figure("median foreground session", median(sessions) / 1e9, "s"),
                new Figure("background TikTok flows per hour", ratio(backgroundFlows, bgNanos / NANOS_PER_HOUR), "per hour"));
    }

    private static double median(List<Long> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }
}
