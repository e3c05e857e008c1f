package org.toktrace.ui.library;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.BackgroundCadence;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.ScrollingSession;
import org.toktrace.store.CaptureComparison;
import org.toktrace.store.CaptureFigures;
import org.toktrace.store.LibraryEntry;
import org.toktrace.ui.Figures;

/**
 * Two stored captures side by side as rows of text, label then one cell per capture: totals,
 * foreground and background bytes and time, rates per minute of each state, and cadence (the stored
 * states' figures plus the TikTok report's sessions, background downloads and how often each category
 * talked in the background). Figures that do not apply read "n/a", never 0.
 */
public final class ComparisonRows {

    /** One row: what, and its value in capture A and in capture B. */
    public record Row(String label, String a, String b) {
    }

    static final String NOT_APPLICABLE = "n/a";
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private ComparisonRows() {
    }

    /**
     * The cadence the app compares: the stored states' figures, then the TikTok report's (computed from
     * the reloaded result, as the library recomputes every derived figure).
     */
    public static final CaptureFigures.Cadence CADENCE = ComparisonRows::cadence;

    static List<CaptureFigures.Figure> cadence(AnalysisResult r) {
        List<CaptureFigures.Figure> out = new ArrayList<>(CaptureFigures.Cadence.FROM_STATES.of(r));
        DeviceStateReport t = TikTokReport.of(r).total();
        int videos = 0;
        for (ScrollingSession s : t.sessions()) {
            videos += s.videos();
        }
        out.add(new CaptureFigures.Figure("videos while scrolling", videos, "count"));
        out.add(new CaptureFigures.Figure("video downloads in background", t.backgroundDownloads(), "count"));
        for (BackgroundCadence c : t.cadence()) {
            String what = c.category().name().toLowerCase(Locale.ROOT);
            out.add(new CaptureFigures.Figure("background " + what + " exchanges", c.exchanges(), "count"));
            out.add(new CaptureFigures.Figure("background " + what + " every (median)",
                    c.hasMedian() ? c.medianIntervalNanos() / 1e9 : Double.NaN, "s"));
        }
        return out;
    }

    /** The rows for {@code c}; cadence figures are matched by name, a figure only one side has shows "n/a" on the other. */
    public static List<Row> of(CaptureComparison c) {
        CaptureFigures x = c.a();
        CaptureFigures y = c.b();
        List<Row> rows = new ArrayList<>();
        row(rows, "capture", x, y, f -> "#" + f.entry().id() + " " + fileName(f.entry().source()));
        row(rows, "analysed (UTC)", x, y, f -> MINUTE.format(f.entry().analysedAt()));
        row(rows, "catalog", x, y, f -> f.entry().catalogVersion());
        row(rows, "duration", x, y, f -> Figures.duration(f.entry().durationNanos()));
        row(rows, "devices", x, y, f -> Figures.count(f.entry().devices()));
        row(rows, "flows", x, y, f -> Figures.count(f.entry().flows()));
        row(rows, "bytes (IP)", x, y, f -> Figures.bytes(f.entry().ipBytes()));
        row(rows, "TikTok", x, y, f -> Figures.bytes(f.entry().tiktokBytes())
                + (Double.isNaN(f.tiktokShare()) ? "" : " (" + Figures.percent(f.tiktokShare()) + " of the bytes)"));
        row(rows, "foreground bytes", x, y, f -> Figures.bytes(f.entry().foregroundBytes()));
        row(rows, "foreground time", x, y, f -> Figures.duration(f.entry().foregroundNanos()));
        row(rows, "background bytes", x, y, f -> Figures.bytes(f.entry().backgroundBytes()));
        row(rows, "background time", x, y, f -> Figures.duration(f.entry().backgroundNanos()));
        row(rows, "foreground per minute", x, y, f -> rate(f.foregroundBytesPerMinute(), "min"));
        row(rows, "background per minute", x, y, f -> rate(f.backgroundBytesPerHour() / 60, "min"));
        row(rows, "background per hour", x, y, f -> rate(f.backgroundBytesPerHour(), "h"));
        row(rows, "platform push (not TikTok)", x, y, f -> Figures.bytes(f.entry().platformPushBytes()));
        Map<String, String[]> cadence = new LinkedHashMap<>();
        for (CaptureFigures.Figure f : x.cadence()) {
            cadence.computeIfAbsent(f.name(), k -> new String[] {NOT_APPLICABLE, NOT_APPLICABLE})[0] = figure(f);
        }
        for (CaptureFigures.Figure f : y.cadence()) {
            cadence.computeIfAbsent(f.name(), k -> new String[] {NOT_APPLICABLE, NOT_APPLICABLE})[1] = figure(f);
        }
        cadence.forEach((name, v) -> rows.add(new Row(name, v[0], v[1])));
        return rows;
    }

    private static void row(List<Row> rows, String label, CaptureFigures x, CaptureFigures y,
            Function<CaptureFigures, String> cell) {
        rows.add(new Row(label, cell.apply(x), cell.apply(y)));
    }

    static String rate(double bytesPer, String unit) {
        return Double.isNaN(bytesPer) ? NOT_APPLICABLE : Figures.bytes(Math.round(bytesPer)) + "/" + unit;
    }

    static String figure(CaptureFigures.Figure f) {
        if (Double.isNaN(f.value())) {
            return NOT_APPLICABLE;
        }
        return switch (f.unit()) {
            case "count" -> Figures.count(Math.round(f.value()));
            case "s" -> Figures.duration(Math.round(f.value() * 1e9));
            default -> String.format(Locale.ROOT, "%.1f %s", f.value(), f.unit());
        };
    }

    /** The last part of a stored path, whichever separator the system that saved it used. */
    static String fileName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash >= 0 ? source.substring(slash + 1) : source;
    }

    /** The entry's file name, for the list. */
    static String fileName(LibraryEntry e) {
        return fileName(e.source());
    }
}
