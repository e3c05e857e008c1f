package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.TikTokBins;

/** The category chart splits each category's bytes by the state the device was in when they came. */
class CategoryStatesChartTest {
    static AnalysisResult sample;

    @BeforeAll
    static void analyse() throws Exception {
        sample = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(MainWindowTest.SAMPLE);
    }

    @Test
    void eachBarIsForegroundAndBackgroundStacked() {
        JFreeChart chart = Charts.categories(sample, null);
        CategoryDataset d = chart.getCategoryPlot().getDataset();
        assertEquals(Charts.STATE_ROWS, d.getRowKeys());
        // per category, foreground and background as the device's intervals say, bin by bin
        Map<Device.Id, DeviceStates> states = new HashMap<>();
        sample.states().forEach(s -> states.put(s.device(), s));
        Map<String, long[]> expected = new HashMap<>();
        long total = 0;
        for (FlowRecord f : sample.flows()) {
            if (!f.attribution().isTikTok()) {
                continue;
            }
            total += f.bytes();
            long[] v = expected.computeIfAbsent(TikTokBins.categoryOf(f).label(), k -> new long[3]);
            DeviceStates s = states.get(Device.Id.of(f));
            for (int i = 0; i < f.bins().size(); i++) {
                AppState at = s.stateAt(f.bins().binStartNanos(i));
                v[at == null ? 2 : at == AppState.FOREGROUND ? 0 : 1] += f.bins().bytesUp(i) + f.bins().bytesDown(i);
            }
        }
        long charted = 0;
        boolean both = false;
        for (Object c : d.getColumnKeys()) {
            long[] v = expected.get((String) c);
            assertEquals(v[0], d.getValue("foreground", (String) c).longValue(), c + " foreground");
            assertEquals(v[1], d.getValue("background", (String) c).longValue(), c + " background");
            for (Object row : d.getRowKeys()) {
                charted += d.getValue((String) row, (String) c).longValue();
            }
            both |= v[0] > 0 && v[1] > 0;
        }
        assertEquals(total, charted, "the stacks add up to TikTok's bytes");
        assertTrue(both, "the sample has a category with bytes in both states");
        assertTrue(chart.getLegend() != null, "a legend says which colour is which state");
    }

    @Test
    void topServersSplitTikToksBytesByStateAndGreyTheRest() {
        CategoryDataset d = Charts.topServerNames(sample, null, 50).getCategoryPlot().getDataset();
        java.util.List<String> rows = new java.util.ArrayList<>(Charts.STATE_ROWS);
        rows.add("other services");
        assertEquals(rows, d.getRowKeys());
        Map<String, long[]> byName = new HashMap<>(); // TikTok bytes, other bytes
        for (FlowRecord f : sample.flows()) {
            if (f.attribution().serverName() != null) {
                byName.computeIfAbsent(f.attribution().serverName(), k -> new long[2])[f.attribution().isTikTok() ? 0 : 1] += f.bytes();
            }
        }
        int checked = 0;
        for (Map.Entry<String, long[]> e : byName.entrySet()) {
            if (!d.getColumnKeys().contains(e.getKey())) {
                continue; // a long name is shortened on its axis
            }
            long tiktok = 0;
            for (String row : Charts.STATE_ROWS) {
                tiktok += d.getValue(row, e.getKey()).longValue();
            }
            assertEquals(e.getValue()[0], tiktok, e.getKey());
            assertEquals(e.getValue()[1], d.getValue("other services", e.getKey()).longValue(), e.getKey());
            checked++;
        }
        assertTrue(checked > 5, "most names are on the chart: " + checked);
    }
}
