package org.toktrace.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.export.TimelineCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.DeviceTotals;
import org.toktrace.model.IpAddress;
import org.toktrace.model.StateInterval;
import org.toktrace.store.CaptureDigest;
import org.toktrace.store.CaptureLibrary;
import org.toktrace.store.LocalDatabase;
import org.toktrace.testkit.traffic.GroundTruth;
import org.toktrace.testkit.traffic.Scenario;

/**
 * Live capture end to end, on a real interface: a generated hotspot scenario, its phone's addresses
 * rewritten into a test subnet, is replayed in real time into one end of a veth pair inside a network
 * namespace of the test's own, and captured on the other end at once through the CLI
 * ({@code toktrace capture}, stopped with Ctrl+C) and through the live capture API. Both must yield
 * exactly what {@code analyze} gives for the pcapng they wrote, which must hold every replayed
 * frame; and that must match the scenario: the same flows, TikTok named by SNI, the same states.
 * Needs root, so it runs in the {@code live} profile ({@code mvn verify -Plive}); there it fails
 * (never skips) without root. See docs/decisions/0018-live-capture-test-bed.md.
 */
@Tag("live")
class LiveCaptureIntegrationTest {

    static final long SECOND = 1_000_000_000L;
    /**
     * One phone for 40 s: the app in the background for 8-10 s, then scrolling for 22-25 s, then
     * minimized again: background, then foreground (the classifier leaves foreground only after 60 s
     * of quiet, so the capture ends in it).
     */
    static final Scenario SCENARIO = new Scenario(21, 1, 0, 40 * SECOND, 0, false, 22, 25, 8, 10, 500_000, 2_000_000, 0.3);

    @TempDir
    Path dir;

    @Test
    void aReplayedHotspotIsCapturedByTheCliAndTheApiAnalysedLikeItsFileAndWrittenCompletely() throws Exception {
        TestHost.requireRootAndTools("ip", "tcpreplay", "tcprewrite");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

        ReplayedHotspot scenario = ReplayedHotspot.prepare(SCENARIO, dir);
        AnalysisResult truth = scenario.truth();
        assertTrue(truth.totalStates().foregroundBytes() > 1_000_000, "the scenario scrolls: " + truth.states());
        DeviceTotals phone = scenario.phone();
        long replayedFrames = scenario.frames();

        Path cliOut = Files.createDirectories(dir.resolve("cli"));
        Path apiOut = Files.createDirectories(dir.resolve("api"));
        Path cliCapture = cliOut.resolve("cli.pcapng");
        Path library = dir.resolve("library");
        Path apiCapture = apiOut.resolve("api.pcapng");
        String interfaces;
        long sent = 0;
        try (TestNetwork net = TestNetwork.create()) {
            interfaces = net.exec(TestHost.java(), "-cp", TestHost.classPath(), "org.toktrace.Launcher", "interfaces");
            Process cli = start(net.inside(TestHost.java(), "-cp", TestHost.classPath(), "org.toktrace.Launcher", "capture",
                    "--interface", TestNetwork.CAPTURE_END, "--write", cliCapture.toString(),
                    "--flows-csv", cliOut.resolve("flows.csv").toString(),
                    "--timeline-csv", cliOut.resolve("timeline.csv").toString(),
                    "--save", "--db", library.toString()), cliOut);
            Process api = start(net.inside(TestHost.java(), "-cp", TestHost.classPath(), LiveCaptureMain.class.getName(),
                    TestNetwork.CAPTURE_END, apiCapture.toString(), apiOut.toString()), apiOut);
            try {
                awaitLine(cli, cliOut.resolve("err.txt"), "toktrace: capturing on " + TestNetwork.CAPTURE_END);
                awaitLine(api, apiOut.resolve("err.txt"), "ready");
                sent = scenario.replayInto(net);
                TestHost.check("kill", "-INT", String.valueOf(cli.pid())); // Ctrl+C
                try (OutputStream stdin = api.getOutputStream()) {
                    stdin.write("stop\n".getBytes(StandardCharsets.US_ASCII));
                }
                for (Process p : List.of(cli, api)) {
                    if (!p.waitFor(120, TimeUnit.SECONDS)) {
                        fail("the capture did not end after its stop");
                    }
                }
                assertEquals(0, cli.exitValue(), Files.readString(cliOut.resolve("err.txt")));
                assertEquals(0, api.exitValue(), Files.readString(apiOut.resolve("err.txt")));
            } finally {
                cli.destroyForcibly();
                api.destroyForcibly();
            }
        }
        assertEquals(replayedFrames, sent, "tcpreplay sent every frame");
        assertTrue(interfaces.contains("* " + TestNetwork.CAPTURE_END + "  up  10.213.42.1/24  <- likely hotspot: "), interfaces);

        String cliErr = Files.readString(cliOut.resolve("err.txt"));
        String cliStdout = Files.readString(cliOut.resolve("out.txt"));
        assertTrue(cliErr.contains("toktrace: captured " + replayedFrames + " packets, wrote " + replayedFrames + " to " + cliCapture
                + "; 0 dropped by the kernel"), cliErr);
        for (String line : cliErr.split("\\R")) {
            assertTrue(line.startsWith("toktrace: "), "one plain line each, no stack trace: " + line);
        }
        assertTrue(java.util.regex.Pattern.compile("\n    " + java.util.regex.Pattern.quote(phone.macText())
                + " .*  \"Pixel-7\" \\(dhcp\\)\n")
                .matcher(cliStdout).find(), "the phone's line in the summary gives its name: " + cliStdout);
        assertTrue(cliStdout.contains("\"Pixel-7\" (dhcp)"), cliStdout);
        assertTrue(cliStdout.contains("  TikTok foreground/background\n"), cliStdout);

        // --save: the live analysis is in the library under the SHA-256 of the pcapng it wrote
        assertTrue(cliStdout.contains("  saved      in the library as capture 1 "), cliStdout);
        try (LocalDatabase db = LocalDatabase.open(library)) {
            CaptureLibrary lib = new CaptureLibrary(db);
            assertEquals(1, lib.list().size());
            assertEquals(CaptureDigest.sha256(cliCapture), lib.list().get(0).sha256());
            AnalysisResult stored = lib.load(lib.list().get(0).id()).orElseThrow();
            StringWriter storedFlows = new StringWriter();
            new FlowsCsvWriter(TikTokReport.networks(), stored.announcedDevices()).write(stored.flows(), storedFlows);
            assertEquals(Files.readString(cliOut.resolve("flows.csv")), storedFlows.toString(), "the stored flows are the live ones");
        }

        List<String> live = Files.readAllLines(apiOut.resolve("live.txt"));
        assertTrue(live.contains("frames-captured " + replayedFrames), live.toString());
        assertTrue(live.contains("frames-written " + replayedFrames), live.toString());
        assertTrue(live.contains("dropped 0"), live.toString());
        assertTrue(live.contains("device " + phone.macText() + " Pixel-7 dhcp"), live.toString());
        assertTrue(number(live, "snapshots") >= 10, "snapshots a few times a second: " + live);
        assertTrue(number(live, "max-tiktok-bytes") > 1_000_000, "snapshots showed TikTok as it came: " + live);
        assertTrue(number(live, "max-open-flows") > 0, live.toString());

        for (Path out : List.of(cliOut, apiOut)) {
            Path written = out.resolve(out == cliOut ? "cli.pcapng" : "api.pcapng");
            AnalysisResult file = analyze(written);
            assertEquals(replayedFrames, file.counters().frames(), "the pcapng holds every frame: " + written);
            // live analysis == analysis of the file it wrote: the same pipeline, the same frames
            assertEquals(csv(file, true), Files.readString(out.resolve("flows.csv")), "flows of " + out);
            assertEquals(csv(file, false), Files.readString(out.resolve("timeline.csv")), "timeline of " + out);
            assertMatchesScenario(truth, file);
        }
    }

    /** The same flows with the same counts and names as the replayed scenario, TikTok by SNI, the same states. */
    private void assertMatchesScenario(AnalysisResult truth, AnalysisResult live) throws Exception {
        assertEquals(flowsByKey(truth), flowsByKey(live));
        long bySni = tiktokBySni(live);
        assertEquals(tiktokBySni(truth), bySni);
        assertTrue(bySni >= 5, "TikTok flows named by SNI: " + bySni);
        DeviceStates t = truth.states().get(0);
        DeviceStates l = live.states().get(0);
        assertEquals(states(t), states(l), "state sequence: " + t.intervals() + " vs " + l.intervals());
        List<Boolean> outOfSight = new ArrayList<>();
        for (AppState a : states(l)) {
            if (outOfSight.isEmpty() || outOfSight.get(outOfSight.size() - 1) != a.isBackground()) {
                outOfSight.add(a.isBackground());
            }
        }
        // the capture ends while scrolling: after the last viewing download, the seconds show nothing either way
        if (outOfSight.size() == 3 && outOfSight.get(2)) {
            StateInterval tail = l.intervals().get(l.intervals().size() - 1);
            assertTrue(tail.durationNanos() < 60_000_000_000L, "a short tail after the last download: " + tail);
            outOfSight.remove(2);
        }
        assertEquals(List.of(true, false), outOfSight, "background, then scrolling: " + states(l));
        assertEquals(t.bytes(), l.bytes(), "TikTok bytes");
        // replay timing moves packets across 1 s bin edges, so the split may shift by a bin or two
        assertTrue(Math.abs(t.foregroundBytes() - l.foregroundBytes()) <= t.bytes() / 10,
                "foreground " + l.foregroundBytes() + " B live, " + t.foregroundBytes() + " B in the scenario");
    }

    /** TikTok flows named by their TLS or QUIC SNI, each checked against the generator's servers. */
    private static long tiktokBySni(AnalysisResult result) {
        GroundTruth servers = GroundTruth.standard();
        long n = 0;
        for (var f : result.flows()) {
            String source = f.attribution().evidence() == null ? "" : f.attribution().evidence().source().label();
            if (f.attribution().isTikTok() && (source.equals("tls-sni") || source.equals("quic-sni"))) {
                n++;
                assertTrue(servers.named(f.attribution().evidence().name()).tiktok(), f.toString());
            }
        }
        return n;
    }

    private static List<AppState> states(DeviceStates d) {
        List<AppState> s = new ArrayList<>();
        for (StateInterval i : d.intervals()) {
            if (s.isEmpty() || s.get(s.size() - 1) != i.state()) {
                s.add(i.state());
            }
        }
        return s;
    }

    /** Flow rows keyed by their 5-tuple, without the times (replay shifts them) and the DHCP request added. */
    private Map<String, String> flowsByKey(AnalysisResult result) throws IOException {
        Path f = Files.createTempFile(dir, "flows", ".csv");
        new FlowsCsvWriter(TikTokReport.networks(), result.announcedDevices()).write(result.flows(), f);
        Map<String, String> rows = new TreeMap<>();
        try (Reader r = Files.newBufferedReader(f)) {
            for (CSVRecord c : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                if (c.get("server_port").equals("67")) {
                    continue;
                }
                String key = String.join(" ", c.get("transport"), c.get("client_ip"), c.get("client_port"),
                        c.get("server_ip"), c.get("server_port"));
                String value = String.join(" ", c.get("packets_up"), c.get("packets_down"), c.get("bytes_up"),
                        c.get("bytes_down"), c.get("server_name"), c.get("name_source"), c.get("service"), c.get("category"));
                // a 5-tuple used again later is another flow: number them in order of appearance
                int n = 1;
                while (rows.containsKey(key + " #" + n)) {
                    n++;
                }
                rows.put(key + " #" + n, value);
            }
        }
        return rows;
    }

    private String csv(AnalysisResult result, boolean flows) throws IOException {
        Path f = Files.createTempFile(dir, flows ? "flows" : "timeline", ".csv");
        if (flows) {
            new FlowsCsvWriter(TikTokReport.networks(), result.announcedDevices()).write(result.flows(), f);
        } else {
            new TimelineCsvWriter().write(result, f);
        }
        return Files.readString(f);
    }

    private static AnalysisResult analyze(Path file) throws Exception {
        return new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file);
    }

    private static long number(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key + " ")) {
                return Long.parseLong(l.substring(key.length() + 1));
            }
        }
        throw new AssertionError(key + " in " + lines);
    }

    private static Process start(String[] command, Path out) throws IOException {
        return new ProcessBuilder(command).redirectOutput(out.resolve("out.txt").toFile())
                .redirectError(out.resolve("err.txt").toFile()).start();
    }

    /** Waits until {@code file} has a line starting with {@code prefix}; fails if the process ends first. */
    private static void awaitLine(Process p, Path file, String prefix) throws Exception {
        long deadline = System.nanoTime() + 60 * SECOND;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith(prefix)) {
                        return;
                    }
                }
            }
            if (!p.isAlive()) {
                fail("ended with exit " + p.exitValue() + " before saying '" + prefix + "': " + Files.readString(file));
            }
            Thread.sleep(100);
        }
        fail("no '" + prefix + "' within 60 s: " + (Files.exists(file) ? Files.readString(file) : ""));
    }
}
