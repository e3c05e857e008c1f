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
import org.toktrace.testkit.traffic.PcapWriter;

/**
 * Out of memory anywhere ends the run quickly, in one line: on the dissection thread (forced here),
 * and for real, in a JVM with a small heap, on a capture of more flows than it holds.
 */
public class OutOfMemoryTest {

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
        writeUdpFlood(flood, 600_000);
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

    /** {@code flows} UDP packets from one phone, each to another port of another server: one flow each. */
    public static void writeUdpFlood(Path file, int flows) throws Exception {
        writeUdpFlood(file, flows, 1);
    }

    /** As {@link #writeUdpFlood(Path, int)}, flow i carrying {@code i % sizes} more bytes than the smallest. */
    public static void writeUdpFlood(Path file, int flows, int sizes) throws Exception {
        byte[] frame = new byte[14 + 20 + 8 + 16 + sizes];
        frame[12] = 0x08; // EtherType IPv4
        frame[14] = 0x45; // version 4, 20-byte header
        frame[22] = 64; // TTL
        frame[23] = 17; // UDP
        frame[26] = 10; // from 10.42.0.7
        frame[27] = 42;
        frame[29] = 7;
        frame[30] = (byte) 198; // to 198.x.y.z, one server per flow
        frame[36] = 0x01; // to port 443
        frame[37] = (byte) 0xBB;
        long t = 1_700_000_000_000_000_000L;
        try (PcapWriter w = new PcapWriter(file, true)) {
            for (int i = 0; i < flows; i++) {
                int payload = 16 + i % sizes;
                frame[16] = (byte) ((20 + 8 + payload) >>> 8); // total length
                frame[17] = (byte) (20 + 8 + payload);
                frame[38] = (byte) ((8 + payload) >>> 8); // UDP length
                frame[39] = (byte) (8 + payload);
                frame[31] = (byte) (i >>> 16);
                frame[32] = (byte) (i >>> 8);
                frame[33] = (byte) i;
                frame[34] = (byte) ((40_000 + (i & 0x3FF)) >>> 8);
                frame[35] = (byte) (40_000 + (i & 0x3FF));
                w.write(t + i * 10_000L, frame, 0, 14 + 20 + 8 + payload);
            }
        }
    }
}
