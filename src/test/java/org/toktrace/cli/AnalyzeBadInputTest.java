package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that cannot be read at all: exit 2 and one plain line naming the file, never a stack trace. */
class AnalyzeBadInputTest {

    @TempDir
    Path dir;

    private static void assertOneLineError(CliRun run, Path file, String expectedPart) {
        assertEquals(2, run.exit(), run.err());
        String[] lines = run.errLines();
        assertEquals(1, lines.length, "expected one line, got: " + run.err());
        assertTrue(lines[0].startsWith("toktrace: "), lines[0]);
        assertTrue(lines[0].contains(file.toString()), "the line names the file: " + lines[0]);
        assertTrue(lines[0].toLowerCase().contains(expectedPart), "'" + expectedPart + "' in: " + lines[0]);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.pcap");
        assertOneLineError(CliRun.of("analyze", file.toString()), file, "no such file");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.pcap"));
        assertOneLineError(CliRun.of("analyze", file.toString()), file, "empty");
    }

    @Test
    void aDirectory() {
        assertOneLineError(CliRun.of("analyze", dir.toString()), dir, "directory");
    }

    @Test
    void textIsNotACapture() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.pcap"), "these are my notes, not packets\n".repeat(20));
        assertOneLineError(CliRun.of("analyze", file.toString()), file, "not a pcap or pcapng");
    }

    @Test
    void gzipIsNamed() throws IOException {
        Path file = dir.resolve("capture.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("whatever".getBytes(StandardCharsets.US_ASCII));
        }
        assertOneLineError(CliRun.of("analyze", file.toString()), file, "gzip");
    }

    @Test
    void aCutPcapHeader() throws IOException {
        Path file = Files.write(dir.resolve("cut.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0});
        assertOneLineError(CliRun.of("analyze", file.toString()), file, "cut short");
    }

    @Test
    void aCharacterDeviceIsRefusedNotCalledEmpty() {
        for (String device : new String[] {"/dev/zero", "/dev/urandom", "/dev/null"}) {
            Path file = Path.of(device);
            CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("analyze", device));
            assertOneLineError(run, file, "not a regular file (a character device)");
            assertEquals("toktrace: " + device + " is not a regular file (a character device): give a capture file",
                    run.errLines()[0]);
        }
    }

    @Test
    void aFifoWithoutAWriterIsRefusedAtOnce() throws Exception {
        Path fifo = fifo(dir.resolve("capture.pcap"));
        // opening a FIFO for reading waits for a writer, and this one never gets one
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("analyze", fifo.toString()));
        assertOneLineError(run, fifo, "is not a regular file (a named pipe)");
        CliRun saving = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CliRun.of("analyze", fifo.toString(), "--save", "--db", dir.resolve("db").toString()));
        assertOneLineError(saving, fifo, "is not a regular file (a named pipe)");
    }

    /** A named pipe made by mkfifo(1): the JDK cannot make one itself. */
    static Path fifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "mkfifo finished");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(Files.exists(path) && !Files.isRegularFile(path), "a FIFO at " + path);
        return path;
    }

    @Test
    void aWrongBinIsAUsageError() {
        CliRun run = CliRun.of("analyze", "x.pcap", "--bin", "0s");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("longer than zero"), run.err());
    }
}
