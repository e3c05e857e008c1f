package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toktrace analyze} end to end on the golden captures: summary, exports, warnings, exit codes. */
class AnalyzeCommandTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path dir;

    /** The CSV part of a golden listing (its lines after the # comments), with RFC 4180 line ends. */
    private static String goldenCsv(String capture) throws Exception {
        List<String> lines = Files.readAllLines(GOLDEN.resolve(capture + ".expected.txt"));
        StringBuilder sb = new StringBuilder();
        lines.stream().filter(l -> !l.startsWith("#")).forEach(l -> sb.append(l).append("\r\n"));
        return sb.toString();
    }

    @Test
    void writesTheFlowsCsvAndTheSummary() throws Exception {
        Path csv = dir.resolve("flows.csv");
        Path json = dir.resolve("summary.json");
        CliRun run = CliRun.of("analyze", GOLDEN.resolve("tcp-session-ipv4.pcap").toString(),
                "--flows-csv", csv.toString(), "--summary-json", json.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals(goldenCsv("tcp-session-ipv4.pcap"), Files.readString(csv, StandardCharsets.UTF_8));
        assertTrue(run.out().contains("time span  2026-03-23 16:14:05.000 to 2026-03-23 16:14:06.124 UTC (1.124 s)"), run.out());
        assertTrue(run.out().contains("22 frames: 20 IP packets (10.1 kB of IP bytes), 1 not IP, 1 malformed"), run.out());
        assertTrue(run.out().contains("flows      3 (TCP 2, UDP 1)"), run.out());
        assertTrue(run.out().contains("devices    1\n    02:00:00:00:00:01     3 flows"), run.out());
        assertTrue(run.out().contains("wrote      flows CSV to " + csv), run.out());
        String summary = Files.readString(json);
        assertTrue(summary.contains("\"format\": \"pcap\""), summary);
        assertTrue(summary.contains("\"ip_packets\": 20"), summary);
        assertTrue(summary.contains("\"first_seen\": \"2026-03-23T16:14:05.000000Z\""), summary);
        assertTrue(summary.contains("\"mac\": \"02:00:00:00:00:01\""), summary);
        assertTrue(summary.contains("\"addresses\": [\n        \"192.168.137.23\"\n      ]"), summary);
        assertTrue(summary.contains("\"TCP\": 2"), summary);
    }

    @Test
    void aCaptureCutShortIsReportedWithAWarningAndExitZero() throws Exception {
        Path csv = dir.resolve("flows.csv");
        CliRun run = CliRun.of("analyze", GOLDEN.resolve("cut-mid-record.pcap").toString(), "--flows-csv", csv.toString());
        assertEquals(0, run.exit(), run.err());
        String[] err = run.errLines();
        assertEquals(1, err.length, run.err());
        assertEquals("toktrace: warning: capture cut short in the middle of a record (at byte offset 10819);"
                + " the flows read before it are reported", err[0]);
        assertEquals(goldenCsv("cut-mid-record.pcap"), Files.readString(csv, StandardCharsets.UTF_8));
    }

    @Test
    void anUnwritableOutputIsOneLineAndExitOne() {
        Path csv = dir.resolve("no-such-dir").resolve("flows.csv");
        CliRun run = CliRun.of("analyze", GOLDEN.resolve("orientation.pcapng").toString(), "--quiet", "--flows-csv", csv.toString());
        assertEquals(1, run.exit());
        String[] err = run.errLines();
        assertEquals(1, err.length, run.err());
        assertTrue(err[0].startsWith("toktrace: cannot write the flows CSV to " + csv + ": "), err[0]);
        assertEquals("", run.out());
    }

    @Test
    void noCommandPrintsUsage() {
        CliRun run = CliRun.of();
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("analyze"), run.out());
    }

    @Test
    void aWiderBinStillCountsEveryByte() throws Exception {
        Path csv = dir.resolve("flows.csv");
        CliRun run = CliRun.of("analyze", GOLDEN.resolve("orientation.pcapng").toString(), "--bin", "1m", "--flows-csv", csv.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(goldenCsv("orientation.pcapng"), Files.readString(csv, StandardCharsets.UTF_8));
    }
}
