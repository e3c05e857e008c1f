package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.NamedDevicesCapture;

/**
 * From packets to the analysis: a capture in which one phone names itself in a DHCP request and the
 * other in an mDNS announcement gives a result whose devices carry those names, and a hostile name
 * arrives escaped.
 */
class DeviceNamesAnalysisTest {

    @TempDir
    Path dir;

    @Test
    void dhcpAndMdnsNamesReachTheResultAndLeaveTikTokAsItWas() throws Exception {
        NamedDevicesCapture capture = NamedDevicesCapture.write(dir.resolve("named.pcap"), "Pixel-7", "Galaxy-S23");
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture.file());

        Device.Id phone = capture.dhcpPhone().id();
        Device.Id tablet = capture.mdnsPhone().id();
        Map<Device.Id, Device> devices = Device.byId(r.hotspotDevices());
        Device named = devices.get(phone);
        assertEquals("Pixel-7", named.name());
        assertEquals("dhcp", named.nameSource());
        assertEquals("Pixel-7 \u00b7 " + phone.label(), named.title());
        assertTrue(named.addresses().containsAll(capture.dhcpPhone().addresses()), named.toString());
        // mDNS names are read as DNS names, in lower case
        assertEquals("galaxy-s23", devices.get(tablet).name());
        assertEquals("mdns", devices.get(tablet).nameSource());
        assertEquals(2, r.announcedDevices().size(), r.announcedDevices().toString());
        assertEquals(List.of(phone, tablet), r.hotspotDevices().stream().map(Device::id).toList(),
                "the sample's two phones, no device without flows");

        // the two frames change nothing of TikTok's; the DHCP request is a flow of its own, the mDNS
        // announcement joins the flow of the tablet's own mDNS questions (same addresses and ports)
        AnalysisResult sample = capture.sample();
        assertEquals(sample.flows().size() + 1, r.flows().size());
        assertEquals(sample.states(), r.states());
        assertEquals(sample.breakdown().tiktok(), r.breakdown().tiktok());
        assertEquals(List.of(), sample.announcedDevices(), "the sample itself names nobody");
    }

    @Test
    void aHostileNameArrivesEscapedAndCapped() throws Exception {
        String hostile = "=HYPERLINK(\"http://x\")\u202Egnp.exe<script>\u0007\r\n" + "A".repeat(200);
        NamedDevicesCapture capture = NamedDevicesCapture.write(dir.resolve("hostile.pcap"), hostile, "x\u0001<b>");
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture.file());
        Map<Device.Id, Device> devices = Device.byId(r.hotspotDevices());
        String name = devices.get(capture.dhcpPhone().id()).name();
        assertTrue(name.startsWith("=HYPERLINK(\"http://x\")\\xe2\\x80\\xaegnp.exe<script>\\x07\\x0d\\x0a"), name);
        assertTrue(name.length() <= Device.MAX_NAME, name);
        assertTrue(name.chars().allMatch(c -> c >= 0x20 && c < 0x7F), name);
        assertEquals("x\\x01<b>", devices.get(capture.mdnsPhone().id()).name());
        assertTrue(devices.get(capture.dhcpPhone().id()).addresses().contains(
                IpAddress.parse(capture.dhcpPhone().addresses().stream().filter(a -> !a.v6()).findFirst().orElseThrow().toString())));
    }
}
