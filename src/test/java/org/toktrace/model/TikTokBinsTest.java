package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.toktrace.model.Device;

class TikTokBinsTest {

    static final long SECOND = 1_000_000_000L;
    static final long T0 = 1_774_282_445L; // bin index of a 2026 second

    @Test
    void mergesTheFlowsOfEachDeviceBinByBinAndCategoryLeavingOthersOut() {
        List<FlowRecord> flows = List.of(
                flow(1, 0x0AFF90150280L, Category.VIDEO, SECOND, new long[] {T0, T0 + 2}, 1000),
                flow(2, 0x0AFF90150280L, Category.API, SECOND, new long[] {T0 + 2}, 10),
                flow(3, 0x0AFF90150281L, Category.PUSH, SECOND, new long[] {T0 + 1}, 5),
                flow(4, 0x0AFF90150280L, null, SECOND, new long[] {T0 + 1}, 77)); // not TikTok
        Map<Device.Id, List<TikTokBins.Bin>> bins = TikTokBins.of(flows);
        assertEquals(List.of(Device.Id.of(0x0AFF90150280L, null), Device.Id.of(0x0AFF90150281L, null)),
                new ArrayList<>(bins.keySet()));
        List<TikTokBins.Bin> phone = bins.get(Device.Id.of(0x0AFF90150280L, null));
        assertEquals(2, phone.size(), "no bin where only the non-TikTok flow was");
        assertEquals(T0 * SECOND, phone.get(0).binStartNanos());
        assertEquals((T0 + 2) * SECOND, phone.get(1).binStartNanos());
        assertEquals(1000, phone.get(1).downByCategory()[Category.VIDEO.ordinal()]);
        assertEquals(10, phone.get(1).downByCategory()[Category.API.ordinal()]);
        assertEquals(1000 + 10 + 101 + 2, phone.get(1).bytes(), "down plus up (a tenth plus one)");
        assertEquals(4, phone.get(1).packets());
    }

    static FlowRecord flow(long id, long mac, Category category, long width, long[] bins, long down) {
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
