package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

class TikTokBinsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_774_282_445L; // bin index of a 2026 second

    @Test
    void mergesTheFlowsOfEachDeviceBinByBinAndCategoryLeavingOthersOut() {
        List<FlowRecord> flows = List.of(
                flow(1, 0x0AFF90150280L, Category.VIDEO, SECOND, new long[] {T0, T0 + 2}, 1000),
                flow(2, 0x0AFF90150280L, Category.API, SECOND, new long[] {T0 + 2}, 10),
                flow(3, 0x0AFF90150281L, Category.PUSH, SECOND, new long[] {T0 + 1}, 5),
                flow(4, 0x0AFF90150280L, null, SECOND, new long[] {T0 + 1}, 77)); // not TikTok
        Map<String, List<TikTokBins.Bin>> bins = TikTokBins.of(flows);
        assertEquals(List.of("0a:ff:90:15:02:80", "0a:ff:90:15:02:81"), new ArrayList<>(bins.keySet()));
        List<TikTokBins.Bin> phone = bins.get("0a:ff:90:15:02:80");
        assertEquals(2, phone.size(), "no bin where only the non-TikTok flow was");
        assertEquals(T0 * SECOND, phone.get(0).binStartNanos());
        assertEquals((T0 + 2) * SECOND, phone.get(1).binStartNanos());
        assertEquals(1000, phone.get(1).downByCategory()[Category.VIDEO.ordinal()]);
        assertEquals(10, phone.get(1).downByCategory()[Category.API.ordinal()]);
        assertEquals(1000 + 10 + 101 + 2, phone.get(1).bytes(), "down plus up (a tenth plus one)");
        assertEquals(4, phone.get(1).packets());
    }

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
            flows.add(flow(k + 1, random.nextInt(3), c, width, bins, 1 + random.nextInt(5000)));
        }
        Map<String, List<TikTokBins.Bin>> actual = TikTokBins.of(flows);
        Map<String, List<TikTokBins.Bin>> expected = sortedMerge(flows);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((device, bins) -> {
            List<TikTokBins.Bin> got = actual.get(device);
            assertEquals(bins.size(), got.size(), device);
            for (int i = 0; i < bins.size(); i++) {
                assertEquals(bins.get(i).binStartNanos(), got.get(i).binStartNanos());
                assertArrayEquals(bins.get(i).downByCategory(), got.get(i).downByCategory());
                assertArrayEquals(bins.get(i).upByCategory(), got.get(i).upByCategory());
                assertEquals(bins.get(i).packets(), got.get(i).packets());
            }
        });
    }

    private static Map<String, List<TikTokBins.Bin>> sortedMerge(List<FlowRecord> flows) {
        int n = Category.values().length;
        Map<String, TreeMap<Long, long[]>> merged = new LinkedHashMap<>();
        for (FlowRecord f : flows) {
            if (f.attribution().isTikTok()) {
                TreeMap<Long, long[]> m = merged.computeIfAbsent(TikTokBins.deviceOf(f), d -> new TreeMap<>());
                int c = TikTokBins.categoryOf(f).ordinal();
                for (int i = 0; i < f.bins().size(); i++) {
                    long[] s = m.computeIfAbsent(f.bins().binStartNanos(i), k -> new long[2 * n + 1]);
                    s[c] += f.bins().bytesDown(i);
                    s[n + c] += f.bins().bytesUp(i);
                    s[2 * n] += f.bins().packets(i);
                }
            }
        }
        Map<String, List<TikTokBins.Bin>> out = new LinkedHashMap<>();
        merged.forEach((d, m) -> {
            List<TikTokBins.Bin> list = new ArrayList<>();
            m.forEach((start, s) -> list.add(new TikTokBins.Bin(start, Arrays.copyOfRange(s, 0, n),
                    Arrays.copyOfRange(s, n, 2 * n), s[2 * n])));
            out.put(d, list);
        });
        return out;
    }

    private static FlowRecord flow(long id, long mac, Category category, long width, long[] bins, long down) {
        int n = bins.length;
        long[] ups = new long[n];
        long[] downs = new long[n];
        int[] packets = new int[n];
        Arrays.fill(ups, down / 10 + 1);
        Arrays.fill(downs, down);
        Arrays.fill(packets, 2);
        Attribution a = category == null ? Attribution.NONE
                : new Attribution(new Evidence(NameSource.TLS_SNI, "v16m.tiktokcdn.com", T0 * SECOND, ""), "TikTok", category);
        long first = n == 0 ? T0 * SECOND : bins[0] * width;
        long last = n == 0 ? first : bins[n - 1] * width;
        return new FlowRecord(id, new FlowKey(6, IpAddress.parse("10.42.0.61"), 40000 + (int) id,
                IpAddress.parse("23.50.1.10"), 443), first, last, 2L * n, 2L * n, 0, 0, FlowEnd.FIN, mac,
                new FlowBins(width, bins, ups, downs, packets), FlowNames.NONE, a);
    }
}
