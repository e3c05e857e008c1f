package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisResultTest {

    private static FlowRecord flow(long id, String client, long mac, long bytesDown) {
        IpAddress c = IpAddress.parse(client);
        IpAddress s = c.v6() ? IpAddress.parse("2001:db8::1") : IpAddress.parse("192.0.2.1");
        return new FlowRecord(id, new FlowKey(17, c, 40000, s, 443), 0, 1, 1, 1, 100, bytesDown,
                FlowEnd.IDLE, mac, FlowBins.empty(1), FlowNames.NONE, Attribution.NONE);
    }

    private static AnalysisResult result(List<FlowRecord> flows) {
        return new AnalysisResult(new CaptureInfo("x", 0, CaptureFormat.PCAP, List.of(1), 0, 1), flows,
                new PacketCounters(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), true, List.of(), "test", TrafficBreakdown.EMPTY, List.of());
    }

    @Test
    void addressesBehindOneMacAreOneDevice() {
        long phone = 0x0a33_ef6f_f86cL;
        List<DeviceTotals> devices = result(List.of(
                flow(1, "192.168.137.176", phone, 1000),
                flow(2, "2001:db8::176", phone, 2000),
                flow(3, "fe80::833:efff:fe6f:f86c", phone, 0),
                flow(4, "192.168.137.122", 0x3eb3_7bc7_b2b3L, 500),
                flow(5, "10.0.0.9", -1, 10))).devices();
        assertEquals(3, devices.size());
        DeviceTotals first = devices.get(0);
        assertEquals("0a:33:ef:6f:f8:6c", first.label());
        assertEquals(List.of(IpAddress.parse("192.168.137.176"), IpAddress.parse("2001:db8::176"),
                IpAddress.parse("fe80::833:efff:fe6f:f86c")), first.addresses());
        assertEquals(3, first.flows());
        assertEquals(3000, first.bytesDown());
        assertEquals(300, first.bytesUp());
        assertEquals("3e:b3:7b:c7:b2:b3", devices.get(1).label());
        // no link-layer address: the client address is the device
        assertEquals("10.0.0.9", devices.get(2).label());
        assertEquals("", devices.get(2).macText());
    }

    @Test
    void flowsByTransportMostFirst() {
        FlowRecord tcp = new FlowRecord(9, new FlowKey(6, IpAddress.parse("10.0.0.2"), 1, IpAddress.parse("10.0.0.1"), 2),
                0, 0, 1, 0, 40, 0, FlowEnd.IDLE, -1, FlowBins.empty(1), FlowNames.NONE, Attribution.NONE);
        AnalysisResult r = result(List.of(flow(1, "10.0.0.2", -1, 1), flow(2, "10.0.0.3", -1, 1), tcp));
        assertEquals("{UDP=2, TCP=1}", r.flowsByTransport().toString());
    }
}
