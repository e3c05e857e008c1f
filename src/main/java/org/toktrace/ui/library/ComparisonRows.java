package org.toktrace.ui.library;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
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

    /**
     * One row: what, its value in capture A and in capture B, and B minus A in the same unit, signed
     * ("+1.20 MB", "\u22123 min 0 s", "no change"; n/a when a side has no value; empty for rows that
     * are no quantity, such as the file name).
     */
    public record Row(String label, String a, String b, String difference) {
        public Row(String label, String a, String b) {
            this(label, a, b, "");
        }
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
        DoubleFunction<String> bytes = v -> Figures.bytes(Math.round(v));
        DoubleFunction<String> duration = v -> Figures.duration(Math.round(v));
        DoubleFunction<String> count = v -> Figures.count(Math.round(v));
        quantity(rows, "duration", x, y, f -> f.entry().durationNanos(), duration);
        quantity(rows, "devices", x, y, f -> f.entry().devices(), count);
        quantity(rows, "flows", x, y, f -> f.entry().flows(), count);
        quantity(rows, "bytes (IP)", x, y, f -> f.entry().ipBytes(), bytes);
        rows.add(new Row("TikTok", tiktok(x), tiktok(y),
                difference(x.entry().tiktokBytes(), y.entry().tiktokBytes(), bytes)));
        quantity(rows, "foreground bytes", x, y, f -> f.entry().foregroundBytes(), bytes);
        quantity(rows, "foreground time", x, y, f -> f.entry().foregroundNanos(), duration);
        quantity(rows, "background bytes", x, y, f -> f.entry().backgroundBytes(), bytes);
        quantity(rows, "background time", x, y, f -> f.entry().backgroundNanos(), duration);
        quantity(rows, "foreground per minute", x, y, CaptureFigures::foregroundBytesPerMinute, v -> rate(v, "min"));
        quantity(rows, "background per minute", x, y, f -> f.backgroundBytesPerHour() / 60, v -> rate(v, "min"));
        quantity(rows, "background per hour", x, y, CaptureFigures::backgroundBytesPerHour, v -> rate(v, "h"));
        quantity(rows, "platform push (not TikTok)", x, y, f -> f.entry().platformPushBytes(), bytes);
        Map<String, CaptureFigures.Figure[]> cadence = new LinkedHashMap<>();
        for (CaptureFigures.Figure f : x.cadence()) {
            cadence.computeIfAbsent(f.name(), k -> new CaptureFigures.Figure[2])[0] = f;
        }
        for (CaptureFigures.Figure f : y.cadence()) {
            cadence.computeIfAbsent(f.name(), k -> new CaptureFigures.Figure[2])[1] = f;
        }
        cadence.forEach((name, v) -> {
            CaptureFigures.Figure unit = v[0] != null ? v[0] : v[1];
            double a = v[0] == null ? Double.NaN : v[0].value();
            double b = v[1] == null ? Double.NaN : v[1].value();
            rows.add(new Row(name, v[0] == null ? NOT_APPLICABLE : figure(v[0]), v[1] == null ? NOT_APPLICABLE : figure(v[1]),
                    difference(a, b, d -> figure(new CaptureFigures.Figure(name, d, unit.unit())))));
        });
        return rows;
    }

    private static String tiktok(CaptureFigures f) {
        return Figures.bytes(f.entry().tiktokBytes())
                + (Double.isNaN(f.tiktokShare()) ? "" : " (" + Figures.percent(f.tiktokShare()) + " of the bytes)");
    }

    /** A row of a figure both captures have, with B minus A. */
    private static void quantity(List<Row> rows, String label, CaptureFigures x, CaptureFigures y,
            ToDoubleFunction<CaptureFigures> value, DoubleFunction<String> format) {
        double a = value.applyAsDouble(x);
        double b = value.applyAsDouble(y);
        rows.add(new Row(label, Double.isNaN(a) ? NOT_APPLICABLE : format.apply(a),
                Double.isNaN(b) ? NOT_APPLICABLE : format.apply(b), difference(a, b, format)));
    }

    /** {@code b - a} as {@code format} writes it, with its sign; n/a when either is missing. */
    static String difference(double a, double b, DoubleFunction<String> format) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return NOT_APPLICABLE;
        }
        double d = b - a;
        String magnitude = format.apply(Math.abs(d));
        if (d == 0 || magnitude.equals(format.apply(0))) {
            return "no change";
        }
        return (d > 0 ? "+" : "\u2212") + magnitude;
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

    /** The mark of a capture analysed with warnings or cut short, before its name in the list. */
    static final String DAMAGED_MARK = "\u26a0 ";

    /** Whether the entry's analysis is of a damaged capture: it ended early, or the analysis warned. */
    static boolean damaged(LibraryEntry e) {
        return !e.complete() || e.warnings() > 0;
    }

    /** The file name as the list shows it: marked when the capture was damaged. */
    static String listName(LibraryEntry e) {
        return (damaged(e) ? DAMAGED_MARK : "") + fileName(e);
    }
}
