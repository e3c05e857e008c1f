package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.store.CaptureDigest;
import org.toktrace.store.CaptureLibrary;
import org.toktrace.store.H2NameMemory;
import org.toktrace.store.HoldDatabase;
import org.toktrace.store.LibraryEntry;
import org.toktrace.store.LocalDatabase;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/** {@code toktrace analyze --save} and {@code toktrace library list|show|export|delete|compare} on a real database file. */
class LibraryCliTest {
    static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");

    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("db").resolve("toktrace").toString();
    }

    @Test
    void exportsFromTheLibraryEqualTheExportsOfTheAnalysis() throws Exception {
        Path flows = dir.resolve("flows.csv");
        Path timeline = dir.resolve("timeline.csv");
        Path json = dir.resolve("summary.json");
        CliRun analyze = CliRun.of("analyze", SAMPLE.toString(), "--save", "--db", db(), "--flows-csv", flows.toString(),
                "--timeline-csv", timeline.toString(), "--summary-json", json.toString());
        assertEquals(0, analyze.exit(), analyze.err());
        assertEquals("", analyze.err());
        assertTrue(analyze.out().contains("  saved      in the library as capture 1 (toktrace library show 1 --db " + db() + ")"),
                analyze.out());

        Path flows2 = dir.resolve("flows2.csv");
        Path timeline2 = dir.resolve("timeline2.csv");
        Path json2 = dir.resolve("summary2.json");
        CliRun export = CliRun.of("library", "export", "1", "--db", db(), "--flows-csv", flows2.toString(),
                "--timeline-csv", timeline2.toString(), "--summary-json", json2.toString());
        assertEquals(0, export.exit(), export.err());
        assertEquals("wrote flows CSV of capture 1 to " + flows2 + System.lineSeparator()
                + "wrote timeline CSV of capture 1 to " + timeline2 + System.lineSeparator()
                + "wrote summary JSON of capture 1 to " + json2 + System.lineSeparator(), export.out());
        assertTrue(Files.size(flows) > 1000);
        assertArrayEquals(Files.readAllBytes(flows), Files.readAllBytes(flows2), "flows.csv byte for byte");
        assertArrayEquals(Files.readAllBytes(timeline), Files.readAllBytes(timeline2), "timeline.csv byte for byte");
        assertArrayEquals(Files.readAllBytes(json), Files.readAllBytes(json2), "summary JSON byte for byte");
    }

    @Test
    void listShowReanalyseDeleteAndCompare() throws Exception {
        Path phone = dir.resolve("phone.pcap");
        HotspotTrafficGenerator.write(new Scenario(11, 1, 0, 280 * 1_000_000_000L, 0, false, 60, 70, 100, 120, 500_000,
                2_000_000, 0.3), phone);
        assertEquals(0, CliRun.of("analyze", SAMPLE.toString(), "--save", "--db", db(), "--quiet").exit());
        CliRun second = CliRun.of("analyze", phone.toString(), "--save", "--db", db(), "--quiet");
        assertEquals(0, second.exit(), second.err());
        assertEquals("", second.out(), "--quiet prints nothing");

        CliRun list = CliRun.of("library", "list", "--db", db());
        assertEquals(0, list.exit(), list.err());
        String[] lines = list.out().split("\\R");
        assertEquals(3, lines.length, list.out());
        assertTrue(lines[0].startsWith("  ID  analysed (UTC)"), lines[0]);
        assertTrue(lines[1].matches("\\s+1  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  9 min 43\\.0 s\\s+2\\s+75\\s+\\d+(\\.\\d+)? [kM]B\\s+\\d+(\\.\\d+)? [kM]B  "
                + java.util.regex.Pattern.quote(SAMPLE.toAbsolutePath().toString())), lines[1]);
        assertTrue(lines[2].startsWith("   2  "), lines[2]);
        assertTrue(lines[2].endsWith(phone.toString()), lines[2]);

        // re-analysing the same file (same SHA-256) replaces it under the same ID
        CliRun again = CliRun.of("analyze", phone.toString(), "--save", "--db", db());
        assertTrue(again.out().contains("saved      in the library as capture 2 "), again.out());
        assertEquals(3, CliRun.of("library", "list", "--db", db()).out().split("\\R").length);

        CliRun show = CliRun.of("library", "show", "2", "--db", db());
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().startsWith("capture 2 in the library " + db() + ".mv.db" + System.lineSeparator()
                + "  sha256     " + CaptureDigest.sha256(phone) + System.lineSeparator()), show.out());
        assertTrue(show.out().contains("TikTok foreground/background"), show.out());
        assertTrue(show.out().contains("  foreground "), show.out());

        CliRun compare = CliRun.of("library", "compare", "1", "2", "--db", db());
        assertEquals(0, compare.exit(), compare.err());
        String[] rows = compare.out().split("\\R");
        assertTrue(rows[0].trim().matches("capture 1\\s+capture 2"), rows[0]);
        assertTrue(compare.out().contains("hotspot-sample.pcap"), compare.out());
        assertTrue(compare.out().contains("phone.pcap"), compare.out());
        assertTrue(compare.out().matches("(?s).*\\nforeground rate\\s+\\S+ \\S+/min\\s+\\S+ \\S+/min\\R.*"), compare.out());
        assertTrue(compare.out().matches("(?s).*\\nforeground sessions\\s+\\d+\\s+1\\R.*"), compare.out());

        CliRun delete = CliRun.of("library", "delete", "1", "--db", db());
        assertEquals(0, delete.exit(), delete.err());
        assertEquals("deleted capture 1 (" + SAMPLE.toAbsolutePath() + ") from the library" + System.lineSeparator(), delete.out());
        CliRun gone = CliRun.of("library", "show", "1", "--db", db());
        assertEquals(2, gone.exit());
        assertEquals("", gone.out());
        assertArrayEquals(new String[] {"toktrace: there is no capture 1 in the library " + db()
                + ".mv.db (toktrace library list shows them)"}, gone.errLines());
        assertEquals(2, CliRun.of("library", "delete", "1", "--db", db()).exit());
        assertEquals(2, CliRun.of("library", "compare", "1", "2", "--db", db()).exit());
        assertEquals(2, CliRun.of("library", "export", "1", "--flows-csv", dir.resolve("x.csv").toString(), "--db", db()).exit());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void saveKeepsTheNameMemoryOutUnlessAskedAndDbAloneSavesNothing() {
        assertEquals(0, CliRun.of("analyze", SAMPLE.toString(), "--save", "--no-memory", "--db", db(), "--quiet").exit());
        try (LocalDatabase d = LocalDatabase.open(Path.of(db()))) {
            assertEquals(0, new H2NameMemory(d).count(), "--no-memory: nothing learned");
            assertEquals(1, new CaptureLibrary(d).list().size());
        }
        String other = dir.resolve("other").resolve("toktrace").toString();
        assertEquals(0, CliRun.of("analyze", SAMPLE.toString(), "--db", other, "--quiet").exit());
        try (LocalDatabase d = LocalDatabase.open(Path.of(other))) {
            assertTrue(new H2NameMemory(d).count() > 0, "--db alone: the name memory, as before (decision 0008)");
            assertTrue(new CaptureLibrary(d).list().isEmpty(), "--db alone saves no analysis (decision 0015)");
        }
    }

    @Test
    void aCaptureCutShortIsSavedWithItsWarningAndMemoryAndLibraryShareOneDatabase() throws Exception {
        byte[] sample = Files.readAllBytes(SAMPLE);
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(sample, sample.length / 2 + 7));
        CliRun run = CliRun.of("analyze", cut.toString(), "--save", "--memory", "--db", db(), "--quiet");
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.errLines()[0].startsWith("toktrace: warning: "), run.err());
        String list = CliRun.of("library", "list", "--db", db()).out();
        assertTrue(list.split("\\R")[1].endsWith(cut.toString() + "  (1 warning)"), list);
        try (LocalDatabase d = LocalDatabase.open(Path.of(db()))) {
            assertTrue(new H2NameMemory(d).count() > 0, "--memory: what the capture taught is kept");
            CaptureLibrary lib = new CaptureLibrary(d);
            assertEquals(1, lib.list().get(0).warnings());
            assertEquals(1, lib.load(1).orElseThrow().warnings().size());
            assertTrue(lib.load(1).orElseThrow().complete(), "cut short, but read to its end");
        }
    }

    @Test
    void badInputIsOneLineWithExitTwoAndWriteFailuresExitOne() throws Exception {
        CliRun empty = CliRun.of("library", "list", "--db", db());
        assertEquals(0, empty.exit());
        assertEquals("The library is empty (no TokTrace database at " + db() + ".mv.db yet)." + System.lineSeparator(), empty.out());
        assertFalse(Files.exists(Path.of(db() + ".mv.db")), "listing creates no database");
        CliRun noDb = CliRun.of("library", "show", "1", "--db", db());
        assertEquals(2, noDb.exit());
        assertEquals(1, noDb.errLines().length, noDb.err());

        assertEquals(0, CliRun.of("analyze", SAMPLE.toString(), "--save", "--db", db(), "--quiet").exit());
        CliRun nothingAsked = CliRun.of("library", "export", "1", "--db", db());
        assertEquals(2, nothingAsked.exit());
        assertArrayEquals(new String[] {"toktrace: library export needs --flows-csv, --timeline-csv or --summary-json"},
                nothingAsked.errLines());
        CliRun notANumber = CliRun.of("library", "show", "one", "--db", db());
        assertEquals(2, notANumber.exit());

        Path unwritable = dir.resolve("no-such-dir").resolve("flows.csv");
        CliRun cannotWrite = CliRun.of("library", "export", "1", "--flows-csv", unwritable.toString(), "--db", db());
        assertEquals(1, cannotWrite.exit());
        assertEquals(1, cannotWrite.errLines().length, cannotWrite.err());
        assertTrue(cannotWrite.errLines()[0].startsWith("toktrace: cannot write the flows CSV to " + unwritable + ": "),
                cannotWrite.err());

        Path junk = dir.resolve("junk");
        Files.writeString(Path.of(junk + ".mv.db"), "not a database ".repeat(300));
        CliRun damaged = CliRun.of("library", "list", "--db", junk.toString());
        assertEquals(2, damaged.exit());
        assertEquals(1, damaged.errLines().length, damaged.err());
        assertTrue(damaged.errLines()[0].startsWith("toktrace: "), damaged.err());

        CliRun saveFails = CliRun.of("analyze", SAMPLE.toString(), "--save", "--db", junk.toString(), "--quiet");
        assertEquals(1, saveFails.exit(), "the analysis ran, its saving failed: " + saveFails.err());
        assertTrue(saveFails.err().startsWith("toktrace: warning: the name memory is not available"), saveFails.err());
        assertTrue(saveFails.errLines()[1].startsWith("toktrace: cannot save the analysis into the library: "), saveFails.err());
    }

    @Test
    void aDatabaseHeldByAnotherProcessIsNamedAsSuch() throws Exception {
        assertEquals(0, CliRun.of("analyze", SAMPLE.toString(), "--save", "--db", db(), "--quiet").exit());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(), db())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(out.readLine().startsWith("open "));
            CliRun list = CliRun.of("library", "list", "--db", db());
            assertEquals(2, list.exit());
            assertArrayEquals(new String[] {"toktrace: the TokTrace database " + db()
                    + ".mv.db is in use by another TokTrace; close it and try again"}, list.errLines());
        } finally {
            app.getOutputStream().close();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        CliRun after = CliRun.of("library", "list", "--db", db());
        assertEquals(0, after.exit(), after.err());
        try (LocalDatabase d = LocalDatabase.open(Path.of(db()))) {
            LibraryEntry e = new CaptureLibrary(d).list().get(0);
            assertEquals(CaptureDigest.sha256(SAMPLE), e.sha256());
        }
    }
}
