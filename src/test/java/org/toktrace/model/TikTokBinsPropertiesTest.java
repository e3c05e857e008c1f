package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.toktrace.model.TikTokBinsTest.SECOND;
import static org.toktrace.model.TikTokBinsTest.T0;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.toktrace.model.Device;

/** TikTok's bins per device on random flows, against a plain sorted merge; the examples are in {@link TikTokBinsTest}. */
class TikTokBinsPropertiesTest {

    /** Whatever the span (dense array or the sorted map beyond it) and widths, the same as a plain sorted merge. */
    @Property(tries = 300)
    void equalsASortedMerge(@ForAll @IntRange(min = 1, max = 12) int flowCount,
            @ForAll @LongRange(min = 1, max = 200_000) long spread, @ForAll long seed,
            @ForAll boolean mixedWidths) {
        java.util.Random random = new java.util.Random(seed);
        List<FlowRecord> flows = new ArrayList<>();
        for (int k = 0; k < flowCount; k++) {
            long width = mixedWidths && k % 2 == 1 ? 2 * SECOND : SECOND;
            int n = random.nextInt(6);
            long[] bins = new long[n];
            long at = T0 + (long) (random.nextDouble() * spread);
            for (int i = 0; i < n; i++) {
                at += 1 + random.nextInt(3);
                bins[i] = at;
            }
            Category c = Category.values()[random.nextInt(Category.values().length)];
            flows.add(TikTokBinsTest.flow(k + 1, random.nextInt(3), c, width, bins, 1 + random.nextInt(5000)));
        }
        Map<Device.Id, List<TikTokBins.Bin>> actual = TikTokBins.of(flows);
        Map<Device.Id, List<TikTokBins.Bin>> expected = sortedMerge(flows);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((device, bins) -> {
            List<TikTokBins.Bin> got = actual.get(device);
            assertEquals(bins.size(), got.size(), device.label());
            for (int i = 0; i < bins.size(); i++) {
                assertEquals(bins.get(i).binStartNanos(), got.get(i).binStartNanos());
                assertArrayEquals(bins.get(i).downByCategory(), got.get(i).downByCategory());
                assertArrayEquals(bins.get(i).upByCategory(), got.get(i).upByCategory());
                assertEquals(bins.get(i).packets(), got.get(i).packets());
            }
        });
    }

    private static Map<Device.Id, List<TikTokBins.Bin>> sortedMerge(List<FlowRecord> flows) {
        int n = Category.values().length;
        Map<Device.Id, TreeMap<Long, long[]>> merged = new LinkedHashMap<>();
        for (FlowRecord f : flows) {
            if (f.attribution().isTikTok()) {
                TreeMap<Long, long[]> m = merged.computeIfAbsent(Device.Id.of(f), d -> new TreeMap<>());
                int c = TikTokBins.categoryOf(f).ordinal();
                for (int i = 0; i < f.bins().size(); i++) {
                    long[] s = m.computeIfAbsent(f.bins().binStartNanos(i), k -> new long[2 * n + 1]);
                    s[c] += f.bins().bytesDown(i);
                    s[n + c] += f.bins().bytesUp(i);
                    s[2 * n] += f.bins().packets(i);
                }
            }
        }
        Map<Device.Id, List<TikTokBins.Bin>> out = new LinkedHashMap<>();
        merged.forEach((d, m) -> {
            List<TikTokBins.Bin> list = new ArrayList<>();
            m.forEach((start, s) -> list.add(new TikTokBins.Bin(start, Arrays.copyOfRange(s, 0, n),
                    Arrays.copyOfRange(s, n, 2 * n), s[2 * n])));
            out.put(d, list);
        });
        return out;
    }
}
