package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.Device;

/**
 * Devices on the hotspot: names from packets (or from a library) are printable whatever they held,
 * the title a person sees, and the devices of a result joined with the names they announced.
 */
class DeviceTest {

    private static final long PHONE = 0x0a33_ef6f_f86cL;
    private static final long TABLET = 0x3eb3_7bc7_b2b3L;
    private static final long SILENT = 0x0200_0000_0009L;

    static Device named(String name) {
        return new Device(PHONE, List.of(), name, "dhcp");
    }

    @Test
    void aPlainNameIsKeptAndTheTitleAddsTheMac() {
        Device d = new Device(PHONE, List.of(IpAddress.parse("10.42.0.23")), "Pixel-7", "dhcp");
        assertEquals("Pixel-7", d.name());
        assertEquals("Pixel-7 \u00b7 0a:33:ef:6f:f8:6c", d.title());
        assertEquals("0a:33:ef:6f:f8:6c", new Device(PHONE, List.of(), "", "").title(), "no name: the MAC");
        assertEquals("10.0.0.9", new Device(-1, List.of(IpAddress.parse("10.0.0.9")), "", "").title(),
                "no MAC: the address that keys it");
    }

    @Test
    void aDeviceIsItsMacOrWithoutOneItsAddressAndEveryLayerLabelsItAlike() {
        FlowRecord v4 = flow(1, "10.42.0.23", PHONE, 1);
        FlowRecord v6 = flow(2, "2001:db8::23", PHONE, 1);
        FlowRecord noMac = flow(3, "10.0.0.9", -1, 1);
        assertEquals(Device.Id.of(v4), Device.Id.of(v6), "one MAC, two addresses: one device");
        assertNotEquals(Device.Id.of(v4), Device.Id.of(noMac));
        assertEquals(Device.Id.of(-1, IpAddress.parse("10.0.0.9")), Device.Id.of(noMac));
        for (FlowRecord f : List.of(v4, v6, noMac)) {
            assertEquals(Device.Id.of(f), Device.Id.parse(Device.Id.of(f).label()), "a label names its device");
        }
        assertEquals("0a:33:ef:6f:f8:6c", Device.Id.of(v6).label());
        assertEquals("10.0.0.9", Device.Id.of(noMac).label());
        AnalysisResult r = result(List.of(v4, v6, noMac), List.of());
        assertEquals(List.of("0a:33:ef:6f:f8:6c", "10.0.0.9"), r.devices().stream().map(DeviceTotals::label).toList());
        assertEquals(List.of(Device.Id.of(v4), Device.Id.of(noMac)), r.devices().stream().map(DeviceTotals::id).toList());
        assertThrows(IllegalArgumentException.class, () -> new Device(-1, List.of(), "x", "mdns"),
                "neither a MAC nor an address is no device");
        assertThrows(IllegalArgumentException.class, () -> new Device.Id(PHONE, IpAddress.parse("10.0.0.9")));
    }

    @Test
    void hostileNamesAreEscaped() {
        assertEquals("evil\\u202egnp.exe", named("evil\u202Egnp.exe").name(), "a right-to-left override cannot flip the line");
        assertEquals("a\\x07\\x1b[2J\\x0ab c", named("a\u0007\u001b[2J\nb c").name(), "control characters, line breaks");
        assertEquals("caf\u00e9\uD83D\uDE00", named("caf\u00e9\uD83D\uDE00").name(), "letters of any script stay readable");
        assertEquals("a\\ud83d", named("a\uD83D").name(), "a surrogate without its partner");
        assertEquals("=HYPERLINK(\"http://x\")<b>", named("=HYPERLINK(\"http://x\")<b>").name(),
                "printable text stays as it is: the views show text, never run it");
        assertEquals("mdns\\x0a", new Device(PHONE, List.of(), "x", "mdns\n").nameSource());
    }

    @Test
    void aLongNameIsCutBeforeAnEscapeNeverInsideIt() {
        assertEquals(Device.MAX_NAME, named("a".repeat(500)).name().length());
        String cut = named("a".repeat(Device.MAX_NAME - 2) + "\u202E").name();
        assertEquals("a".repeat(Device.MAX_NAME - 2), cut);
    }

    private static FlowRecord flow(long id, String client, long mac, long bytesDown) {
        return new FlowRecord(id, new FlowKey(17, IpAddress.parse(client), 40000,
                IpAddress.parse(client.contains(":") ? "2001:db8::1" : "192.0.2.1"), 443),
                0, 1, 1, 1, 100, bytesDown, FlowEnd.IDLE, mac, FlowBins.empty(1), FlowNames.NONE, Attribution.NONE);
    }

    private static AnalysisResult result(List<FlowRecord> flows, List<Device> announced) {
        return new AnalysisResult(new CaptureInfo("x", 0, CaptureFormat.PCAP, List.of(1), 0, 1), flows,
                new PacketCounters(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), true, List.of(), "test", TrafficBreakdown.EMPTY,
                List.of(), announced);
    }

    @Test
    void theFlowsDevicesGetTheirAnnouncedNamesAndThoseWithoutFlowsComeLast() {
        List<FlowRecord> flows = List.of(flow(1, "10.42.0.23", PHONE, 5000), flow(2, "10.42.0.24", TABLET, 9000),
                flow(3, "10.0.0.9", -1, 1));
        List<Device> announced = List.of(
                new Device(SILENT, List.of(IpAddress.parse("10.42.0.99")), "", "dhcp"),
                new Device(PHONE, List.of(IpAddress.parse("fe80::1")), "Pixel-7", "dhcp"));
        AnalysisResult r = result(flows, announced);
        assertEquals(List.of(
                new Device(TABLET, List.of(IpAddress.parse("10.42.0.24")), "", ""),
                new Device(PHONE, List.of(IpAddress.parse("10.42.0.23"), IpAddress.parse("fe80::1")), "Pixel-7", "dhcp"),
                new Device(-1, List.of(IpAddress.parse("10.0.0.9")), "", ""),
                new Device(SILENT, List.of(IpAddress.parse("10.42.0.99")), "", "dhcp")), r.hotspotDevices(),
                "the flows' devices in their order (busiest first), names and addresses joined, then the rest");
        assertEquals(List.of("3e:b3:7b:c7:b2:b3", "0a:33:ef:6f:f8:6c", "10.0.0.9", "02:00:00:00:00:09"),
                r.hotspotDevices().stream().map(Device::label).toList(),
                "labels are the keys states and flows use");
        assertEquals("Pixel-7", Device.byId(r.hotspotDevices()).get(Device.Id.parse("0a:33:ef:6f:f8:6c")).name());
        assertEquals(List.of(), new AnalysisResult(r.capture(), flows, r.counters(), List.of(), true, List.of(), "test",
                TrafficBreakdown.EMPTY, List.of()).announcedDevices(), "the shorter constructor: nobody announced");
    }
}
