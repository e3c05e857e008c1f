package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.ClaimCheck;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/**
 * {@code toktrace analyze DIR --jobs 2 --out OUT} on a folder of two copies of the sample, a generated
 * capture and a text file named .pcap: each good capture's files equal the single-file form's, byte for
 * byte; captures.csv has a row per capture, the bad one with its error; the exit code says one failed.
 */
class AnalyzeBatchCliTest {

    private static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");
    private static final List<String> FILES = List.of("flows.csv", "timeline.csv", "summary.json");

    @TempDir
    Path dir;

    private Path in;

    @BeforeEach
    void folderOfCaptures() throws Exception {
        in = Files.createDirectories(dir.resolve("in"));
        Files.copy(SAMPLE, in.resolve("first.pcap"));
        Files.copy(SAMPLE, in.resolve("second.pcap"));
        HotspotTrafficGenerator.write(Scenario.sample().withSeed(7), in.resolve("generated.pcap"));
        Files.writeString(in.resolve("notes.pcap"), "these are my notes, not packets\n".repeat(20));
        Files.writeString(in.resolve("readme.txt"), "not a capture, and not named like one\n");
    }

    private static List<CSVRecord> read(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv);
                CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            assertEquals(CapturesCsv.COLUMNS, p.getHeaderNames());
            return p.getRecords();
        }
    }

    private static List<String> verdicts(Path capture) throws Exception {
        List<ClaimCheck> claims = TikTokReport.of(new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture))
                .total().claims();
        return claims.stream().map(c -> c.verdict().label()).collect(Collectors.toList());
    }

    private static List<String> claimCells(CSVRecord r) {
        return List.of(r.get("claim_background_in_kilobytes"), r.get("claim_no_background_video"),
                r.get("claim_no_tracking_out_of_sight"));
    }

    @Test
    void eachCaptureGetsTheSingleFileFormsFilesAndARow() throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("analyze", in.toString(), "--jobs", "2", "--out", out.toString());

        assertEquals(2, run.exit(), "a capture that cannot be read gives 2: " + run.err());
        Path notes = in.resolve("notes.pcap");
        assertEquals(List.of("toktrace: not a pcap or pcapng capture: " + notes), List.of(run.errLines()));
        assertTrue(run.out().contains("analysed 3 of 4 captures"), run.out());

        for (String name : List.of("first", "generated", "second")) {
            Path single = Files.createDirectories(dir.resolve("single").resolve(name));
            CliRun alone = CliRun.of("analyze", in.resolve(name + ".pcap").toString(), "--quiet",
                    "--flows-csv", single.resolve("flows.csv").toString(),
                    "--timeline-csv", single.resolve("timeline.csv").toString(),
                    "--summary-json", single.resolve("summary.json").toString());
            assertEquals(0, alone.exit(), alone.err());
            for (String file : FILES) {
                assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(out.resolve(name).resolve(file)),
                        name + "/" + file + " equals the single-file form's");
            }
        }
        assertFalse(Files.exists(out.resolve("notes")), "nothing written for the bad capture");
        assertFalse(Files.exists(out.resolve("readme")), "a folder contributes its captures only");

        List<CSVRecord> rows = read(out.resolve("captures.csv"));
        assertEquals(List.of("first.pcap", "generated.pcap", "notes.pcap", "second.pcap"),
                rows.stream().map(r -> Path.of(r.get("file")).getFileName().toString()).collect(Collectors.toList()),
                "one row per capture, by file name");
        CSVRecord first = rows.get(0);
        assertEquals("first", first.get("output"));
        assertEquals("analysed", first.get("status"));
        assertEquals("2", first.get("devices"));
        assertEquals("75", first.get("flows"));
        assertEquals("796491", first.get("tiktok_foreground_bytes"));
        assertEquals("1993721", first.get("tiktok_background_bytes"));
        assertEquals("2.000", first.get("tiktok_foreground_seconds"));
        assertEquals("1160.050", first.get("tiktok_background_seconds"));
        // 1,993,721 B in 1,160.05 s (to the nanosecond, not the millisecond shown) of background, per hour
        assertEquals("6187146", first.get("tiktok_background_bytes_per_hour"));
        assertEquals("1433683800", first.get("tiktok_foreground_bytes_per_hour"));
        // the README's summary of the sample: over 1 MB in the background, pre-loads only, no sustained upload
        assertEquals(List.of("no", "yes", "yes"), claimCells(first));
        assertEquals(verdicts(SAMPLE), claimCells(rows.get(3)));
        assertEquals(verdicts(in.resolve("generated.pcap")), claimCells(rows.get(1)));
        assertEquals("", first.get("error"));
        assertEquals("", first.get("library_id"), "not saved without --save");

        CSVRecord bad = rows.get(2);
        assertEquals("failed", bad.get("status"));
        assertEquals("", bad.get("output"));
        assertEquals("", bad.get("devices"));
        assertEquals("not a pcap or pcapng capture: " + notes, bad.get("error"));
    }

    @Test
    void saveStoresEveryGoodCaptureInTheLibrary() throws Exception {
        Files.delete(in.resolve("notes.pcap"));
        Path out = dir.resolve("out");
        String db = dir.resolve("library").toString();
        CliRun run = CliRun.of("analyze", in.toString(), "--jobs", "2", "--out", out.toString(), "--save",
                "--db", db, "--quiet");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out(), "--quiet prints nothing but errors");
        assertEquals("", run.err());

        List<CSVRecord> rows = read(out.resolve("captures.csv"));
        assertEquals(3, rows.size());
        // the two copies are the same bytes: one entry in the library, keyed by their SHA-256
        assertEquals(rows.get(0).get("library_id"), rows.get(2).get("library_id"));
        for (CSVRecord r : rows) {
            CliRun show = CliRun.of("library", "show", r.get("library_id"), "--db", db);
            assertEquals(0, show.exit(), show.err());
            String name = Path.of(r.get("file")).getFileName().toString();
            // a copy's entry names whichever copy was saved last
            assertTrue(name.equals("generated.pcap") ? show.out().contains("generated.pcap")
                    : show.out().contains("first.pcap") || show.out().contains("second.pcap"), show.out());
        }
        String list = CliRun.of("library", "list", "--db", db).out();
        assertEquals(3, list.split("\\R").length, "a header and two captures:\n" + list);
    }

    @Test
    void severalCapturesOrAFolderWithoutOutAreRefusedInOneLine() {
        CliRun several = CliRun.of("analyze", SAMPLE.toString(), SAMPLE.toString());
        assertEquals(2, several.exit());
        assertEquals(List.of("toktrace: analysing several captures needs --out DIR for their results;"
                + " see toktrace analyze --help"), List.of(several.errLines()));
        assertEquals("", several.out());

        CliRun folder = CliRun.of("analyze", in.toString(), "--jobs", "2");
        assertEquals(2, folder.exit());
        assertEquals(List.of("toktrace: " + in + " is a directory: analysing a folder of captures needs --out DIR for"
                + " their results; see toktrace analyze --help"), List.of(folder.errLines()));

        CliRun jobsAlone = CliRun.of("analyze", SAMPLE.toString(), "--jobs", "2");
        assertEquals(2, jobsAlone.exit());
        assertEquals(1, jobsAlone.errLines().length, jobsAlone.err());
        assertTrue(jobsAlone.err().contains("--jobs applies to the batch form"), jobsAlone.err());
    }

    @Test
    void capturesWithTheSameNameGetFoldersOfTheirOwn() {
        List<BatchAnalysis.Planned> planned = BatchAnalysis.plan(List.of(Path.of("a/phone.pcap"), Path.of("b/phone.pcap"),
                Path.of("a/Phone.pcapng"), Path.of("a/phone-2.pcap"), Path.of("captures.csv.pcap"), Path.of(".pcap")));
        assertEquals(List.of("phone", "phone-2", "Phone-3", "phone-2-2", "captures.csv-2", "capture"),
                planned.stream().map(BatchAnalysis.Planned::name).collect(Collectors.toList()));
    }
}
