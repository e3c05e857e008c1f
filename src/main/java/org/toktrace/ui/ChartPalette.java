package org.toktrace.ui;

import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;

/**
 * The colours of a chart's frame (backgrounds, text, axes, grid) in the window's theme; the data
 * keep their own colours (foreground vermilion, background blue) in both. JFreeChart draws with AWT
 * paints, out of reach of the stylesheet, so the theme reaches a chart through this.
 */
record ChartPalette(Color background, Color plotBackground, Color text, Color mutedText, Color grid, Color axisLine) {
    /** On AtlantaFX Primer Light: white, as a printed chart. */
    static final ChartPalette LIGHT = new ChartPalette(Color.WHITE, Color.WHITE, new Color(0x1F, 0x23, 0x28),
            new Color(0x59, 0x63, 0x6E), new Color(0xDD, 0xDD, 0xDD), new Color(0x8C, 0x95, 0x9F));
    /** On AtlantaFX Primer Dark: its default and subtle backgrounds, its default and muted text. */
    static final ChartPalette DARK = new ChartPalette(new Color(0x0D, 0x11, 0x17), new Color(0x16, 0x1B, 0x22),
            new Color(0xC9, 0xD1, 0xD9), new Color(0x8B, 0x94, 0x9E), new Color(0x30, 0x36, 0x3D),
            new Color(0x6E, 0x76, 0x81));

    ChartPalette {
        java.util.Objects.requireNonNull(background, "background");
        java.util.Objects.requireNonNull(plotBackground, "plotBackground");
        java.util.Objects.requireNonNull(text, "text");
        java.util.Objects.requireNonNull(mutedText, "mutedText");
        java.util.Objects.requireNonNull(grid, "grid");
        java.util.Objects.requireNonNull(axisLine, "axisLine");
    }

    static ChartPalette of(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    /**
     * Paints {@code chart}'s frame in this palette. Any thread that owns the chart may call it; the
     * chart tells its viewer once, at the end, so a shown chart redraws once and not per paint.
     */
    void applyTo(JFreeChart chart) {
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            chart.setBackgroundPaint(background);
            if (chart.getTitle() != null) {
                chart.getTitle().setPaint(text);
            }
            for (int i = 0; i < chart.getSubtitleCount(); i++) {
                Title t = chart.getSubtitle(i);
                if (t instanceof LegendTitle legend) {
                    legend.setBackgroundPaint(background);
                    legend.setItemPaint(text);
                } else if (t instanceof TextTitle title) {
                    title.setPaint(mutedText);
                }
            }
            applyTo(chart.getPlot());
        } finally {
            chart.setNotify(notify);
        }
    }

    private void applyTo(Plot plot) {
        plot.setBackgroundPaint(plotBackground);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(grid);
            xy.setRangeGridlinePaint(grid);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                applyTo(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                applyTo(xy.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(grid);
            category.setDomainGridlinePaint(grid);
            for (int i = 0; i < category.getDomainAxisCount(); i++) {
                applyTo(category.getDomainAxis(i));
            }
            for (int i = 0; i < category.getRangeAxisCount(); i++) {
                applyTo(category.getRangeAxis(i));
            }
            for (int i = 0; i < category.getRendererCount(); i++) {
                CategoryItemRenderer r = category.getRenderer(i);
                if (r != null) {
                    r.setDefaultItemLabelPaint(text); // each bar's figure, drawn beside the bar on the background
                }
            }
        }
    }

    private void applyTo(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelPaint(text);
        axis.setTickLabelPaint(text);
        axis.setAxisLinePaint(axisLine);
        axis.setTickMarkPaint(axisLine);
    }
}
