package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.testkit.traffic.UdpFlood;

/**
 * Out of memory anywhere ends the run quickly, in one line: on the dissection thread (forced here),
 * and for real, in a JVM with a small heap, on a capture of more flows than it holds.
 */
class OutOfMemoryTest {

    @TempDir
    Path dir;

    @Test
    void outOfMemoryOnTheDissectionThreadEndsTheRunWithOneLine() {
        // the name memory is read on the dissection and attribution thread, at the end of the pass
        AnalysisOptions options = AnalysisOptions.defaults().withKnownNames(() -> {
            throw new OutOfMemoryError("Java heap space");
        });
        MemoryExhaustedException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                MemoryExhaustedException.class,
                () -> new CaptureAnalyzer(options).analyze(Path.of("captures", "hotspot-sample.pcap"))));
        assertTrue(e.getMessage().matches("out of memory after [0-9,]+ packets: give Java more memory, e\\.g\\. java -Xmx4g -jar"
                + " toktrace\\.jar"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(e.getMessage().startsWith("out of memory after 0 packets"), "the packets read are counted: " + e.getMessage());
    }

    @Test
    void aCaptureOfMoreFlowsThanTheHeapHoldsEndsPromptlyWithOneLineAndExitThree() throws Exception {
        Path flood = dir.resolve("flood.pcap");
        UdpFlood.write(flood, 600_000, 1);
        Path csv = dir.resolve("flows.csv");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.toktrace.Launcher", "analyze",
                flood.toString(), "--flows-csv", csv.toString(), "--quiet")
                .redirectErrorStream(false).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertTrue(ended, "the run ends by itself; stderr: " + err);
        assertEquals(3, p.exitValue(), err);
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), "one line: " + err);
        assertTrue(lines.get(0).startsWith("toktrace: ") && lines.get(0).contains("memory"), err);
        assertTrue(lines.get(0).contains("-Xmx4g"), "it says what to do: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        if (lines.get(0).contains("memory ran low")) {
            // stopped in time: the flows read before are written
            assertTrue(Files.lines(csv).count() > 1, "flows.csv holds the flows read before the stop");
        }
    }

}
