package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;

/**
 * A save killed midway (SIGKILL, no shutdown hook, no close) leaves the library as it was: the file
 * opens, the capture being replaced still loads equal to its last committed analysis, and no row of
 * the half-written one is left anywhere.
 */
class InterruptedSaveTest {
    static final String SHA = "c".repeat(64);

    @TempDir
    Path tmp;

    @Test
    void aProcessKilledInTheMiddleOfASaveLeavesThePreviousContent() throws Exception {
        Path p = tmp.resolve("toktrace");
        AnalysisResult before = LibraryResults.everything(300);
        long id;
        try (LocalDatabase db = LocalDatabase.open(p)) {
            CaptureLibrary lib = new CaptureLibrary(db);
            lib.save(LibraryResults.everything(7), null);
            id = lib.save(before, SHA);
        }
        Path file = Path.of(p + LocalDatabase.H2_SUFFIX);
        long sizeBefore = Files.size(file);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process saver = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StallingSave.class.getName(),
                p.toString(), SHA, "6000").redirectErrorStream(true).start();
        long grown;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(saver.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("halfway "), "the saver stalls halfway: " + line);
            // H2 writes changes, uncommitted ones too, to the file about once a second: wait for some, so that
            // the kill leaves half a transaction on disk rather than only in the dead process's memory
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((grown = Files.size(file)) <= sizeBefore && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            saver.destroyForcibly(); // SIGKILL on Unix
            saver.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(grown > sizeBefore, "part of the killed save reached the file: " + sizeBefore + " -> " + grown);

        try (LocalDatabase db = LocalDatabase.open(p)) {
            CaptureLibrary lib = new CaptureLibrary(db);
            assertEquals(2, lib.list().size(), "no half capture added");
            assertEquals(before, lib.load(id).orElseThrow(), "the replaced capture is as last committed");
            assertEquals(before.flows().size(), lib.entry(id).orElseThrow().flows());
            assertEquals(7 + 300, CaptureLibraryTest.count(db, "flow"), "no flow of the killed save left");
            assertEquals(2 * 2, CaptureLibraryTest.count(db, "capture_warning"));
            assertEquals(2 * 2, CaptureLibraryTest.count(db, "device_state"));
            // and the library still takes a save
            long again = lib.save(LibraryResults.everything(11), SHA);
            assertEquals(id, again);
            assertEquals(LibraryResults.everything(11), lib.load(id).orElseThrow());
        }
    }
}
