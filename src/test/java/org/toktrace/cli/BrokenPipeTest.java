package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that goes away ({@code toktrace analyze F | head -1}) ends the run quietly with 141, as a
 * tool killed by SIGPIPE does; only a failed write (a full disk) is an error worth a line.
 */
class BrokenPipeTest {

    @TempDir
    Path dir;

    @Test
    void aReaderThatLeftEndsTheRunQuietly() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.toktrace.Launcher", "analyze", "captures/hotspot-sample.pcap")
                .redirectError(dir.resolve("err.txt").toFile()).start();
        p.getInputStream().close(); // the reader leaves before the first line
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(ToktraceCli.BROKEN_PIPE, p.exitValue(), err);
        assertEquals("", err);
    }
}
