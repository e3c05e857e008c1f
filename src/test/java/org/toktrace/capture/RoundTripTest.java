package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.model.CaptureFormat;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.CaptureFileWriter.Frame;
import org.toktrace.testkit.CaptureFileWriter.Interface;

class RoundTripTest {

    @TempDir
    Path dir;

    static List<WrittenCorpus.Capture> corpus() {
        return WrittenCorpus.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyWrittenVariantReadsBackIdentically(WrittenCorpus.Capture capture) throws Exception {
        Path file = Files.write(dir.resolve(capture.name()), capture.bytes());
        try (FrameSource source = CaptureFiles.open(file)) {
            assertEquals(capture.name().startsWith("pcapng") ? CaptureFormat.PCAPNG : CaptureFormat.PCAP, source.format());
            assertEquals(capture.bytes().length, source.size());
            assertEquals(capture.frames(), FrameDump.readAll(source));
            assertEquals(List.of(), source.warnings().stream()
                    .filter(w -> !w.message().contains("cut to it")).toList());
            assertEquals(source.size(), source.position());
            assertEquals(false, source.next(), "stays at the end");
        }
    }

    @Test
    void snapLengthCutIsNotedOnce() throws Exception {
        Path file = CaptureFileWriter.pcap(1).snapLength(10)
                .frame(1, new byte[20]).frame(2, new byte[30]).writeTo(dir.resolve("snap.pcap"));
        try (FrameSource source = CaptureFiles.open(file)) {
            List<Frame> frames = FrameDump.readAll(source);
            assertEquals(2, frames.size());
            assertEquals(10, frames.get(1).data().length);
            assertEquals(30, frames.get(1).originalLength());
            assertEquals(1, source.warnings().size());
            assertEquals(24, source.warnings().get(0).fileOffset());
        }
    }

    /** More than one buffer's worth, so records straddle refills, and one record that needs the buffer to grow. */
    @Test
    void largeFilesStraddleRefillsAndGrowTheBuffer() throws Exception {
        Random r = new Random(1);
        CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng().iface(Interface.of(1));
        long ts = WrittenCorpus.T0;
        int total = 0;
        while (total < FileFrameReader.DEFAULT_CAPACITY + (3 << 20)) {
            int len = 1 + r.nextInt(9000);
            w.epb(0, ts++, WrittenCorpus.frame(r, len));
            total += len + 32;
        }
        w.epb(0, ts++, WrittenCorpus.frame(r, 10 << 20)); // larger than the initial 8 MiB buffer
        w.epb(0, ts, WrittenCorpus.frame(r, 5));
        Path file = w.writeTo(dir.resolve("large.pcapng"));
        List<Frame> expected = w.frames();
        try (FrameSource source = CaptureFiles.open(file)) {
            List<Frame> actual = FrameDump.readAll(source);
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), "frame " + i);
            }
            assertTrue(source.warnings().isEmpty(), source.warnings().toString());
        }
    }

    @Test
    void largePcapStraddlesRefills() throws Exception {
        Random r = new Random(2);
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1).nanosecond();
        int total = 0;
        for (long ts = 0; total < FileFrameReader.DEFAULT_CAPACITY * 2 + 12345; ts++) {
            int len = r.nextInt(1600);
            w.frame(ts, WrittenCorpus.frame(r, len));
            total += len + 16;
        }
        Path file = w.writeTo(dir.resolve("large.pcap"));
        assertEquals(w.frames(), FrameDump.readAll(file));
    }
}
