package org.toktrace.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.capture.CaptureFiles;
import org.toktrace.capture.FrameSource;
import org.toktrace.dissect.DeviceNameParserTest;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceTotals;

/**
 * The bundled sample capture with its two phones naming themselves, as phones do on a hotspot: the
 * busiest sends a DHCP request (renewing its lease, from its own address to the hotspot) with a
 * host name, the other an mDNS announcement of {@code NAME.local}. Both frames come first, at the
 * time of the sample's first frame, so the sample's flows, TikTok traffic and states stay as they are
 * (one flow more: the DHCP exchange; the announcement joins the phone's own mDNS flow).
 *
 * @param file      the capture written
 * @param sample    the sample's own analysis, without the two frames
 * @param dhcpPhone the phone named by DHCP (the sample's busiest device)
 * @param mdnsPhone the phone named by mDNS
 */
public record NamedDevicesCapture(Path file, AnalysisResult sample, DeviceTotals dhcpPhone, DeviceTotals mdnsPhone) {

    public static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");
    private static final long MDNS_GROUP_MAC = 0x0100_5e00_00fbL;

    /**
     * Writes the sample with {@code dhcpName} in the first phone's DHCP request (its UTF-8 bytes as
     * they are, hostile ones too) and {@code mdnsName} announced by the second phone over mDNS.
     */
    public static NamedDevicesCapture write(Path file, String dhcpName, String mdnsName) throws IOException {
        AnalysisResult sample;
        try {
            sample = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(SAMPLE);
        } catch (org.toktrace.analysis.UnreadableCaptureException e) {
            throw new IOException(e);
        }
        List<DeviceTotals> devices = sample.devices();
        DeviceTotals first = devices.get(0);
        DeviceTotals second = devices.get(1);
        String firstV4 = v4(first);
        String secondV4 = v4(second);
        String hotspot = firstV4.substring(0, firstV4.lastIndexOf('.')) + ".1";

        byte[] request = DeviceNameParserTest.dhcp(1, first.mac(), firstV4, "0.0.0.0",
                DeviceNameParserTest.option(53, new byte[] {3}),
                DeviceNameParserTest.option(12, dhcpName.getBytes(StandardCharsets.UTF_8)));
        byte[] dhcpFrame = Frames.ethernet().src(first.mac()).dst(Frames.DEFAULT_DST_MAC).build(
                Frames.ipv4(firstV4, hotspot).payload(Frames.udp(68, 67).payload(request)).build());
        byte[] mdnsFrame = Frames.ethernet().src(second.mac()).dst(MDNS_GROUP_MAC).build(
                Frames.ipv4(secondV4, "224.0.0.251").payload(Frames.udp(5353, 5353)
                        .payload(DeviceNameParserTest.mdnsAnnouncement(mdnsName, secondV4))).build());

        CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(1);
        boolean added = false;
        try (FrameSource source = CaptureFiles.open(SAMPLE)) {
            while (source.next()) {
                if (!added) {
                    pcap.frame(source.timestampNanos(), dhcpFrame).frame(source.timestampNanos(), mdnsFrame);
                    added = true;
                }
                byte[] frame = new byte[source.capturedLength()];
                source.buffer().get(source.frameOffset(), frame);
                pcap.frame(source.timestampNanos(), source.originalLength(), frame);
            }
        } catch (org.toktrace.capture.CaptureOpenException e) {
            throw new IOException(e);
        }
        pcap.writeTo(file);
        return new NamedDevicesCapture(file, sample, first, second);
    }

    private static String v4(DeviceTotals d) {
        return d.addresses().stream().filter(a -> !a.v6()).findFirst().orElseThrow().toString();
    }
}
