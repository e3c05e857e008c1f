package org.toktrace.ui;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.toktrace.model.Device;

/** The lines drawn over a {@link Charts#timeline}: the marks people make, and TikTok's login contacts. */
final class TimelineMarks {
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private TimelineMarks() {
    }

    /**
     * Draws the moments a person marked during a live capture on a {@link #timeline} chart: a labelled
     * vertical line each, those about {@code device} or about all devices ({@code device} null: all marks).
     */
    static void addMarks(JFreeChart timeline, List<org.toktrace.store.UserMark> marks, Device.Id device) {
        org.jfree.chart.plot.XYPlot plot = timeline.getXYPlot();
        for (org.toktrace.store.UserMark m : marks) {
            if (m.device() != null && !Device.includes(device, m.device())) {
                continue;
            }
            org.jfree.chart.plot.ValueMarker line = new org.jfree.chart.plot.ValueMarker(m.atNanos() / 1e6, MARK,
                    new java.awt.BasicStroke(1.5f));
            line.setLabel(m.label());
            line.setLabelFont(LABEL);
            line.setLabelPaint(MARK);
            line.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            line.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
            plot.addDomainMarker(line, org.jfree.chart.ui.Layer.FOREGROUND);
        }
    }

    /**
     * Draws when a device contacted TikTok's login services on a {@link #timeline} chart: a dashed
     * line labelled "login" at each device's first contact (the summary gives the last and the count);
     * those of {@code device}, or of every device for null.
     */
    static void addLogins(JFreeChart timeline, List<org.toktrace.model.ThirdPartyReport.LoginContacts> logins,
            Device.Id device) {
        org.jfree.chart.plot.XYPlot plot = timeline.getXYPlot();
        for (org.toktrace.model.ThirdPartyReport.LoginContacts l : logins) {
            if (!Device.includes(device, l.device())) {
                continue;
            }
            org.jfree.chart.plot.ValueMarker line = new org.jfree.chart.plot.ValueMarker(l.firstNanos() / 1e6, LOGIN,
                    new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
                            new float[] {4f, 3f}, 0f));
            line.setLabel("login");
            line.setLabelFont(LABEL);
            line.setLabelPaint(LOGIN);
            line.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT);
            line.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(line, org.jfree.chart.ui.Layer.FOREGROUND);
        }
    }

    /** The colour of TikTok's login contacts: Okabe-Ito green, apart from the states' and the marks' colours. */
    private static final Color LOGIN = new Color(0x00, 0x9E, 0x73);

    /** The colour of the marks people make: apart from the states' colours. */
    private static final Color MARK = new Color(0xB0, 0x30, 0xB0);
}
