package org.toktrace.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TikTok's traffic per device and time bin: the bins of every TikTok flow of a device (never
 * platform push) merged into one time-ordered stream. A device is its {@link Device.Id} (its
 * client's MAC address, or its client address), the same grouping as {@link AnalysisResult#devices()}.
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

    /** The category a TikTok flow counts under; {@code other} when none was decided. */
    public static Category categoryOf(FlowRecord f) {
        Category c = f.attribution().category();
        return c == null ? Category.OTHER : c;
    }

    /** Per device (in order of each device's first TikTok flow), its bins with TikTok traffic in time order. */
    public static Map<Device.Id, List<Bin>> of(List<FlowRecord> flows) {
        Map<Device.Id, List<FlowRecord>> byDevice = new LinkedHashMap<>();
        for (FlowRecord f : flows) {
            if (f.attribution().isTikTok()) {
                byDevice.computeIfAbsent(Device.Id.of(f), d -> new ArrayList<>()).add(f);
            }
        }
        Map<Device.Id, List<Bin>> out = new LinkedHashMap<>();
        byDevice.forEach((device, deviceFlows) -> out.put(device, merge(deviceFlows)));
        return out;
    }

    /**
     * Bins spanning at most this many bin widths are summed in one flat array (at most 10 MB), the
     * common case: it is what every analysis runs once, at its end, in a JVM that has not compiled
     * this code yet, where a map of boxed keys per bin costs a tenth of a second on a big
     * capture. Longer spans (a day in 1 s bins) go through a sorted map.
     */
    private static final int MAX_DENSE_BINS = 1 << 16;
    private static final int STRIDE = 2 * CATEGORIES + 1;

    private static List<Bin> merge(List<FlowRecord> flows) {
        long width = flows.get(0).bins().binNanos();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        boolean sameWidth = true;
        for (FlowRecord f : flows) {
            FlowBins b = f.bins();
            sameWidth &= b.binNanos() == width;
            if (b.size() > 0) {
                first = Math.min(first, b.bin(0));
                last = Math.max(last, b.bin(b.size() - 1));
            }
        }
        if (first > last) {
            return List.of();
        }
        if (!sameWidth || last - first >= MAX_DENSE_BINS) {
            return mergeSorted(flows);
        }
        int span = (int) (last - first + 1);
        long[] sums = new long[span * STRIDE];
        boolean[] seen = new boolean[span];
        for (FlowRecord f : flows) {
            FlowBins b = f.bins();
            int c = categoryOf(f).ordinal();
            for (int i = 0; i < b.size(); i++) {
                int slot = (int) (b.bin(i) - first);
                int base = slot * STRIDE;
                seen[slot] = true;
                sums[base + c] += b.bytesDown(i);
                sums[base + CATEGORIES + c] += b.bytesUp(i);
                sums[base + 2 * CATEGORIES] += b.packets(i);
            }
        }
        List<Bin> list = new ArrayList<>();
        for (int slot = 0; slot < span; slot++) {
            if (seen[slot]) {
                int base = slot * STRIDE;
                list.add(new Bin((first + slot) * width, Arrays.copyOfRange(sums, base, base + CATEGORIES),
                        Arrays.copyOfRange(sums, base + CATEGORIES, base + 2 * CATEGORIES), sums[base + 2 * CATEGORIES]));
            }
        }
        return list;
    }

    private static List<Bin> mergeSorted(List<FlowRecord> flows) {
        TreeMap<Long, long[]> bins = new TreeMap<>();
        for (FlowRecord f : flows) {
            FlowBins fb = f.bins();
            int c = categoryOf(f).ordinal();
            for (int i = 0; i < fb.size(); i++) {
                long[] sums = bins.computeIfAbsent(fb.binStartNanos(i), k -> new long[STRIDE]);
                sums[c] += fb.bytesDown(i);
                sums[CATEGORIES + c] += fb.bytesUp(i);
                sums[2 * CATEGORIES] += fb.packets(i);
            }
        }
        List<Bin> list = new ArrayList<>(bins.size());
        bins.forEach((start, s) -> list.add(new Bin(start, Arrays.copyOfRange(s, 0, CATEGORIES),
                Arrays.copyOfRange(s, CATEGORIES, 2 * CATEGORIES), s[2 * CATEGORIES])));
        return list;
    }
}
