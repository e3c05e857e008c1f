package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/**
 * {@code toktrace analyze CAPTURE --timeline-csv T --flows-csv F --summary-json J} on a generated
 * capture of one phone whose app sits in the background for about a minute, scrolls for about two,
 * then is minimized: the timeline, the flows' state and the summary show foreground and background.
 */
class AnalyzeStatesCliTest {
    static final long SECOND = 1_000_000_000L;
    static final Pattern ISO_MICROS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

    @TempDir
    Path dir;

    /**
     * Background 100-120 s, foreground 60-70 s, then background to the end at 280 s: at least 90 s,
     * longer than the classifier's 60 s of quiet before it leaves foreground.
     */
    static Scenario scrollThenMinimize(long seed) {
        return new Scenario(seed, 1, 0, 280 * SECOND, 0, false, 60, 70, 100, 120, 500_000, 2_000_000, 0.3);
    }

    private static List<CSVRecord> read(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    private static long jsonLong(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\": (\\d+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Long.parseLong(m.group(1));
    }

    @Test
    void timelineFlowStatesAndSummaryShowForegroundAndBackground() throws Exception {
        Path capture = dir.resolve("phone.pcap");
        HotspotTrafficGenerator.write(scrollThenMinimize(11), capture);
        Path timeline = dir.resolve("timeline.csv");
        Path flows = dir.resolve("flows.csv");
        Path json = dir.resolve("summary.json");

        CliRun run = CliRun.of("analyze", capture.toString(), "--timeline-csv", timeline.toString(),
                "--flows-csv", flows.toString(), "--summary-json", json.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(Files.readString(timeline).startsWith("bin_start,device,state,bytes_up,bytes_down,packets,device_name\r\n"));
        List<CSVRecord> bins = read(timeline);
        assertTrue(bins.size() > 20, "rows: " + bins.size());
        long fgRows = 0;
        long bgRows = 0;
        String previous = "";
        for (CSVRecord r : bins) {
            assertTrue(ISO_MICROS.matcher(r.get("bin_start")).matches(), r.toString());
            assertTrue(r.get("bin_start").compareTo(previous) > 0, "bins in time order, one per bin: " + r);
            previous = r.get("bin_start");
            assertTrue(r.get("bin_start").endsWith(".000000Z"), "1 s bins start on the second: " + r);
            assertEquals(bins.get(0).get("device"), r.get("device"));
            assertTrue(Long.parseLong(r.get("bytes_up")) + Long.parseLong(r.get("bytes_down")) > 0, r.toString());
            assertTrue(Long.parseLong(r.get("packets")) > 0, r.toString());
            switch (r.get("state")) {
                case "foreground" -> fgRows++;
                case "background", "minimized", "closed" -> bgRows++;
                default -> throw new AssertionError("state " + r);
            }
        }
        assertTrue(fgRows > 0 && bgRows > 0, fgRows + " foreground and " + bgRows + " background bins");
        assertNotEquals("foreground", bins.get(0).get("state"), "the app starts in the background");
        assertNotEquals("foreground", bins.get(bins.size() - 1).get("state"), "and is minimized at the end");

        long tiktok = 0;
        for (CSVRecord f : read(flows)) {
            if ("TikTok".equals(f.get("service"))) {
                tiktok++;
                assertTrue(Set.of("foreground", "background", "minimized", "closed").contains(f.get("state")), f.toString());
            } else {
                assertEquals("", f.get("state"), f.toString());
            }
        }
        assertTrue(tiktok > 10, "TikTok flows: " + tiktok);

        String summary = Files.readString(json);
        long fg = jsonLong(summary, "foreground_bytes");
        long bg = jsonLong(summary, "background_bytes");
        assertTrue(fg > 2_000_000 && fg > 4 * bg, "foreground " + fg + " B, background " + bg + " B");
        assertTrue(summary.contains("\"state\": \"foreground\""), summary);
        assertTrue(summary.indexOf("\"state\": \"foreground\"") < summary.lastIndexOf("\"state\": \"background\""),
                "background after foreground: " + summary);
        assertTrue(summary.contains("\"reason\": \""), summary);

        assertTrue(run.out().contains("  TikTok foreground/background\n    all devices       foreground "), run.out());
        assertTrue(run.out().contains(" foreground "), run.out());
        assertTrue(run.out().contains("wrote      timeline CSV to " + timeline), run.out());

        // rates, sessions, cadence and claims (issue 4), in the text and in the JSON
        assertTrue(run.out().contains("      rates      foreground "), run.out());
        assertTrue(Pattern.compile("      scrolling  \\d\\d:\\d\\d:\\d\\d-\\d\\d:\\d\\d:\\d\\d UTC  [\\d.]+ MB, \\d+ videos\n")
                .matcher(run.out()).find(), run.out());
        assertTrue(Pattern.compile("      background push every (\\d+ min )?\\d+ s \\(median\\)").matcher(run.out()).find(), run.out());
        assertTrue(run.out().contains("  Claims, checked against the traffic (all devices)\n"
                + "    Background traffic stayed in kilobytes: "), run.out());
        assertTrue(run.out().contains("\n    No video streamed in the background: "), run.out());
        assertTrue(run.out().contains("    note: Notifications delivered through the platform's push channel"), run.out());
        for (String field : List.of("\"foreground_rate\": \"", "\"sessions\": [", "\"background_cadence\": [",
                "\"claims\": [", "\"verdict\": \"", "\"caveats\": [", "\"median_interval_s\": ")) {
            assertTrue(summary.contains(field), field + " in " + summary);
        }
    }

    @Test
    void anUnwritableTimelineIsOneLineAndExitOne() throws Exception {
        Path capture = dir.resolve("phone.pcap");
        HotspotTrafficGenerator.write(scrollThenMinimize(12).withLimits(30 * SECOND, 0), capture);
        Path csv = dir.resolve("no-such-dir").resolve("timeline.csv");
        CliRun run = CliRun.of("analyze", capture.toString(), "--quiet", "--timeline-csv", csv.toString());
        assertEquals(1, run.exit());
        String[] err = run.errLines();
        assertEquals(1, err.length, run.err());
        assertTrue(err[0].startsWith("toktrace: cannot write the timeline CSV to " + csv + ": "), err[0]);
        assertEquals("", run.out());
    }

    /** Two phones over the same minutes: the summary says its times are device time, summed, before any rate. */
    @Test
    void timeSummedOverDevicesIsSaidSo() {
        CliRun run = CliRun.of("analyze", "captures/hotspot-sample.pcap");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("    all devices       foreground 796 kB (29 %) in 2.000 s, background 1.99 MB (71 %) in 19 min"
                + " 20.0 s\n      time       device time, summed over the 2 devices (the capture spans 9 min 43.0 s); rates are"
                + " per minute of it\n      rates "), run.out());
        assertTrue(run.out().contains("  Claims, checked against the traffic (all devices, their time summed)\n"), run.out());
        assertTrue(run.out().contains("      scrolling  1 session, 1 video\n"), run.out());
    }

    /** How names were found and what is not recognised, in words rather than flows.csv's codes. */
    @Test
    void theSummarySaysHowNamesWereFoundInWords() {
        CliRun run = CliRun.of("analyze", "captures/hotspot-sample.pcap");
        assertTrue(run.out().contains("  TikTok     20 flows, 2.66 MB down, 127 kB up (named by TLS server name 20)\n"), run.out());
        assertTrue(run.out().contains("  unknown    4 flows, 76.6 kB to servers TokTrace does not recognise\n"), run.out());
        assertFalse(run.out().contains("tls-sni") || run.out().contains("catalog row"), run.out());
    }

    /** One device, one name: flows.csv names the devices as timeline.csv does (the MAC where there is one). */
    @Test
    void flowsAndTimelineNameTheDevicesAlike() throws Exception {
        Path flows = dir.resolve("flows.csv");
        Path timeline = dir.resolve("timeline.csv");
        CliRun run = CliRun.of("analyze", "captures/hotspot-sample.pcap", "--quiet", "--flows-csv", flows.toString(),
                "--timeline-csv", timeline.toString());
        assertEquals(0, run.exit(), run.err());
        java.util.Set<String> inFlows = new java.util.TreeSet<>();
        for (CSVRecord r : read(flows)) {
            if (r.get("service").equals("TikTok")) {
                inFlows.add(r.get("device"));
            }
        }
        java.util.Set<String> inTimeline = new java.util.TreeSet<>();
        read(timeline).forEach(r -> inTimeline.add(r.get("device")));
        assertEquals(java.util.Set.of("0a:33:ef:6f:f8:6c", "3e:b3:7b:c7:b2:b3"), inTimeline);
        assertEquals(inTimeline, inFlows);
    }
}
