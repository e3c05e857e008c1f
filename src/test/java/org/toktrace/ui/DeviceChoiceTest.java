package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TrafficBreakdown;

/** The Device picker's choices: who comes first, how each is named, what its tooltip says. */
class DeviceChoiceTest {

    private static final long LAPTOP = 0x0200_0000_0001L;
    private static final long PHONE = 0x0a33_ef6f_f86cL;
    private static final long TABLET = 0x3eb3_7bc7_b2b3L;
    private static final long SILENT = 0x0200_0000_0009L;

    private static FlowRecord flow(long id, String client, long mac, long bytesDown) {
        return new FlowRecord(id, new FlowKey(6, IpAddress.parse(client), 40000,
                IpAddress.parse(client.contains(":") ? "2001:db8::1" : "192.0.2.1"), 443),
                0, 1, 1, 1, 100, bytesDown, FlowEnd.IDLE, mac, FlowBins.empty(1), FlowNames.NONE, Attribution.NONE);
    }

    private static DeviceStates states(long mac, long bytes) {
        return new DeviceStates(Device.Id.of(mac, null),
                List.of(new StateInterval(AppState.BACKGROUND, 0, 1, 1, "test")), 0, bytes, 0, 1);
    }

    /** A laptop with the most bytes but no TikTok; the tablet with more TikTok than the phone; a device without flows. */
    static AnalysisResult result(String phoneName) {
        List<FlowRecord> flows = List.of(flow(1, "10.42.0.2", LAPTOP, 90_000_000), flow(2, "10.42.0.23", PHONE, 5_000_000),
                flow(3, "10.42.0.24", TABLET, 1_000_000));
        return new AnalysisResult(new CaptureInfo("x", 0, CaptureFormat.PCAP, List.of(1), 0, 1), flows,
                new PacketCounters(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), true, List.of(), "test", TrafficBreakdown.EMPTY,
                List.of(states(TABLET, 900_000), states(PHONE, 400_000)),
                List.of(new Device(PHONE, List.of(IpAddress.parse("10.42.0.23"), IpAddress.parse("fe80::1")),
                                phoneName, "dhcp"),
                        new Device(SILENT, List.of(), "iPad", "mdns")));
    }

    @Test
    void tikTokDevicesComeFirstThenTheOthersThenThoseWithoutFlows() {
        List<DeviceChoice> choices = DeviceChoice.of(result("Pixel-7"));
        assertEquals(List.of("3e:b3:7b:c7:b2:b3", "0a:33:ef:6f:f8:6c", "02:00:00:00:00:01", "02:00:00:00:00:09"),
                choices.stream().map(DeviceChoice::key).toList(), "keys stay the MAC addresses");
        assertEquals(List.of("3e:b3:7b:c7:b2:b3", "Pixel-7 \u00b7 0a:33:ef:6f:f8:6c", "02:00:00:00:00:01",
                "iPad \u00b7 02:00:00:00:00:09"), choices.stream().map(DeviceChoice::title).toList());
        assertEquals(List.of(true, true, false, false), choices.stream().map(DeviceChoice::tiktok).toList());
        assertEquals(List.of(true, true, true, false), choices.stream().map(DeviceChoice::hasFlows).toList());
        assertEquals(choices.stream().map(DeviceChoice::id).toList(), Overview.devices(result("Pixel-7")));
    }

    @Test
    void onePhoneOverIpv4AndIpv6IsOneChoiceUnderOneLabelAndItsFilterKeepsBothFlows() {
        FlowRecord v4 = flow(1, "10.42.0.23", PHONE, 5_000);
        FlowRecord v6 = flow(2, "2001:db8::23", PHONE, 7_000);
        FlowRecord other = flow(3, "10.42.0.24", TABLET, 1_000);
        // announced twice (DHCP, then mDNS from its IPv6 address): still the one phone
        AnalysisResult r = new AnalysisResult(new CaptureInfo("x", 0, CaptureFormat.PCAP, List.of(1), 0, 1),
                List.of(v4, v6, other), new PacketCounters(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), true, List.of(), "test",
                TrafficBreakdown.EMPTY, List.of(states(PHONE, 12_000)),
                List.of(new Device(PHONE, List.of(IpAddress.parse("10.42.0.23")), "Pixel-7", "dhcp"),
                        new Device(PHONE, List.of(IpAddress.parse("2001:db8::23")), "pixel", "mdns")));
        List<DeviceChoice> choices = DeviceChoice.of(r);
        assertEquals(List.of("0a:33:ef:6f:f8:6c", "3e:b3:7b:c7:b2:b3"), choices.stream().map(DeviceChoice::key).toList(),
                "one entry per device, not per address nor per announcement");
        DeviceChoice phone = choices.get(0);
        assertEquals("Pixel-7 \u00b7 0a:33:ef:6f:f8:6c", phone.title(), "the first announcement names it");
        assertEquals(List.of(IpAddress.parse("10.42.0.23"), IpAddress.parse("2001:db8::23")), phone.device().addresses());
        assertEquals(Device.Id.of(v4), phone.device().id());
        assertEquals(List.of(v4, v6), r.flows().stream().filter(FlowFilter.ALL.withDevice(phone.device().id())).toList(),
                "picking the phone shows its flows from both addresses");
        assertEquals(r.states().get(0).device(), phone.id(), "the states' device is the choice's");
    }

    @Test
    void theTooltipGivesAddressesWhereTheNameCameFromAndWhetherTikTokWasSeen() {
        List<DeviceChoice> choices = DeviceChoice.of(result("Pixel-7"));
        assertEquals("10.42.0.23, fe80::1 \u00b7 named by its DHCP request \u00b7 TikTok traffic", choices.get(1).detail());
        assertEquals("10.42.0.2 \u00b7 no TikTok traffic", choices.get(2).detail());
        assertEquals("no address seen \u00b7 named by its mDNS announcement \u00b7 no flows yet: seen in DHCP or mDNS only",
                choices.get(3).detail());
        List<IpAddress> many = java.util.stream.IntStream.range(0, 9).mapToObj(i -> IpAddress.parse("fe80::" + (i + 1))).toList();
        assertTrue(DeviceChoice.of(new Device(PHONE, many, "", ""), false, true).detail()
                .startsWith("fe80::1, fe80::2, fe80::3, fe80::4, fe80::5, fe80::6 and 3 more \u00b7 "));
    }

    @Test
    void aHostileNameIsShownEscaped() {
        DeviceChoice phone = DeviceChoice.of(result("\u202Eevil\u0007\n<b>=1+1</b>")).get(1);
        assertEquals("\\u202eevil\\x07\\x0a<b>=1+1</b> \u00b7 0a:33:ef:6f:f8:6c", phone.title());
        assertFalse(phone.title().chars().anyMatch(c -> c < 0x20 || (c > 0x7E && c != 0xB7)), phone.title());
    }
}
