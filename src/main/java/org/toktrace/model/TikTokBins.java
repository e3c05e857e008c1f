package org.toktrace.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TikTok's traffic per device and time bin: the bins of every TikTok flow of a device (never
 * platform push) merged into one time-ordered stream. A device is named as {@link #deviceOf}
 * says, the same grouping as {@link AnalysisResult#devices()}.
 */
public final class TikTokBins {
    private static final int CATEGORIES = Category.values().length;

    private TikTokBins() {
    }

    /** One bin of one device: TikTok bytes per category (indexed by {@link Category#ordinal()}) and packets. */
    public record Bin(long binStartNanos, long[] downByCategory, long[] upByCategory, long packets) {

        public long bytesDown() {
            long s = 0;
            for (long b : downByCategory) {
                s += b;
            }
            return s;
        }

        public long bytesUp() {
            long s = 0;
            for (long b : upByCategory) {
                s += b;
            }
            return s;
        }

        public long bytes() {
            return bytesDown() + bytesUp();
        }
    }

    /** The device a flow belongs to: its client's MAC address as text, or its client address when unknown. */
    public static String deviceOf(FlowRecord f) {
        return f.clientMac() >= 0 ? DeviceTotals.formatMac(f.clientMac()) : f.device().toString();
    }

    /** The category a TikTok flow counts under; {@code other} when none was decided. */
    public static Category categoryOf(FlowRecord f) {
        Category c = f.attribution().category();
        return c == null ? Category.OTHER : c;
    }

    /** Per device (in order of each device's first TikTok flow), its bins with TikTok traffic in time order. */
    public static Map<String, List<Bin>> of(List<FlowRecord> flows) {
        Map<String, TreeMap<Long, long[]>> merged = new LinkedHashMap<>();
        for (FlowRecord f : flows) {
            if (!f.attribution().isTikTok()) {
                continue;
            }
            String device = deviceOf(f);
            TreeMap<Long, long[]> bins = merged.computeIfAbsent(device, d -> new TreeMap<>());
            FlowBins fb = f.bins();
            int c = categoryOf(f).ordinal();
            for (int i = 0; i < fb.size(); i++) {
                long[] sums = bins.computeIfAbsent(fb.binStartNanos(i), k -> new long[2 * CATEGORIES + 1]);
                sums[c] += fb.bytesDown(i);
                sums[CATEGORIES + c] += fb.bytesUp(i);
                sums[2 * CATEGORIES] += fb.packets(i);
            }
        }
        Map<String, List<Bin>> out = new LinkedHashMap<>();
        merged.forEach((device, bins) -> {
            List<Bin> list = new ArrayList<>(bins.size());
            bins.forEach((start, s) -> list.add(new Bin(start, java.util.Arrays.copyOfRange(s, 0, CATEGORIES),
                    java.util.Arrays.copyOfRange(s, CATEGORIES, 2 * CATEGORIES), s[2 * CATEGORIES])));
            out.put(device, list);
        });
        return out;
    }
}
