package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that cannot be opened or made costs the save one line on standard error, never H2's own
 * trace: H2 prints through its trace system straight to System.out and System.err, around the
 * command line's writers.
 */
class AnalyzeDatabaseFailureTest {

    @TempDir
    Path dir;

    /** The run, and what was printed on System.out and System.err beside its own writers. */
    private static CliRun run(AtomicReference<String> printed, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            return CliRun.of(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
            printed.set(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aDatabaseH2CannotOpenOrTraceIsOneLine() throws Exception {
        // neither the database file nor H2's trace file can be written: what an unwritable folder does
        Path db = dir.resolve("toktrace");
        Files.createDirectory(dir.resolve("toktrace.mv.db"));
        Files.createDirectory(dir.resolve("toktrace.trace.db"));
        AtomicReference<String> printed = new AtomicReference<>();
        CliRun run = run(printed, "analyze", LibraryCliTest.SAMPLE.toString(), "--save", "--no-memory", "--db", db.toString());
        assertEquals(1, run.exit(), run.err());
        assertEquals(List.of("toktrace: cannot save the analysis into the library: cannot open the TokTrace database "
                + db + ".mv.db: Is a directory"), List.of(run.errLines()));
        assertEquals("", printed.get(), "nothing from H2 itself");
        assertFalse(run.out().contains("DbException"), run.out());
    }

    @Test
    void aFolderUnderAFileIsOneLineAndTheAnalysisStillPrints() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "not a folder");
        Path db = file.resolve("sub").resolve("toktrace");
        AtomicReference<String> printed = new AtomicReference<>();
        CliRun run = run(printed, "analyze", LibraryCliTest.SAMPLE.toString(), "--memory", "--db", db.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("toktrace: warning: the name memory is not available (cannot create the folder of the"
                + " TokTrace database " + file.resolve("sub") + ": " + file + " exists and is not a folder);"
                + " analysing without it"), List.of(run.errLines()));
        assertEquals("", printed.get());
        assertTrue(run.out().contains("flows "), run.out());
    }
}
