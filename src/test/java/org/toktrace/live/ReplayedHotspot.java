package org.toktrace.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.dissect.DeviceNameParserTest;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceTotals;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.Frames;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/**
 * A generated one-phone hotspot scenario made ready to replay into a {@link TestNetwork}: its
 * hotspot subnet (NetworkManager's or Windows', by seed) moved into the test subnet with
 * {@code tcprewrite --pnat}, and, to go before it, a DHCP request in which the phone names itself
 * "Pixel-7".
 *
 * @param replay the rewritten scenario
 * @param dhcp   the DHCP request, one frame, timed a second before the scenario
 * @param truth  the analysis of {@code replay}
 * @param frames frames of both together
 */
public record ReplayedHotspot(Path replay, Path dhcp, AnalysisResult truth, long frames) {

    public static final long SECOND = 1_000_000_000L;
    public static final String PHONE_NAME = "Pixel-7";
    private static final Pattern SENT = Pattern.compile("Successful packets:\\s+(\\d+)");

    /** Writes the scenario and the DHCP request into {@code dir}. */
    public static ReplayedHotspot prepare(Scenario scenario, Path dir) throws Exception {
        Path generated = dir.resolve("scenario.pcap");
        HotspotTrafficGenerator.write(scenario, generated);
        Path replay = dir.resolve("replay.pcap");
        TestHost.check("tcprewrite", "--pnat=10.42.0.0/24:10.213.42.0/24,192.168.137.0/24:10.213.42.0/24",
                "--infile=" + generated, "--outfile=" + replay);
        AnalysisResult truth = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(replay);
        DeviceTotals phone = truth.devices().get(0);
        assertTrue(phone.addresses().get(0).toString().startsWith("10.213.42."), "rewritten: " + phone);

        byte[] request = DeviceNameParserTest.dhcp(1, phone.mac(), "0.0.0.0", "0.0.0.0",
                DeviceNameParserTest.option(50, phone.addresses().get(0).toBytes()), DeviceNameParserTest.hostName(PHONE_NAME));
        byte[] dhcpFrame = Frames.ethernet().src(phone.mac()).dst(0xFFFF_FFFF_FFFFL).build(
                Frames.ipv4("0.0.0.0", "255.255.255.255").payload(Frames.udp(68, 67).payload(request)).build());
        Path dhcp = CaptureFileWriter.pcap(1).frame(truth.capture().firstNanos() - SECOND, dhcpFrame)
                .writeTo(dir.resolve("dhcp.pcap"));
        return new ReplayedHotspot(replay, dhcp, truth, 1 + truth.counters().frames());
    }

    /** The phone of the scenario. */
    public DeviceTotals phone() {
        return truth.devices().get(0);
    }

    /**
     * Starts replaying the DHCP request, then the scenario, into the network's replay end in real
     * time, in the background; {@link #stop(Process)} ends it early. Its report goes to {@code report}.
     */
    public Process startReplay(TestNetwork net, Path report) throws IOException {
        String intf = "--intf1=" + TestNetwork.REPLAY_END;
        return new ProcessBuilder(net.inside("sh", "-c", "tcpreplay " + intf + " '" + dhcp + "' && tcpreplay " + intf
                + " '" + replay + "'")).redirectErrorStream(true).redirectOutput(report.toFile()).start();
    }

    /** Ends a replay started by {@link #startReplay}, tcpreplay included. */
    public static void stop(Process replay) throws InterruptedException {
        replay.descendants().forEach(ProcessHandle::destroy);
        replay.destroy();
        replay.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Replays the DHCP request, then the scenario, into the network's replay end, in real time (the
     * states depend on when the packets come) unless {@code options} say otherwise (e.g.
     * {@code --mbps=100}); returns how many frames tcpreplay says it sent.
     */
    public long replayInto(TestNetwork net, String... options) throws IOException, InterruptedException {
        long sent = 0;
        for (Path file : List.of(dhcp, replay)) {
            List<String> command = new ArrayList<>(List.of("tcpreplay", "--intf1=" + TestNetwork.REPLAY_END));
            command.addAll(List.of(options));
            command.add(file.toString());
            String report = net.exec(command.toArray(String[]::new));
            Matcher m = SENT.matcher(report);
            assertTrue(m.find(), report);
            sent += Long.parseLong(m.group(1));
        }
        return sent;
    }
}
