package org.toktrace.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.Category;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TrafficBreakdown;

class TimelineCsvWriterTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_774_282_445L * S;

    private static FlowRecord flow(long id, long mac, String client, String service, Category c, long[] bins,
            long[] up, long[] down) {
        int[] packets = new int[bins.length];
        java.util.Arrays.fill(packets, 3);
        Attribution a = service == null ? Attribution.NONE
                : new Attribution(new Evidence(NameSource.TLS_SNI, "x.tiktokv.com", T0, ""), service, c);
        return new FlowRecord(id, new FlowKey(6, IpAddress.parse(client), 40000 + (int) id,
                IpAddress.parse(client.contains(":") ? "2001:db8::1" : "192.0.2.1"), 443), T0, T0 + 10 * S, 1, 1, 1, 1, FlowEnd.FIN, mac,
                new FlowBins(S, bins, up, down, packets), FlowNames.NONE, a);
    }

    private static AnalysisResult result(List<FlowRecord> flows, List<DeviceStates> states) {
        return result(flows, states, List.of());
    }

    private static AnalysisResult result(List<FlowRecord> flows, List<DeviceStates> states, List<Device> named) {
        return new AnalysisResult(new CaptureInfo("x", 0, CaptureFormat.PCAP, List.of(1), T0, T0 + 10 * S), flows,
                new PacketCounters(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), true, List.of(), "test",
                TrafficBreakdown.EMPTY, states, named);
    }

    @Test
    void oneRowPerDeviceAndBinWithTikTokTrafficMergedOverFlows() throws Exception {
        long t = T0 / S;
        List<FlowRecord> flows = List.of(
                flow(1, 0x0200_0000_0001L, "192.168.137.23", "TikTok", Category.VIDEO,
                        new long[] {t, t + 1}, new long[] {10, 20}, new long[] {1000, 2000}),
                flow(2, 0x0200_0000_0001L, "2001:db8::23", "TikTok", Category.API,
                        new long[] {t + 1, t + 5}, new long[] {5, 7}, new long[] {50, 70}),
                flow(3, 0x0200_0000_0001L, "192.168.137.23", "Google FCM", null,
                        new long[] {t + 2}, new long[] {1}, new long[] {1}),
                flow(4, -1, "10.0.0.9", "TikTok", Category.TELEMETRY,
                        new long[] {t + 3}, new long[] {300}, new long[] {40}));
        DeviceStates phone = new DeviceStates(Device.Id.parse("02:00:00:00:00:01"), List.of(
                new StateInterval(AppState.FOREGROUND, T0, T0 + 4 * S, 0.9, "scrolling"),
                new StateInterval(AppState.BACKGROUND, T0 + 4 * S, T0 + 10 * S, 0.8, "quiet")), 3085, 77, 4 * S, 6 * S);
        StringBuilder out = new StringBuilder();

        new TimelineCsvWriter().write(result(flows, List.of(phone)), out);

        assertEquals("bin_start,device,state,bytes_up,bytes_down,packets,device_name\r\n"
                + "2026-03-23T16:14:05.000000Z,02:00:00:00:00:01,foreground,10,1000,3,\r\n"
                + "2026-03-23T16:14:06.000000Z,02:00:00:00:00:01,foreground,25,2050,6,\r\n"
                + "2026-03-23T16:14:10.000000Z,02:00:00:00:00:01,background,7,70,3,\r\n"
                + "2026-03-23T16:14:08.000000Z,10.0.0.9,,300,40,3,\r\n", out.toString());
    }

    @Test
    void deviceNameComesLastBesideTheKeyFlowsCsvUses() throws Exception {
        long t = T0 / S;
        List<FlowRecord> flows = List.of(flow(1, 0x0200_0000_0001L, "192.168.137.23", "TikTok", Category.VIDEO,
                new long[] {t}, new long[] {10}, new long[] {1000}));
        StringBuilder out = new StringBuilder();

        new TimelineCsvWriter().write(result(flows, List.of(), List.of(new Device(0x0200_0000_0001L,
                List.of(IpAddress.parse("192.168.137.23")), "Pixel-7", "dhcp"))), out);

        assertEquals("bin_start,device,state,bytes_up,bytes_down,packets,device_name\r\n"
                + "2026-03-23T16:14:05.000000Z,02:00:00:00:00:01,,10,1000,3,Pixel-7\r\n", out.toString());
    }
}
