package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.analysis.AnalysisProgress;
import org.toktrace.analysis.LiveProgress;
import org.toktrace.model.CaptureInterface;
import org.toktrace.model.Device;
import org.toktrace.model.InterfaceAddress;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LiveCaptureStats;
import org.toktrace.model.PrintableText;

/** What the live commands print: the interface list, the status line, the devices; names from outside escaped. */
class LiveCliTextTest {

    @Test
    void anInterfaceLineShowsStateAddressesAndTheHint() {
        CaptureInterface wlan = new CaptureInterface("wlan0", "", List.of(new InterfaceAddress(IpAddress.parse("10.42.0.1"), 24),
                new InterfaceAddress(IpAddress.parse("fe80::1"), 64)), false, true, "NetworkManager's hotspot subnet 10.42.0.0/24");
        assertEquals("* wlan0  up  10.42.0.1/24, fe80::1/64  <- likely hotspot: NetworkManager's hotspot subnet 10.42.0.0/24",
                InterfacesCommand.line(wlan));
        CaptureInterface lo = new CaptureInterface("lo", "", List.of(new InterfaceAddress(IpAddress.parse("127.0.0.1"), 8)), true, true, "");
        assertEquals("  lo  loopback  127.0.0.1/8", InterfacesCommand.line(lo));
        CaptureInterface hostile = new CaptureInterface("x\u001b[31m", "desc\nline", List.of(), false, false, "");
        assertEquals("  x\\x1b[31m  down  (desc\\x0aline)", InterfacesCommand.line(hostile));
    }

    @Test
    void theStatusLineCountsPacketsBytesDropsAndTime() {
        LiveProgress p = new LiveProgress(new LiveCaptureStats(12_345, 5_300_000, 7, 1, 12_345, List.of("a.pcapng")),
                new AnalysisProgress(5_300_000, -1, 12_345, 10, 3), 3_723_000_000_000L);
        assertEquals("12,345 packets, 5.30 MB, 8 dropped | TikTok foreground 0 B, background 0 B | 1:02:03",
                CaptureStatusLine.of(p, null));
    }

    @Test
    void aDeviceIsNamedInQuotesWithItsSourceAndAQuoteInsideCannotEndIt() {
        long mac = 0x0a33_ef6f_f86cL;
        assertEquals("\"Pixel-7\" (dhcp)", DeviceText.name(new Device(mac, List.of(), "Pixel-7", "dhcp")));
        assertEquals("", DeviceText.name(new Device(mac, List.of(), "", "")));
        assertEquals("", DeviceText.name(null));
        assertEquals("\"a\\x22 (mdns) b\" (dhcp)", // the quote escaped: it cannot end the name early
                DeviceText.name(new Device(mac, List.of(), "a\" (mdns) b", "dhcp")));
        assertEquals("10.42.0.23, fe80::1 and 2 more", DeviceText.addresses(List.of(IpAddress.parse("10.42.0.23"),
                IpAddress.parse("fe80::1"), IpAddress.parse("fe80::2"), IpAddress.parse("fe80::3")), 2));
        assertTrue(PrintableText.of("a\u0085b").equals("a\\x85b"));
    }
}
