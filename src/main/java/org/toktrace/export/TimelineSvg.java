package org.toktrace.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TikTokBins;

/**
 * The report's timeline: TikTok's bytes per time bin by state, as inline SVG, on a log scale so the
 * kilobytes of background show beside the megabytes of foreground, as the app's timeline does. SVG
 * rather than a bitmap: it needs no drawing library (AWT stays in the app), prints sharp, and the
 * browser and the PDF renderer both draw it.
 *
 * <p>A long capture is drawn in wider bins (whole multiples of the analysis bin) so the chart holds
 * at most {@link #MAX_BARS} bars; each bar is one state's bytes in that bin, so a bin that holds two
 * states (two devices, or a change of state) has a bar of each.
 */
final class TimelineSvg {

    /** Bars across the chart: about two points each on an A4 page, finer than print separates. */
    static final int MAX_BARS = 300;

    static final int WIDTH = 960;
    static final int HEIGHT = 360;
    private static final int LEFT = 72;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int PLOT_BOTTOM = 274;

    /** The series of the chart: the model's states, and the bytes outside every state interval. */
    enum Series {
        FOREGROUND("foreground", "foreground (on screen)", "#D55E00"),
        MINIMIZED("minimized", "minimized", "#56B4E9"),
        CLOSED("closed", "closed", "#009E73"),
        BACKGROUND("background", "background (minimized or closed)", "#0072B2"),
        UNCLASSIFIED("unclassified", "outside TikTok's states", "#999999");

        final String key;
        final String legend;
        final String colour;

        Series(String key, String legend, String colour) {
            this.key = key;
            this.legend = legend;
            this.colour = colour;
        }

        static Series of(AppState s) {
            if (s == null) {
                return UNCLASSIFIED;
            }
            return switch (s) {
                case FOREGROUND -> FOREGROUND;
                case MINIMIZED -> MINIMIZED;
                case CLOSED -> CLOSED;
                case BACKGROUND -> BACKGROUND;
            };
        }
    }

    /** TikTok's bytes per display bin and series. */
    record Bins(long binNanos, TreeMap<Long, long[]> sums) {
        EnumMap<Series, Long> totals() {
            EnumMap<Series, Long> t = new EnumMap<>(Series.class);
            for (long[] s : sums.values()) {
                for (Series series : Series.values()) {
                    if (s[series.ordinal()] > 0) {
                        t.merge(series, s[series.ordinal()], Long::sum);
                    }
                }
            }
            return t;
        }
    }

    private TimelineSvg() {
    }

    /** The analysis bin: the width of the first TikTok flow's bins, 1 s without one. */
    static long analysisBin(AnalysisResult result) {
        for (FlowRecord f : result.flows()) {
            if (f.attribution().isTikTok()) {
                return f.bins().binNanos();
            }
        }
        return 1_000_000_000L;
    }

    static Bins bins(AnalysisResult result) {
        Map<Device.Id, DeviceStates> states = new HashMap<>();
        for (DeviceStates d : result.states()) {
            states.put(d.device(), d);
        }
        long analysisBin = Math.max(1, analysisBin(result));
        long span = Math.max(1, result.capture().durationNanos());
        long factor = Math.max(1, (span / analysisBin + MAX_BARS - 1) / MAX_BARS);
        long width = analysisBin * factor;
        TreeMap<Long, long[]> sums = new TreeMap<>();
        TikTokBins.of(result.flows()).forEach((device, list) -> {
            DeviceStates d = states.get(device);
            for (TikTokBins.Bin b : list) {
                Series s = Series.of(d == null ? null : d.stateAt(b.binStartNanos()));
                long start = Math.floorDiv(b.binStartNanos(), width) * width;
                sums.computeIfAbsent(start, k -> new long[Series.values().length])[s.ordinal()] += b.bytes();
            }
        });
        return new Bins(width, sums);
    }

    /** The chart of {@code result} as an {@code <svg>} element; names in it come from the model's enums only. */
    static String of(AnalysisResult result) {
        Bins bins = bins(result);
        long from = result.capture().firstNanos();
        long to = Math.max(result.capture().lastNanos(), from + 1_000_000_000L);
        if (!bins.sums().isEmpty()) {
            from = Math.min(from, bins.sums().firstKey());
            to = Math.max(to, bins.sums().lastKey() + bins.binNanos());
        }
        long max = 1;
        long min = Long.MAX_VALUE;
        for (long[] s : bins.sums().values()) {
            for (long v : s) {
                if (v > 0) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        int top = Math.max(3, (int) Math.ceil(Math.log10(max) - 1e-9));
        int bottom = min == Long.MAX_VALUE ? 2 : Math.max(1, Math.min(2, (int) Math.floor(Math.log10(min))));
        bottom = Math.min(bottom, top - 1);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = PLOT_BOTTOM - TOP;
        double xScale = plotW / (double) (to - from);

        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" font-size=\"12\" role=\"img\">");
        svg.append("<title>TikTok's bytes per ").append(HtmlText.escape(binText(bins.binNanos())))
                .append(" by state, log scale</title>");
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW)
                .append("\" height=\"").append(plotH).append("\" fill=\"#ffffff\" stroke=\"#8c959f\"/>");
        // foreground time shaded behind the bars, as in the app
        svg.append("<g class=\"foreground-time\">");
        for (DeviceStates d : result.states()) {
            for (StateInterval i : d.intervals()) {
                if (i.state() == AppState.FOREGROUND && i.endNanos() > from && i.startNanos() < to) {
                    double x0 = LEFT + (Math.max(i.startNanos(), from) - from) * xScale;
                    double x1 = LEFT + (Math.min(i.endNanos(), to) - from) * xScale;
                    svg.append("<rect x=\"").append(num(x0)).append("\" y=\"").append(TOP).append("\" width=\"")
                            .append(num(Math.max(0.5, x1 - x0))).append("\" height=\"").append(plotH)
                            .append("\" fill=\"#D55E00\" fill-opacity=\"0.08\"/>");
                }
            }
        }
        svg.append("</g>");
        // the decades of the log scale
        svg.append("<g class=\"y-axis\">");
        for (int p = bottom; p <= top; p++) {
            double y = yOf(Math.pow(10, p), bottom, top);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#dddddd\"/>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\" fill=\"#1f2328\">").append(decade(p)).append("</text>");
        }
        svg.append("<text transform=\"translate(16 ").append((TOP + PLOT_BOTTOM) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#1f2328\">bytes per ")
                .append(HtmlText.escape(binText(bins.binNanos()))).append(" (log scale)</text>");
        svg.append("</g>");
        svg.append("<g class=\"x-axis\">");
        long step = tickStep(to - from);
        for (long t = Math.floorDiv(from + step - 1, step) * step; t <= to; t += step) {
            double x = LEFT + (t - from) * xScale;
            svg.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(PLOT_BOTTOM)
                    .append("\" y2=\"").append(PLOT_BOTTOM + 5).append("\" stroke=\"#8c959f\"/>");
            svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(PLOT_BOTTOM + 18)
                    .append("\" text-anchor=\"middle\" fill=\"#1f2328\">").append(clock(t, step)).append("</text>");
        }
        svg.append("<text x=\"").append(LEFT + plotW / 2).append("\" y=\"").append(PLOT_BOTTOM + 36)
                .append("\" text-anchor=\"middle\" fill=\"#1f2328\">time (UTC), ")
                .append(HtmlText.escape(dayOf(from))).append("</text>");
        svg.append("</g>");

        double barW = Math.max(1, bins.binNanos() * xScale);
        EnumMap<Series, Long> totals = bins.totals();
        // foreground first: the background bars, kilobytes, stand in front of any taller bar of the same bin
        for (Series series : Series.values()) {
            if (!totals.containsKey(series)) {
                continue;
            }
            svg.append("<g class=\"series\" data-state=\"").append(series.key).append("\" fill=\"").append(series.colour)
                    .append("\">");
            for (Map.Entry<Long, long[]> e : bins.sums().entrySet()) {
                long v = e.getValue()[series.ordinal()];
                if (v <= 0) {
                    continue;
                }
                double x = LEFT + (e.getKey() - from) * xScale;
                double y = Math.min(PLOT_BOTTOM - 1, yOf(v, bottom, top));
                svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                        .append(num(barW)).append("\" height=\"").append(num(PLOT_BOTTOM - y)).append("\"/>");
            }
            svg.append("</g>");
        }
        // the legend, under the axis title
        svg.append("<g class=\"legend\">");
        double x = LEFT;
        int y = HEIGHT - 22;
        for (Series series : Series.values()) {
            Long total = totals.get(series);
            if (total == null) {
                continue;
            }
            String label = series.legend + ": " + ByteUnits.format(total);
            svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(series.colour).append("\"/>");
            svg.append("<text x=\"").append(num(x + 17)).append("\" y=\"").append(y).append("\" fill=\"#1f2328\">")
                    .append(HtmlText.escape(label)).append("</text>");
            x += 17 + label.length() * 6.6 + 22;
        }
        if (totals.isEmpty()) {
            svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(y)
                    .append("\" fill=\"#1f2328\">no TikTok traffic in this capture</text>");
        }
        svg.append("</g></svg>");
        return svg.toString();
    }

    private static double yOf(double v, int bottom, int top) {
        double l = Math.log10(Math.max(v, Math.pow(10, bottom)));
        return PLOT_BOTTOM - (l - bottom) / (top - bottom) * (PLOT_BOTTOM - TOP);
    }

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    /** {@code 10 B}, {@code 100 kB}, {@code 1 MB}: a decade of the log scale, without ByteUnits' three figures. */
    static String decade(int p) {
        int unit = Math.min(p / 3, UNITS.length - 1);
        StringBuilder s = new StringBuilder("1");
        for (int i = unit * 3; i < p; i++) {
            s.append('0');
        }
        return s + " " + UNITS[unit];
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Steps a time axis takes, so that it has at most eight labels. */
    private static final long[] STEPS_S = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600,
        43200, 86400, 172800, 604800};

    private static long tickStep(long spanNanos) {
        for (long s : STEPS_S) {
            if (spanNanos / (s * 1_000_000_000L) <= 8) {
                return s * 1_000_000_000L;
            }
        }
        return STEPS_S[STEPS_S.length - 1] * 1_000_000_000L * Math.max(1, spanNanos / (8 * 604_800_000_000_000L) + 1);
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

    private static String clock(long nanos, long step) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L));
        if (step >= 86_400_000_000_000L) {
            return DAYS.format(t);
        }
        return step % 60_000_000_000L == 0 ? MINUTES.format(t) : SECONDS.format(t);
    }

    private static String dayOf(long nanos) {
        return DAY.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)));
    }

    /** {@code 1 s}, {@code 12 s}, {@code 500 ms}, {@code 2 min}. */
    static String binText(long nanos) {
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + " min";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + " s";
        }
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    /** The series the chart of {@code result} draws, in drawing order. */
    static List<String> seriesOf(AnalysisResult result) {
        List<String> out = new ArrayList<>();
        for (Series s : bins(result).totals().keySet()) {
            out.add(s.key);
        }
        return out;
    }
}
