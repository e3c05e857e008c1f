package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.InterfaceAddress;
import org.toktrace.model.IpAddress;

/** Which interfaces are flagged as the likely hotspot, and which are not. */
class HotspotHintsTest {

    private static List<InterfaceAddress> at(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(c -> {
            String[] p = c.split("/");
            return new InterfaceAddress(IpAddress.parse(p[0]), Integer.parseInt(p[1]));
        }).toList();
    }

    @Test
    void wellKnownHotspotSubnetsAreNamed() {
        assertEquals("NetworkManager's hotspot subnet 10.42.0.0/24", HotspotHints.of("wlp2s0", "", at("10.42.0.1/24"), false));
        assertEquals("Windows' mobile hotspot subnet 192.168.137.0/24",
                HotspotHints.of("\\Device\\NPF_{1234}", "Microsoft Wi-Fi Direct Virtual Adapter #2", at("192.168.137.1/24"), false));
    }

    @Test
    void typicalNamesWithAPrivateSubnetAreFlagged() {
        assertTrue(HotspotHints.of("bridge100", "", at("192.168.2.1/24"), false).startsWith("macOS Internet Sharing"));
        assertTrue(HotspotHints.of("\\Device\\NPF_{ABCD}", "Local Area Connection* 12", at("192.168.50.1/24"), false)
                .startsWith("Windows hosted network"));
        assertTrue(HotspotHints.of("ap0", "", at("192.168.12.1/24"), false).startsWith("Wi-Fi interface that is the gateway"));
        assertTrue(HotspotHints.of("wlan0", "", at("fe80::1/64", "172.20.0.1/16"), false).startsWith("Wi-Fi interface"));
    }

    @Test
    void aLaptopThatIsItselfAClientIsNotAHotspot() {
        assertEquals("", HotspotHints.of("wlan0", "", at("192.168.1.57/24"), false), "a client of the home router");
        assertEquals("", HotspotHints.of("eth0", "", at("192.168.1.1/24"), false), "a wired gateway without a hotspot name");
        assertEquals("", HotspotHints.of("wlan0", "", at("203.0.113.1/24"), false), "a public address");
        assertEquals("", HotspotHints.of("lo", "", at("127.0.0.1/8"), true));
        assertEquals("", HotspotHints.of("wlan0", "", List.of(), false));
        assertEquals("", HotspotHints.of("bridge100", "", at("fe80::1/64"), false), "no IPv4 subnet shared");
    }

    @Test
    void netmasksBecomePrefixLengths() throws Exception {
        assertEquals(24, CaptureInterfaces.prefixLength(InetAddress.getByName("255.255.255.0"), false));
        assertEquals(0, CaptureInterfaces.prefixLength(InetAddress.getByName("0.0.0.0"), false));
        assertEquals(-1, CaptureInterfaces.prefixLength(InetAddress.getByName("255.0.255.0"), false), "not contiguous");
        assertEquals(64, CaptureInterfaces.prefixLength(InetAddress.getByName("ffff:ffff:ffff:ffff::"), true));
        assertEquals(-1, CaptureInterfaces.prefixLength(null, false));
        assertEquals(IpAddress.parse("10.42.0.1"), CaptureInterfaces.toIp(InetAddress.getByName("10.42.0.1")));
        assertEquals(IpAddress.parse("2001:db8::1"), CaptureInterfaces.toIp(InetAddress.getByName("2001:db8::1")));
    }

    @Test
    void theLoopbackInterfaceIsListedWithItsAddress() throws Exception {
        // listing needs no capture rights on Linux; libpcap is installed wherever the tests run
        var interfaces = CaptureInterfaces.list();
        var lo = interfaces.stream().filter(i -> i.name().equals("lo")).findFirst().orElseThrow(() -> new AssertionError(interfaces.toString()));
        assertTrue(lo.loopback());
        assertEquals("", lo.hotspotHint());
        assertTrue(lo.addresses().contains(new InterfaceAddress(IpAddress.parse("127.0.0.1"), 8)), lo.toString());
        assertTrue(interfaces.indexOf(lo) >= interfaces.stream().filter(i -> i.likelyHotspot()).count(), "hotspots first");
    }
}
