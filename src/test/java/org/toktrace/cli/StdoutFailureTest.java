package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A summary lost on its way to standard output (a full disk, as {@code > /dev/full}) is an error, not exit 0. */
class StdoutFailureTest {

    private static final Path CAPTURE = AnalyzeCommandTest.GOLDEN.resolve("tcp-session-ipv4.pcap");

    /** What {@code /dev/full} does: every write fails with "No space left on device". */
    private static final class FullDevice extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    @Test
    void aSummaryThatCannotBeWrittenExitsNonZeroWithOneLine() {
        StringWriter err = new StringWriter();
        int exit = ToktraceCli.run(new String[] {"analyze", CAPTURE.toString()}, new PrintWriter(new FullDevice()),
                new PrintWriter(err));
        assertEquals(1, exit, err.toString());
        assertEquals("toktrace: cannot write to standard output (full, or closed by its reader): the output is incomplete"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void systemOutErrorsReachTheWriterAbove() {
        // System.out is a PrintStream, which keeps its IOExceptions to itself
        PrintStream full = new PrintStream(new FullDevice(), false);
        StringWriter err = new StringWriter();
        int exit = ToktraceCli.run(new String[] {"analyze", CAPTURE.toString()}, ToktraceCli.stdout(full), new PrintWriter(err));
        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().startsWith("toktrace: cannot write to standard output"), err.toString());
    }

    @Test
    void aSummaryThatIsWrittenStillExitsZero() {
        PrintStream fine = new PrintStream(OutputStream.nullOutputStream(), false);
        StringWriter err = new StringWriter();
        int exit = ToktraceCli.run(new String[] {"analyze", CAPTURE.toString()}, ToktraceCli.stdout(fine), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        assertFalse(err.toString().contains("standard output"), err.toString());
    }
}
