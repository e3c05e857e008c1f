package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.CaptureFormat;
import org.toktrace.testkit.CaptureFileWriter.Frame;

/** The live capture's pcapng writer: read back by the built-in reader and by libpcap, rotated by size. */
class PcapngWriterTest {

    private static final long T0 = 1_774_282_445_123_456_789L;

    @TempDir
    Path dir;

    private record Written(long ts, byte[] data, int originalLength) {
    }

    private static List<Written> frames(int n, long seed) {
        Random r = new Random(seed);
        List<Written> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[14 + r.nextInt(1500)]; // every padding remainder occurs
            r.nextBytes(data);
            frames.add(new Written(T0 + i * 1_234_567L + r.nextInt(1000), data, data.length + (i % 7 == 0 ? 100 : 0)));
        }
        return frames;
    }

    private static void write(PcapngWriter w, List<Written> frames) throws Exception {
        for (Written f : frames) {
            w.write(f.ts(), f.data(), 0, f.data().length, f.originalLength());
        }
    }

    private static void assertSame(List<Written> expected, List<Frame> read) {
        assertEquals(expected.size(), read.size());
        for (int i = 0; i < expected.size(); i++) {
            Written e = expected.get(i);
            Frame f = read.get(i);
            assertEquals(e.ts(), f.timestampNanos(), "frame " + i);
            assertArrayEquals(e.data(), f.data(), "frame " + i);
            assertEquals(e.originalLength(), f.originalLength(), "frame " + i);
            assertEquals(1, f.linkType());
        }
    }

    @Test
    void framesReadBackWithNanosecondTimestampsThroughBothReaders() throws Exception {
        Path file = dir.resolve("live.pcapng");
        List<Written> frames = frames(500, 1);
        try (PcapngWriter w = new PcapngWriter(file, 1L << 30, 1, 262_144, "wlan0")) {
            write(w, frames);
            assertEquals(500, w.frames());
        }
        try (FrameSource source = CaptureFiles.open(file)) {
            assertEquals(CaptureFormat.PCAPNG, source.format());
            assertSame(frames, FrameDump.readAll(source));
            assertEquals(List.of(), source.warnings());
        }
        // libpcap, the reference, reads it the same (it reports DLT values, which equal LINKTYPE 1)
        try (FrameSource source = CaptureFiles.openWithPcap4j(file)) {
            assertSame(frames, FrameDump.readAll(source));
        }
    }

    @Test
    void headersCarryTheInterfaceNameAndNanosecondResolution() throws Exception {
        Path file = dir.resolve("h.pcapng");
        try (PcapngWriter w = new PcapngWriter(file, 1L << 30, 1, 65_535, "ap0")) {
            w.write(T0, new byte[60], 0, 60, 60);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(PcapngWriter.SHB, b.getInt(0));
        assertEquals(0x1A2B3C4D, b.getInt(8));
        int shbLength = b.getInt(4);
        assertEquals(shbLength, b.getInt(shbLength - 4), "trailing length of the SHB");
        assertEquals(PcapngWriter.IDB, b.getInt(shbLength));
        int idbLength = b.getInt(shbLength + 4);
        assertEquals(65_535, b.getInt(shbLength + 12), "snap length");
        // options: if_name (2) "ap0", then if_tsresol (9) = 9
        assertEquals(2, b.getShort(shbLength + 16));
        assertEquals(3, b.getShort(shbLength + 18));
        assertEquals('a', b.get(shbLength + 20));
        assertEquals(9, b.getShort(shbLength + 24));
        assertEquals(1, b.getShort(shbLength + 26));
        assertEquals(9, b.get(shbLength + 28));
        assertEquals(PcapngWriter.EPB, b.getInt(shbLength + idbLength));
        assertEquals(b.capacity(), shbLength + idbLength + 32 + 60);
    }

    @Test
    void rotationStartsNumberedFilesThatEachReadAlone() throws Exception {
        Path file = dir.resolve("session.pcapng");
        List<Written> frames = frames(400, 2); // about 300 kB: five files of at most 64 kB
        List<Path> files;
        try (PcapngWriter w = new PcapngWriter(file, 1 << 16, 1, 262_144, "wlan0")) {
            write(w, frames);
            files = w.files();
        }
        assertTrue(files.size() >= 4, files.toString());
        assertEquals(file, files.get(0));
        assertEquals(dir.resolve("session-2.pcapng"), files.get(1));
        List<Frame> all = new ArrayList<>();
        for (Path f : files) {
            assertTrue(Files.size(f) <= 1 << 16, f + " is " + Files.size(f) + " bytes");
            try (FrameSource source = CaptureFiles.open(f)) {
                List<Frame> read = FrameDump.readAll(source);
                assertTrue(read.size() > 0, f.toString());
                all.addAll(read);
                assertEquals(List.of(), source.warnings());
            }
        }
        assertSame(frames, all);
    }

    @Test
    void aFrameLargerThanTheRotationSizeStillGetsAFileOfItsOwn() throws Exception {
        Path file = dir.resolve("big.pcapng");
        byte[] big = new byte[100_000];
        List<Path> files;
        try (PcapngWriter w = new PcapngWriter(file, 1 << 16, 1, 262_144, "wlan0")) {
            w.write(T0, new byte[100], 0, 100, 100);
            w.write(T0 + 1, big, 0, big.length, big.length);
            w.write(T0 + 2, new byte[100], 0, 100, 100);
            files = w.files();
        }
        assertEquals(3, files.size(), "the big frame cannot share a file under the limit");
        try (FrameSource source = CaptureFiles.open(files.get(1))) {
            assertEquals(big.length, FrameDump.readAll(source).get(0).data().length);
        }
    }

    @Test
    void rotatedNamesKeepTheExtension() {
        assertEquals(Path.of("/x/a.pcapng"), PcapngWriter.nameOf(Path.of("/x/a.pcapng"), 1));
        assertEquals(Path.of("/x/a-3.pcapng"), PcapngWriter.nameOf(Path.of("/x/a.pcapng"), 3));
        assertEquals(Path.of("/x/capture-2"), PcapngWriter.nameOf(Path.of("/x/capture"), 2));
    }
}
