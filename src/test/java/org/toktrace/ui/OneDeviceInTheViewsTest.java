package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.Category;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TrafficBreakdown;

/**
 * A dual-stack phone (one MAC, an IPv4 and an IPv6 address) is one device in every view that picks or
 * lists devices, and "all devices" (a null device) is every device, never one of them.
 */
class OneDeviceInTheViewsTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_774_282_445L * S;
    private static final long PHONE = 0x0a33_ef6f_f86cL;
    private static final Device.Id PHONE_ID = Device.Id.of(PHONE, null);
    private static final Device.Id LAPTOP_ID = Device.Id.of(-1, IpAddress.parse("10.0.0.9"));

    private static FlowRecord tiktok(long id, long mac, String client, long second, long bytesDown) {
        Attribution a = new Attribution(new Evidence(NameSource.TLS_SNI, "v16.tiktokcdn.com", T0, ""), "TikTok",
                Category.VIDEO);
        FlowBins bins = new FlowBins(S, new long[] {T0 / S + second}, new long[] {10}, new long[] {bytesDown},
                new int[] {3});
        return new FlowRecord(id, new FlowKey(6, IpAddress.parse(client), 40000 + (int) id,
                IpAddress.parse(client.contains(":") ? "2001:db8::1" : "192.0.2.1"), 443), T0 + second * S,
                T0 + (second + 1) * S, 1, 2, 10, bytesDown, FlowEnd.FIN, mac, bins, FlowNames.NONE, a);
    }

    private static AnalysisResult dualStackPhoneAndALaptop() {
        List<FlowRecord> flows = List.of(tiktok(1, PHONE, "10.42.0.23", 0, 1000), tiktok(2, PHONE, "2001:db8::23", 1, 2000),
                tiktok(3, -1, "10.0.0.9", 2, 4000));
        DeviceStates phone = new DeviceStates(PHONE_ID, List.of(
                new StateInterval(AppState.FOREGROUND, T0, T0 + 5 * S, 0.9, "scrolling")), 3020, 0, 5 * S, 0);
        DeviceStates laptop = new DeviceStates(LAPTOP_ID, List.of(
                new StateInterval(AppState.BACKGROUND, T0 + 2 * S, T0 + 5 * S, 0.8, "quiet")), 0, 4010, 0, 3 * S);
        return new AnalysisResult(new CaptureInfo("x", 0, CaptureFormat.PCAP, List.of(1), T0, T0 + 5 * S), flows,
                new PacketCounters(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), true, List.of(), "test",
                TrafficBreakdown.EMPTY, List.of(laptop, phone),
                List.of(new Device(PHONE, List.of(IpAddress.parse("10.42.0.23")), "Pixel-7", "dhcp")));
    }

    @Test
    void aPhoneOverIpv4AndIpv6IsOneDeviceInThePickerTheOverviewAndTheFlowsCsv() throws Exception {
        AnalysisResult r = dualStackPhoneAndALaptop();

        assertEquals(List.of(LAPTOP_ID, PHONE_ID), Overview.devices(r), "two devices, not three");
        Overview phone = Overview.of(r, PHONE_ID);
        assertEquals(PHONE_ID, phone.device());
        assertEquals("2 flows", phone.tiktok().detail(), "both of the phone's addresses count for it");
        assertEquals(Figures.bytes(3020), phone.foreground().value());
        assertTrue(phone.intervals().stream().allMatch(i -> i.device().equals(PHONE_ID)), phone.intervals().toString());
        assertEquals(1, phone.intervals().size());
        assertEquals(1010 + 2010, TimelineSeries.of(r, PHONE_ID).foregroundBytes(),
                "the phone's timeline holds the bins of both addresses");

        StringWriter csv = new StringWriter();
        new FlowsCsvWriter(TikTokReport.networks(), r.announcedDevices()).write(r.flows(), csv);
        List<String> rows = Arrays.asList(csv.toString().split("\r\n"));
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("1,0a:33:ef:6f:f8:6c,") && rows.get(1).contains(",10.42.0.23,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("2,0a:33:ef:6f:f8:6c,") && rows.get(2).contains(",2001:db8::23,"), rows.get(2));
        for (String row : rows.subList(1, 3)) {
            assertTrue(row.endsWith(",Pixel-7"), "the name goes with the MAC, whichever address: " + row);
        }
        assertTrue(rows.get(3).startsWith("3,10.0.0.9,") && rows.get(3).endsWith(","), rows.get(3));
    }

    @Test
    void allDevicesIsEveryDeviceAndNeverOneOfThem() {
        AnalysisResult r = dualStackPhoneAndALaptop();

        Overview all = Overview.of(r, null);
        assertNull(all.device());
        assertEquals("3 flows", all.tiktok().detail());
        assertEquals(2, all.intervals().size(), "every device's intervals");
        assertEquals(Figures.bytes(3020), all.foreground().value());
        assertEquals(Figures.bytes(4010), all.background().value());
        assertEquals(r.totalStates(), Overview.statesOf(r, null));
        assertNull(r.totalStates().device(), "the totals are no one device's");
        assertEquals(3, TimelineSeries.of(r, null).points().size(), "every device's bins");
        assertEquals(Device.ALL, DeviceChoice.titleOf(null, DeviceChoice.byId(DeviceChoice.of(r))));
        assertEquals("Pixel-7 \u00b7 0a:33:ef:6f:f8:6c", DeviceChoice.titleOf(PHONE_ID, DeviceChoice.byId(DeviceChoice.of(r))));
        assertTrue(Device.includes(null, PHONE_ID) && Device.includes(null, LAPTOP_ID));
        assertTrue(!Device.includes(PHONE_ID, LAPTOP_ID));
        assertThrows(IllegalArgumentException.class, () -> Device.Id.parse(Device.ALL),
                "the text of every device names no device in the store");
    }
}
