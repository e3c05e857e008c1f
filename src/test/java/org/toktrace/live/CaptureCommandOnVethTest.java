package org.toktrace.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;
import org.toktrace.testkit.traffic.Scenario;

/**
 * {@code toktrace capture} options on the veth test bed (decision 0018): {@code --duration} ends the
 * capture by itself, and {@code --rotate-mb} splits what is written into files that each open on
 * their own and together hold every frame captured. Traffic flows all along (tcpreplay looping a
 * generated scenario), so what is captured does not depend on how fast the machine starts things.
 * Needs root, so it runs in the {@code live} profile ({@code mvn verify -Plive}); there it fails
 * (never skips) without root.
 */
@Tag("live")
class CaptureCommandOnVethTest {

    static final Scenario SCENARIO = new Scenario(7, 1, 0, 10 * ReplayedHotspot.SECOND, 0, false, 5, 6, 2, 3,
            300_000, 600_000, 0.3);
    static final Pattern CAPTURED = Pattern.compile("toktrace: captured (\\d+) packets, wrote (\\d+) to (.+); 0 dropped by the kernel");

    @TempDir
    Path dir;

    @Test
    void aCaptureWithADurationStopsByItselfExitsZeroAndLeavesAReadablePcapng() throws Exception {
        TestHost.requireRootAndTools("ip", "tcpreplay", "tcprewrite");
        ReplayedHotspot scenario = ReplayedHotspot.prepare(SCENARIO, dir);
        Path pcapng = dir.resolve("timed.pcapng");
        TestHost.Result cli;
        try (TestNetwork net = TestNetwork.create()) {
            cli = captureWhileReplaying(net, scenario, "5", "--duration", "3s", "--write", pcapng.toString());
        }
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.err().contains(", writing " + pcapng + " for 3 s; Ctrl+C stops earlier"), cli.err());
        Matcher m = captured(cli);
        long frames = Long.parseLong(m.group(1));
        assertTrue(frames > 0, cli.err());
        assertEquals(frames, Long.parseLong(m.group(2)), "every frame captured is written");
        assertEquals(pcapng.toString(), m.group(3), "one file");
        assertTrue(cli.out().contains("TikTok"), "the summary of what was captured: " + cli.out());

        AnalysisResult file = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(pcapng);
        assertEquals(frames, file.counters().frames(), "the pcapng reads back whole");
        assertTrue(file.warnings().isEmpty(), "a complete file: " + file.warnings());
        assertTrue(file.flows().stream().anyMatch(f -> f.attribution().isTikTok()), "the scenario's TikTok flows are in it");
    }

    @Test
    void rotationSplitsTheCaptureIntoFilesThatEachOpenAndTogetherHoldEveryFrame() throws Exception {
        TestHost.requireRootAndTools("ip", "tcpreplay", "tcprewrite");
        ReplayedHotspot scenario = ReplayedHotspot.prepare(SCENARIO, dir);
        Path first = dir.resolve("rotated.pcapng");
        TestHost.Result cli;
        try (TestNetwork net = TestNetwork.create()) {
            // about 8 MB in 3 s against files of at most 1 MB
            cli = captureWhileReplaying(net, scenario, "20", "--duration", "3s", "--rotate-mb", "1",
                    "--write", first.toString());
        }
        assertEquals(0, cli.exit(), cli.err());
        Matcher m = captured(cli);
        long frames = Long.parseLong(m.group(1));
        assertEquals(frames, Long.parseLong(m.group(2)), cli.err());
        List<String> files = List.of(m.group(3).split(", "));
        assertTrue(files.size() >= 3, "rotated: " + files);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= files.size(); i++) {
            expected.add(dir.resolve(i == 1 ? "rotated.pcapng" : "rotated-" + i + ".pcapng").toString());
        }
        assertEquals(expected, files, "named FILE, FILE-2, FILE-3 ...");

        long total = 0;
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisOptions.defaults());
        for (String f : files) {
            Path p = Path.of(f);
            assertTrue(Files.size(p) <= 1_000_000, f + " has " + Files.size(p) + " bytes");
            AnalysisResult r = analyzer.analyze(p); // each file opens on its own: its own section and interface
            assertTrue(r.counters().frames() > 0, f);
            assertTrue(r.warnings().isEmpty(), f + ": " + r.warnings());
            total += r.counters().frames();
        }
        assertEquals(frames, total, "together they hold every frame captured");
    }

    /**
     * Runs {@code toktrace capture -i wlan0 ARGS} inside the namespace while tcpreplay loops the
     * scenario into it at {@code mbps}; the capture must end by itself.
     */
    private TestHost.Result captureWhileReplaying(TestNetwork net, ReplayedHotspot scenario, String mbps, String... args)
            throws Exception {
        Process replay = new ProcessBuilder(net.inside("tcpreplay", "--intf1=" + TestNetwork.REPLAY_END, "--loop=0",
                "--mbps=" + mbps, scenario.replay().toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tcpreplay.txt").toFile()).start();
        try {
            List<String> command = new ArrayList<>(List.of(net.inside(TestHost.java(), "-cp", TestHost.classPath(),
                    "org.toktrace.Launcher", "capture", "--interface", TestNetwork.CAPTURE_END)));
            command.addAll(List.of(args));
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process cli = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            // nobody stops it: only its duration can
            if (!cli.waitFor(120, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                fail("the capture did not end by itself: " + Files.readString(err));
            }
            assertTrue(replay.isAlive(), "traffic flowed all along: " + Files.readString(dir.resolve("tcpreplay.txt")));
            return new TestHost.Result(cli.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            replay.destroy();
            replay.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Matcher captured(TestHost.Result cli) {
        Matcher m = CAPTURED.matcher(cli.err());
        assertTrue(m.find(), cli.err());
        return m;
    }
}
