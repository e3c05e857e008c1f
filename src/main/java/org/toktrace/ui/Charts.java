package org.toktrace.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Category;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TikTokBins;

/**
 * The app's charts, built with JFreeChart from an analysis result: the timeline of TikTok's bytes by
 * state, foreground against background, TikTok by category, the top server names, and one flow's
 * own timeline. Foreground and background keep the same colours everywhere (Okabe-Ito vermilion
 * and blue, told apart by colour-blind readers too).
 */
public final class Charts {
    public static final Color FOREGROUND = new Color(0xD5, 0x5E, 0x00);
    public static final Color BACKGROUND = new Color(0x00, 0x72, 0xB2);
    static final Color UNCLASSIFIED = new Color(0x99, 0x99, 0x99);
    static final Color OTHER_SERVICE = new Color(0x99, 0xA3, 0xAD);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /**
     * The palette new charts are drawn in: the theme's, as {@link Theme} sets it. Global as the
     * theme's stylesheet is; charts are built off the UI thread, hence volatile.
     */
    private static volatile ChartPalette palette = ChartPalette.LIGHT;

    private Charts() {
    }

    static void usePalette(ChartPalette p) {
        palette = java.util.Objects.requireNonNull(p);
    }

    static ChartPalette palette() {
        return palette;
    }

    /**
     * TikTok's bytes per display bin stacked by state, with the state intervals shaded behind. On a
     * log scale (the default) background kilobytes stay visible beside foreground megabytes; each
     * state's bar spans its own bytes on top of the states below it.
     */
    public static JFreeChart timeline(TimelineSeries s, boolean logScale, String subtitle) {
        XYIntervalSeries fg = new XYIntervalSeries("foreground");
        XYIntervalSeries bg = new XYIntervalSeries("background");
        XYIntervalSeries other = new XYIntervalSeries("not classified");
        double widthMs = s.binNanos() / 1e6;
        double floor = logScale ? 1 : 0; // a log axis has no zero; 1 B sits below every real bar
        for (TimelineSeries.Point p : s.points()) {
            double x0 = p.startNanos() / 1e6;
            double x1 = x0 + widthMs * 0.9;
            double y = floor;
            y = stack(fg, x0, x1, y, p.foregroundBytes());
            y = stack(bg, x0, x1, y, p.backgroundBytes());
            stack(other, x0, x1, y, p.unclassifiedBytes());
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(fg);
        data.addSeries(bg);
        data.addSeries(other);

        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, FOREGROUND);
        renderer.setSeriesPaint(1, BACKGROUND);
        renderer.setSeriesPaint(2, UNCLASSIFIED);
        String per = "per " + Figures.duration(s.binNanos());
        XYToolTipGenerator tips = (dataset, series, item) -> {
            XYIntervalSeriesCollection d = (XYIntervalSeriesCollection) dataset;
            long bytes = Math.round(d.getEndYValue(series, item) - d.getStartYValue(series, item));
            long start = Math.round(d.getStartXValue(series, item) * 1e6);
            return Figures.clock(start) + " UTC, " + d.getSeriesKey(series) + ": " + Figures.bytes(bytes) + " " + per;
        };
        renderer.setDefaultToolTipGenerator(tips);

        DateAxis time = new DateAxis("time (UTC)");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        time.setLowerMargin(0.01);
        time.setUpperMargin(0.01);
        ValueAxis bytes = byteAxis("TikTok bytes " + per + (logScale ? " (log scale)" : ""), logScale);
        XYPlot plot = new TimePlot(data, time, bytes, renderer);
        style(plot);
        for (StateInterval i : s.intervals()) {
            Color c = i.state() == AppState.FOREGROUND ? FOREGROUND : BACKGROUND;
            IntervalMarker m = new IntervalMarker(i.startNanos() / 1e6, i.endNanos() / 1e6,
                    new Color(c.getRed(), c.getGreen(), c.getBlue(), i.state() == AppState.FOREGROUND ? 40 : 18));
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        JFreeChart chart = chart("TikTok over time, by state", plot, true);
        if (subtitle != null) {
            TextTitle t = new TextTitle(subtitle, LABEL);
            t.setPaint(palette.mutedText());
            chart.addSubtitle(t);
        }
        return chart;
    }

    /**
     * A plot over time that a drag zooms and Ctrl+drag pans along time only: the byte axis keeps
     * its full scale, so kilobytes and megabytes stay readable while a minute is looked at closely.
     */
    static final class TimePlot extends XYPlot {
        private static final long serialVersionUID = 1L;

        TimePlot(XYIntervalSeriesCollection data, ValueAxis time, ValueAxis bytes, XYBarRenderer renderer) {
            super(data, time, bytes, renderer);
        }

        @Override
        public boolean isRangeZoomable() {
            return false;
        }

        @Override
        public boolean isRangePannable() {
            return false;
        }
    }

    private static double stack(XYIntervalSeries series, double x0, double x1, double base, long bytes) {
        if (bytes <= 0) {
            return base;
        }
        double top = base + bytes;
        series.add((x0 + x1) / 2, x0, x1, top, base, top);
        return top;
    }

    /** Foreground against background for the device (or all), each bar labelled in its own unit. */
    public static JFreeChart foregroundVersusBackground(DeviceStates s) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(s.foregroundBytes(), "TikTok", "foreground");
        data.addValue(s.backgroundBytes(), "TikTok", "background");
        BarRenderer r = barRenderer();
        r.setSeriesPaint(0, FOREGROUND);
        Color[] colours = {FOREGROUND, BACKGROUND};
        BarRenderer coloured = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return colours[column % colours.length];
            }
        };
        copyStyle(r, coloured);
        coloured.setMaximumBarWidth(0.25);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), byteAxis("TikTok bytes", false), coloured);
        style(plot);
        coloured.setDefaultToolTipGenerator((d, row, col) -> d.getColumnKey(col) + ": "
                + Figures.bytes(d.getValue(row, col).longValue()));
        return chart("Foreground vs background", plot, false);
    }

    /** The rows of a chart split by state, in stacking order. */
    static final List<String> STATE_ROWS = List.of("foreground", "background", "not classified");

    /**
     * TikTok's bytes by category (what the traffic is for), largest first, each bar split by the
     * device's state in every bin of the flow (foreground, background, not classified): video
     * that came while the app was out of sight shows as such.
     */
    public static JFreeChart categories(AnalysisResult result, Device.Id device) {
        Map<Device.Id, DeviceStates> states = new HashMap<>();
        result.states().forEach(d -> states.put(d.device(), d));
        Map<Category, long[]> bytes = new HashMap<>();
        for (FlowRecord f : flowsOf(result, device)) {
            if (f.attribution().isTikTok()) {
                byState(f, states.get(Device.Id.of(f)), bytes.computeIfAbsent(TikTokBins.categoryOf(f), c -> new long[3]));
            }
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Map.Entry<Category, long[]>> sorted = new ArrayList<>(bytes.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<Category, long[]> e) -> -(e.getValue()[0] + e.getValue()[1] + e.getValue()[2]))
                .thenComparing(e -> e.getKey().label()));
        for (int row = 0; row < STATE_ROWS.size(); row++) {
            for (Map.Entry<Category, long[]> e : sorted) {
                data.addValue(e.getValue()[row], STATE_ROWS.get(row), e.getKey().label());
            }
        }
        org.jfree.chart.renderer.category.StackedBarRenderer r = stackedByState();
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), byteAxis("bytes", false), r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        style(plot);
        return chart("TikTok by category and state", plot, true);
    }

    /**
     * Adds {@code f}'s bytes to {@code sums} (foreground, background, not classified) by the state
     * of {@code d} in each of the flow's bins; what the bins do not hold goes to the flow's own state.
     */
    static void byState(FlowRecord f, DeviceStates d, long[] sums) {
        FlowBins b = f.bins();
        long binned = 0;
        for (int i = 0; i < b.size(); i++) {
            long v = b.bytesUp(i) + b.bytesDown(i);
            binned += v;
            sums[stateRow(d == null ? null : d.stateAt(b.binStartNanos(i)))] += v;
        }
        if (f.bytes() > binned) {
            sums[stateRow(f.attribution().state())] += f.bytes() - binned;
        }
    }

    private static int stateRow(AppState s) {
        return s == null ? 2 : s == AppState.FOREGROUND ? 0 : 1;
    }

    /**
     * The servers that moved the most bytes; TikTok's split by the device's state when the bytes came
     * (as {@link #categories}), other services' in grey.
     */
    public static JFreeChart topServerNames(AnalysisResult result, Device.Id device, int limit) {
        Map<Device.Id, DeviceStates> states = new HashMap<>();
        result.states().forEach(d -> states.put(d.device(), d));
        Map<String, long[]> byName = new HashMap<>(); // foreground, background, not classified, other service
        for (FlowRecord f : flowsOf(result, device)) {
            String name = f.attribution().serverName();
            if (name != null) {
                long[] v = byName.computeIfAbsent(name, n -> new long[4]);
                if (f.attribution().isTikTok()) {
                    byState(f, states.get(Device.Id.of(f)), v);
                } else {
                    v[3] += f.bytes();
                }
            }
        }
        List<Map.Entry<String, long[]>> top = new ArrayList<>(byName.entrySet());
        top.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -java.util.Arrays.stream(e.getValue()).sum())
                .thenComparing(Map.Entry::getKey));
        top = top.subList(0, Math.min(limit, top.size()));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> rows = new ArrayList<>(STATE_ROWS);
        rows.add("other services");
        for (int row = 0; row < rows.size(); row++) {
            for (Map.Entry<String, long[]> e : top) {
                data.addValue(e.getValue()[row], rows.get(row), shorten(e.getKey()));
            }
        }
        org.jfree.chart.renderer.category.StackedBarRenderer r = stackedByState();
        r.setSeriesPaint(3, OTHER_SERVICE);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), byteAxis("bytes", false), r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.getDomainAxis().setTickLabelFont(LABEL);
        style(plot);
        return chart("Top server names, TikTok's by state", plot, true);
    }

    /** Horizontal stacked bars in the states' colours, one label per bar with its whole. */
    private static org.jfree.chart.renderer.category.StackedBarRenderer stackedByState() {
        org.jfree.chart.renderer.category.StackedBarRenderer r = new org.jfree.chart.renderer.category.StackedBarRenderer();
        configure(r);
        horizontal(r);
        r.setSeriesPaint(0, FOREGROUND);
        r.setSeriesPaint(1, BACKGROUND);
        r.setSeriesPaint(2, UNCLASSIFIED);
        // one label per bar, its whole, at the end of its last part
        r.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator() {
            private static final long serialVersionUID = 1L;

            @Override
            public String generateLabel(org.jfree.data.category.CategoryDataset d, int row, int column) {
                long total = 0;
                int last = -1;
                for (int i = 0; i < d.getRowCount(); i++) {
                    long v = d.getValue(i, column).longValue();
                    total += v;
                    last = v > 0 ? i : last;
                }
                return row == last ? Figures.bytes(total) : null;
            }
        });
        r.setDefaultToolTipGenerator((d, row, col) -> d.getColumnKey(col) + ", " + d.getRowKey(row) + ": "
                + Figures.bytes(d.getValue(row, col).longValue()));
        return r;
    }

    /** One flow's bytes per bin, up and down. */
    public static JFreeChart flow(FlowRecord flow) {
        XYIntervalSeries down = new XYIntervalSeries("down");
        XYIntervalSeries up = new XYIntervalSeries("up");
        double widthMs = flow.bins().binNanos() / 1e6;
        for (long[] b : TimelineSeries.ofFlow(flow)) {
            double x0 = b[0] / 1e6;
            double x1 = x0 + widthMs * 0.9;
            stack(down, x0, x1, 0, b[2]);
            stack(up, x0, x1, b[2], b[1]);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(down);
        data.addSeries(up);
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        AppState state = flow.attribution().state();
        Color c = state == null ? UNCLASSIFIED : state.isBackground() ? BACKGROUND : FOREGROUND;
        renderer.setSeriesPaint(0, c);
        renderer.setSeriesPaint(1, c.brighter());
        renderer.setDefaultToolTipGenerator((dataset, series, item) -> {
            XYIntervalSeriesCollection d = (XYIntervalSeriesCollection) dataset;
            long bytes = Math.round(d.getEndYValue(series, item) - d.getStartYValue(series, item));
            return Figures.clock(Math.round(d.getStartXValue(series, item) * 1e6)) + " UTC, "
                    + d.getSeriesKey(series) + ": " + Figures.bytes(bytes);
        });
        DateAxis time = new DateAxis(null);
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        XYPlot plot = new TimePlot(data, time, byteAxis(null, false), renderer);
        style(plot);
        return chart("Flow " + flow.id() + " per " + Figures.duration(flow.bins().binNanos()), plot, true);
    }

    /**
     * Draws {@code chart} once onto a canvas that is in no scene, which any thread may do: run on a
     * background thread, it loads and compiles the drawing code before the UI thread needs it, so
     * the first chart shown does not stall the window for half a second.
     */
    public static void drawOffScreen(JFreeChart chart, double width, double height) {
        javafx.scene.canvas.Canvas canvas = new javafx.scene.canvas.Canvas(width, height);
        chart.draw(new org.jfree.fx.FXGraphics2D(canvas.getGraphicsContext2D()),
                new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
    }

    /** Writes {@code chart} as a PNG image of the given size. */
    public static void savePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    /** What a saved chart says below it: which capture, of when, and that TokTrace drew it. */
    static String caption(AnalysisResult r) {
        if (r == null) {
            return "TokTrace";
        }
        org.toktrace.model.CaptureInfo c = r.capture();
        String when = c.lastNanos() > 0 ? " \u00b7 " + Figures.dateTimeMillis(c.firstNanos()) + " to "
                + Figures.clockMillis(c.lastNanos()) + " UTC" : "";
        return Overview.fileName(c.source()) + when + (r.complete() ? "" : " (incomplete)") + " \u00b7 TokTrace";
    }

    /** Height of the caption strip below a saved chart. */
    static final int CAPTION_HEIGHT = 26;

    /**
     * Writes {@code chart} as a PNG image with {@code caption} (the capture's name and time) drawn in a
     * strip below it and kept as the image's {@code Title} text, so an image passed around still says
     * which capture it shows. Drawn into an image of its own: the chart on screen is not touched.
     */
    public static void savePng(JFreeChart chart, Path file, int width, int height, String caption) throws IOException {
        java.awt.image.BufferedImage plot = chart.createBufferedImage(width, height);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height + CAPTION_HEIGHT,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            java.awt.Paint background = chart.getBackgroundPaint();
            g.setPaint(background instanceof java.awt.Color c ? c : java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height + CAPTION_HEIGHT);
            g.drawImage(plot, 0, 0, null);
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            java.awt.Paint text = chart.getTitle() == null ? java.awt.Color.DARK_GRAY : chart.getTitle().getPaint();
            g.setPaint(text);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
            java.awt.FontMetrics m = g.getFontMetrics();
            String shown = caption;
            if (m.stringWidth(shown) > width - 20) {
                String base = caption;
                while (base.length() > 1 && m.stringWidth(base + "\u2026") > width - 20) {
                    base = base.substring(0, base.length() - 1);
                }
                shown = base + "\u2026";
            }
            g.drawString(shown, 10, height + (CAPTION_HEIGHT + m.getAscent() - m.getDescent()) / 2);
        } finally {
            g.dispose();
        }
        writePng(image, caption, file);
    }

    /**
     * Writes {@code image} as a PNG with a {@code Title} international text chunk (iTXt, PNG
     * specification section 11.3.4.5: UTF-8, as a capture's file name may need).
     */
    private static void writePng(java.awt.image.BufferedImage image, String title, Path file) throws IOException {
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            if (out == null) {
                throw new IOException("cannot write " + file);
            }
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            javax.imageio.metadata.IIOMetadata meta = writer.getDefaultImageMetadata(
                    javax.imageio.ImageTypeSpecifier.createFromRenderedImage(image), param);
            javax.imageio.metadata.IIOMetadataNode entry = new javax.imageio.metadata.IIOMetadataNode("iTXtEntry");
            entry.setAttribute("keyword", "Title");
            entry.setAttribute("compressionFlag", "FALSE");
            entry.setAttribute("compressionMethod", "0");
            entry.setAttribute("languageTag", "");
            entry.setAttribute("translatedKeyword", "");
            entry.setAttribute("text", title);
            javax.imageio.metadata.IIOMetadataNode text = new javax.imageio.metadata.IIOMetadataNode("iTXt");
            text.appendChild(entry);
            javax.imageio.metadata.IIOMetadataNode root = new javax.imageio.metadata.IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(text);
            meta.mergeTree("javax_imageio_png_1.0", root);
            writer.setOutput(out);
            writer.write(new javax.imageio.IIOImage(image, null, meta));
        } finally {
            writer.dispose();
        }
    }

    /** The device's flows, read as they are iterated: a big capture's flows come from disk, never all at once. */
    private static Iterable<FlowRecord> flowsOf(AnalysisResult result, Device.Id device) {
        return device == null ? result.flows()
                : () -> result.flows().stream().filter(f -> device.equals(Device.Id.of(f))).iterator();
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 18) + "\u2026" + name.substring(name.length() - 20);
    }

    private static ValueAxis byteAxis(String label, boolean log) {
        if (log) {
            LogAxis axis = new LogAxis(label);
            axis.setSmallestValue(1);
            axis.setNumberFormatOverride(new ByteAxisFormat());
            axis.setTickUnit(new NumberTickUnit(1), false, false);
            axis.setAutoTickUnitSelection(false);
            axis.setTickLabelFont(LABEL);
            axis.setLabelFont(LABEL);
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(new ByteAxisFormat());
        axis.setTickLabelFont(LABEL);
        axis.setLabelFont(LABEL);
        axis.setUpperMargin(0.15);
        return axis;
    }

    private static BarRenderer barRenderer() {
        BarRenderer r = new BarRenderer();
        configure(r);
        return r;
    }

    /** Labels to the right of horizontal bars, not on top of the next one. */
    private static void horizontal(BarRenderer r) {
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        r.setItemLabelAnchorOffset(4);
        r.setMaximumBarWidth(0.08);
    }

    private static void copyStyle(BarRenderer from, BarRenderer to) {
        configure(to);
        to.setMaximumBarWidth(from.getMaximumBarWidth());
    }

    private static void configure(BarRenderer r) {
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setMaximumBarWidth(0.12);
        r.setDefaultItemLabelGenerator(new BytesLabel());
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(LABEL);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        r.setDefaultToolTipGenerator((d, row, col) -> d.getColumnKey(col) + ": "
                + Figures.bytes(d.getValue(row, col).longValue()));
    }

    /** Each bar's own figure in its own unit (kB beside MB). */
    private static final class BytesLabel implements CategoryItemLabelGenerator {
        @Override
        public String generateRowLabel(CategoryDataset dataset, int row) {
            return String.valueOf(dataset.getRowKey(row));
        }

        @Override
        public String generateColumnLabel(CategoryDataset dataset, int column) {
            return String.valueOf(dataset.getColumnKey(column));
        }

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            Number v = dataset.getValue(row, column);
            return v == null ? null : Figures.bytes(v.longValue());
        }
    }

    private static void style(XYPlot plot) {
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        plot.setOutlineVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDomainPannable(true);
        plot.setRangePannable(true);
        plot.getDomainAxis().setTickLabelFont(LABEL);
        plot.getDomainAxis().setLabelFont(LABEL);
    }

    private static void style(CategoryPlot plot) {
        plot.setOutlineVisible(false);
        plot.setRangePannable(true);
        plot.getDomainAxis().setTickLabelFont(LABEL);
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        palette.applyTo(chart); // the subtitles come later: the timeline's own paints its subtitle
        return chart;
    }
}
