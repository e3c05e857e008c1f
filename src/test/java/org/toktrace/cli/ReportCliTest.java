package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.store.CaptureDigest;

/** {@code toktrace report} and {@code toktrace library report}: both formats, and one line for what cannot be done. */
class ReportCliTest {
    static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");

    @TempDir
    Path dir;

    @Test
    void writesTheHtmlAndThePdfReportOfACapture() throws Exception {
        String sha = CaptureDigest.sha256(SAMPLE);
        Path html = dir.resolve("sample.html");
        CliRun run = CliRun.of("report", SAMPLE.toString(), "-o", html.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals("wrote the report of " + SAMPLE + " to " + html, run.out().strip());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains(sha), "the capture's SHA-256");
        assertTrue(page.contains("toktrace report hotspot-sample.pcap -o sample.html"), "the command that reproduces it");
        assertTrue(page.contains("<svg"), "the chart");

        Path pdf = dir.resolve("sample.PDF");
        CliRun second = CliRun.of("report", SAMPLE.toString(), "--output", pdf.toString());
        assertEquals(0, second.exit(), second.err());
        assertEquals("", second.err());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertTrue(doc.getNumberOfPages() >= 1);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.replaceAll("\\s+", "").contains(sha), "the SHA-256 in the PDF");
            assertTrue(text.contains("HOLDS"), "a verdict in the PDF");
        }
    }

    @Test
    void whatCannotBeDoneIsOneLine() throws Exception {
        Path notACapture = dir.resolve("notes.pcap");
        Files.writeString(notACapture, "this is a text file, not a capture\n");
        Path aFile = dir.resolve("a-file");
        Files.writeString(aFile, "x");
        record Case(List<String> args, int exit, String starts) { }
        List<Case> cases = List.of(
                new Case(List.of("report", dir.resolve("missing.pcap").toString(), "-o", dir.resolve("r.html").toString()), 2,
                        "toktrace: "),
                new Case(List.of("report", notACapture.toString(), "-o", dir.resolve("r.html").toString()), 2, "toktrace: "),
                new Case(List.of("report", dir.toString(), "-o", dir.resolve("r.html").toString()), 2, "toktrace: "),
                new Case(List.of("report", SAMPLE.toString(), "-o", aFile.resolve("r.html").toString()), 2,
                        "toktrace: cannot write the report to " + aFile.resolve("r.html") + ": there is no directory"),
                new Case(List.of("report", SAMPLE.toString(), "-o", dir.toString() + "/x.html/"), 2, "toktrace: "),
                new Case(List.of("report", SAMPLE.toString(), "-o", dir.resolve("r.txt").toString()), 2,
                        "toktrace: " + dir.resolve("r.txt") + ": a report is written as .html or .pdf"),
                new Case(List.of("report", SAMPLE.toString()), 2, "toktrace: Missing required option"));
        Files.createDirectories(dir.resolve("x.html"));
        for (Case c : cases) {
            CliRun run = CliRun.of(c.args().toArray(String[]::new));
            assertEquals(c.exit(), run.exit(), c.args() + ": " + run.err());
            assertEquals(1, run.errLines().length, c.args() + ": one line: " + run.err());
            assertTrue(run.errLines()[0].startsWith(c.starts()), c.args() + ": " + run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace");
            assertEquals("", run.out());
        }
        assertFalse(Files.exists(dir.resolve("r.html")), "no report of what could not be read");
    }

    @Test
    void theCommandThatReproducesItKeepsTheBins() throws Exception {
        Path html = dir.resolve("half-seconds.html");
        assertEquals(0, CliRun.of("report", SAMPLE.toString(), "-o", html.toString(), "--bin", "500ms").exit());
        String page = Files.readString(html);
        assertTrue(page.contains("toktrace report hotspot-sample.pcap -o half-seconds.html --bin 500ms"), "the bins asked for");
        assertTrue(page.contains("500 ms (the analysis)"), "and said with the versions");
    }

    @Test
    void aCaptureCutShortGivesAReportThatSaysSo() throws Exception {
        Path cut = dir.resolve("cut.pcap");
        byte[] all = Files.readAllBytes(SAMPLE);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
        Path html = dir.resolve("cut.html");
        CliRun run = CliRun.of("report", cut.toString(), "-o", html.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.errLines()[0].startsWith("toktrace: warning: capture cut short"), run.err());
        String page = Files.readString(html);
        assertTrue(page.contains("The capture file is damaged or cut short"), "said at the top");
        assertTrue(page.contains("capture cut short in the middle of a record"), "and where, with the limits");
    }

    @Test
    void theLibraryWritesTheSameReportWithoutTheCapture() throws Exception {
        Path capture = dir.resolve("phone.pcap");
        Files.copy(SAMPLE, capture);
        String db = dir.resolve("db").toString();
        assertEquals(0, CliRun.of("analyze", capture.toString(), "--save", "--db", db, "--quiet").exit());
        Path fromCapture = dir.resolve("from-capture.html");
        assertEquals(0, CliRun.of("report", capture.toString(), "-o", fromCapture.toString()).exit());
        Files.delete(capture); // the library's report needs no capture

        Path fromLibrary = dir.resolve("from-library.html");
        CliRun run = CliRun.of("library", "report", "1", "--db", db, "-o", fromLibrary.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("wrote the report of capture 1 to " + fromLibrary, run.out().strip());
        String library = Files.readString(fromLibrary);
        assertTrue(library.contains("toktrace library report 1 -o from-library.html"), "its own command");
        // the same report but for the rows that say how it was made: command and time of writing
        assertEquals(withoutMaking(Files.readString(fromCapture)), withoutMaking(library));

        Path pdf = dir.resolve("from-library.pdf");
        assertEquals(0, CliRun.of("library", "report", "1", "--db", db, "-o", pdf.toString()).exit());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertTrue(doc.getNumberOfPages() >= 1);
        }
        CliRun unknown = CliRun.of("library", "report", "7", "--db", db, "-o", dir.resolve("x.html").toString());
        assertEquals(2, unknown.exit());
        assertEquals(1, unknown.errLines().length, unknown.err());
        CliRun badName = CliRun.of("library", "report", "1", "--db", db, "-o", dir.resolve("x.doc").toString());
        assertEquals(2, badName.exit());
        assertEquals(1, badName.errLines().length, badName.err());
    }

    private static String withoutMaking(String html) {
        return html.replaceAll("<tr><th>command</th>.*?</tr>", "").replaceAll("<tr><th>written</th>.*?</tr>", "");
    }
}
