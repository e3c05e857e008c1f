package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app and a command line at the same time (docs/decisions/0016): two processes that each open,
 * save and close the library in turns, waiting while the other holds it, leave every capture intact.
 */
class TwoProcessesTest {

    @TempDir
    Path tmp;

    @Test
    void twoProcessesSavingInTurnsLoseNothing() throws Exception {
        Path p = tmp.resolve("toktrace");
        LocalDatabase.open(p).close();
        int n = 4;
        Process a = start(p, "a", n);
        Process b = start(p, "b", n);
        String outA = finish(a);
        String outB = finish(b);
        assertEquals(0, a.exitValue(), outA);
        assertEquals(0, b.exitValue(), outB);
        assertTrue(outA.startsWith("done " + n), outA);
        assertTrue(outB.startsWith("done " + n), outB);
        try (LocalDatabase db = LocalDatabase.open(p)) {
            CaptureLibrary lib = new CaptureLibrary(db);
            assertEquals(2 * n, lib.list().size());
            for (String label : List.of("a", "b")) {
                for (int i = 0; i < n; i++) {
                    LibraryEntry e = lib.findBySha256(ContendingSaves.sha(label, i)).orElseThrow();
                    assertEquals(LibraryResults.everything(ContendingSaves.flows(label, i)), lib.load(e.id()).orElseThrow());
                }
            }
        }
    }

    @Test
    void waitingEndsWithTheInUseMessageWhenTheOtherProcessKeepsIt() throws Exception {
        Path p = tmp.resolve("toktrace");
        LocalDatabase.open(p).close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(),
                p.toString()).redirectErrorStream(true).start();
        try {
            byte[] line = new byte[32];
            int got = holder.getInputStream().read(line);
            assertTrue(got > 0 && new String(line, 0, got, StandardCharsets.UTF_8).startsWith("open "));
            StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                    () -> LocalDatabase.open(p, Duration.ofMillis(300)));
            assertEquals("the TokTrace database " + p.toAbsolutePath() + ".mv.db is in use by another TokTrace; close it and try again",
                    e.getMessage());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        try (LocalDatabase db = LocalDatabase.open(p, Duration.ofSeconds(5))) {
            assertEquals(SchemaMigrations.latest(), db.schemaVersion());
        }
    }

    private static Process start(Path db, String label, int n) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ContendingSaves.class.getName(),
                db.toString(), label, Integer.toString(n)).redirectErrorStream(true).start();
    }

    private static String finish(Process p) throws Exception {
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        }
    }
}
