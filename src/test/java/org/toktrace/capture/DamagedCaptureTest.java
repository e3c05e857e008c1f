package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureWarning;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.CaptureFileWriter.Frame;
import org.toktrace.testkit.CaptureFileWriter.Interface;

/** Damaged files end the stream with a warning; files that are no capture at all fail to open with one plain line. */
class DamagedCaptureTest {

    @TempDir
    Path dir;

    record Written(String name, byte[] bytes, List<Frame> frames, List<Long> boundaries) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Written> cuttable() {
        Random r = new Random(7);
        CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(1);
        CaptureFileWriter.Pcap pcapNs = CaptureFileWriter.pcap(101).nanosecond().byteOrder(ByteOrder.BIG_ENDIAN);
        for (int k = 0; k < 6; k++) {
            pcap.frame(WrittenCorpus.T0 + k, WrittenCorpus.frame(r, k * 7));
            pcapNs.frame(WrittenCorpus.T0 + k, WrittenCorpus.frame(r, 30 - k));
        }
        CaptureFileWriter.Pcapng ng = CaptureFileWriter.pcapng()
                .iface(Interface.of(1).name("eth0"))
                .epb(0, WrittenCorpus.T0, WrittenCorpus.frame(r, 13))
                .block(4, new byte[8])
                .spb(9, WrittenCorpus.frame(r, 9))
                .section(ByteOrder.BIG_ENDIAN)
                .iface(Interface.of(101).resolution(CaptureFileWriter.TsResolution.binary(24)))
                .packetBlock(0, WrittenCorpus.T0 + 5, 20, WrittenCorpus.frame(r, 20))
                .epb(0, WrittenCorpus.T0 + 9, WrittenCorpus.frame(r, 1));
        return List.of(
                new Written("pcap", pcap.toBytes(), pcap.frames(), pcap.boundaries()),
                new Written("pcap-ns-be", pcapNs.toBytes(), pcapNs.frames(), pcapNs.boundaries()),
                new Written("pcapng", ng.toBytes(), ng.frames(), ng.boundaries()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cuttable")
    void cutAtEveryOffset(Written w) throws Exception {
        Path file = dir.resolve(w.name());
        long headerEnd = w.boundaries().get(1);
        for (int cut = 0; cut <= w.bytes().length; cut++) {
            Files.write(file, Arrays.copyOf(w.bytes(), cut));
            String at = w.name() + " cut at " + cut;
            if (cut == 0) {
                assertOpenFails(file, "empty file, not a capture: " + file);
                continue;
            }
            if (cut < headerEnd) {
                CaptureOpenException e = assertThrows(CaptureOpenException.class, () -> CaptureFiles.open(file), at);
                assertTrue(e.getMessage().contains("header is cut short") && e.getMessage().endsWith(file.toString()), e.getMessage());
                continue;
            }
            int end = cut;
            List<Frame> intact = w.frames().stream().filter(f -> recordEnd(w, f.recordOffset()) <= end).toList();
            try (FrameSource source = CaptureFiles.open(file)) {
                assertEquals(intact, FrameDump.readAll(source), at);
                assertFalse(source.next(), at);
                if (w.boundaries().contains((long) cut)) {
                    assertEquals(List.of(), source.warnings(), at);
                } else {
                    long cutRecord = w.boundaries().stream().filter(b -> b < end).mapToLong(Long::longValue).max().orElseThrow();
                    assertEquals(1, source.warnings().size(), at);
                    CaptureWarning warning = source.warnings().get(0);
                    assertEquals(cutRecord, warning.fileOffset(), at);
                    assertTrue(warning.message().startsWith("capture cut short in the middle of a"), warning.message());
                }
            }
        }
    }

    private static long recordEnd(Written w, long recordOffset) {
        return w.boundaries().stream().filter(b -> b > recordOffset).mapToLong(Long::longValue).min().orElseThrow();
    }

    // ---- pcap length fields

    @Test
    void pcapCapturedLengthPastTheEndOfTheFile() throws Exception {
        byte[] bytes = CaptureFileWriter.pcap(1).frame(1, new byte[10]).frame(2, new byte[10]).toBytes();
        putInt(bytes, 24 + 26 + 8, 1000, ByteOrder.LITTLE_ENDIAN); // second record claims 1000 bytes
        assertDamage(bytes, 1, 24 + 26, "capture cut short in the middle of a record");
    }

    @Test
    void pcapCapturedLengthBeyondAnySnapLength() throws Exception {
        byte[] bytes = CaptureFileWriter.pcap(1).frame(1, new byte[10]).frame(2, new byte[10]).toBytes();
        putInt(bytes, 24 + 26 + 8, 262145, ByteOrder.LITTLE_ENDIAN);
        assertDamage(bytes, 1, 24 + 26, "pcap record with an impossible captured length 262145");
        putInt(bytes, 24 + 26 + 8, -1, ByteOrder.LITTLE_ENDIAN);
        assertDamage(bytes, 1, 24 + 26, "pcap record with an impossible captured length 4294967295");
    }

    @Test
    void pcapHugeSnapLengthStillBoundedByTheFile() throws Exception {
        byte[] bytes = CaptureFileWriter.pcap(1).snapLength(-1).frame(1, new byte[10]).frame(2, new byte[10]).toBytes();
        putInt(bytes, 24 + 26 + 8, 0x7FFF_FFF0, ByteOrder.LITTLE_ENDIAN);
        assertDamage(bytes, 1, 24 + 26, "capture cut short in the middle of a record");
    }

    // ---- pcapng block lengths

    private static final CaptureFileWriter.Pcapng TWO_PACKETS =
            CaptureFileWriter.pcapng().iface(1).epb(0, 1000, new byte[8]).epb(0, 2000, new byte[8]);

    /** File offset of the second Enhanced Packet Block in {@link #TWO_PACKETS} (after SHB, IDB, EPB). */
    private static final int SECOND = TWO_PACKETS.boundaries().get(3).intValue();

    @Test
    void pcapngImpossibleLengths() throws Exception {
        for (int length : new int[] {0, 7, 8, 11, 30, 41}) {
            byte[] bytes = TWO_PACKETS.toBytes();
            putInt(bytes, SECOND + 4, length, ByteOrder.LITTLE_ENDIAN);
            assertDamage(bytes, 1, SECOND, "pcapng block with an impossible length " + length);
        }
    }

    @Test
    void pcapngPacketBlockTooShortForItsFields() throws Exception {
        // A well-formed 28-byte block of type EPB: its length and trailing length agree, but no packet fits.
        byte[] bytes = CaptureFileWriter.pcapng().iface(1).epb(0, 1000, new byte[8])
                .block(6, new byte[16]).toBytes();
        assertDamage(bytes, 1, bytes.length - 28, "pcapng enhanced packet block with an impossible length 28");
    }

    @Test
    void pcapngTrailingLengthMismatch() throws Exception {
        byte[] bytes = TWO_PACKETS.toBytes();
        putInt(bytes, SECOND + 36, 44, ByteOrder.LITTLE_ENDIAN);
        assertDamage(bytes, 1, SECOND, "pcapng block whose trailing length 44 does not match its length 40");
    }

    @Test
    void pcapngLengthPastTheEndOfTheFile() throws Exception {
        byte[] bytes = TWO_PACKETS.toBytes();
        putInt(bytes, SECOND + 4, 44, ByteOrder.LITTLE_ENDIAN);
        assertDamage(bytes, 1, SECOND, "capture cut short in the middle of a block");
        putInt(bytes, SECOND + 4, 0xFFFF_FFF0, ByteOrder.LITTLE_ENDIAN);
        assertDamage(bytes, 1, SECOND, "capture cut short in the middle of a block");
    }

    @Test
    void pcapngCapturedLengthBeyondItsBlock() throws Exception {
        byte[] bytes = TWO_PACKETS.toBytes();
        putInt(bytes, SECOND + 20, 9, ByteOrder.LITTLE_ENDIAN);
        assertDamage(bytes, 1, SECOND, "pcapng packet block whose captured length 9 does not fit in its block");
    }

    @Test
    void pcapngUnknownInterface() throws Exception {
        byte[] bytes = TWO_PACKETS.toBytes();
        putInt(bytes, SECOND + 8, 1, ByteOrder.LITTLE_ENDIAN);
        assertDamage(bytes, 1, SECOND,
                "pcapng packet on interface 1, which no interface description block of its section declares");
        // Interfaces are per section: a new section forgets them.
        CaptureFileWriter.Pcapng next = CaptureFileWriter.pcapng().iface(1).epb(0, 1, new byte[4])
                .section(ByteOrder.LITTLE_ENDIAN).epb(0, 2, new byte[4]);
        assertDamage(next.toBytes(), 1, next.boundaries().get(4),
                "pcapng packet on interface 0, which no interface description block of its section declares");
    }

    @Test
    void pcapngUnknownByteOrderInALaterSection() throws Exception {
        CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng().iface(1).epb(0, 1, new byte[4])
                .section(ByteOrder.BIG_ENDIAN).iface(1).epb(0, 2, new byte[4]);
        byte[] bytes = w.toBytes();
        int second = w.boundaries().get(3).intValue();
        putInt(bytes, second + 8, 0x12345678, ByteOrder.BIG_ENDIAN);
        assertDamage(bytes, 1, second, "pcapng section header with an unknown byte-order magic");
    }

    // ---- files that cannot be opened

    @Test
    void missingFile() {
        Path file = dir.resolve("nothing-here.pcap");
        assertOpenFails(file, "no such file: " + file);
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        assertOpenFails(file, "empty file, not a capture: " + file);
    }

    @Test
    void directory() {
        assertOpenFails(dir, dir + " is a directory, not a capture file");
    }

    /** Root reads any file, so the denial itself is fed in: what matters is the message it becomes. */
    @Test
    void unreadableFile() {
        Path file = dir.resolve("secret.pcap");
        CaptureOpenException e = CaptureFiles.openFailure(file, new AccessDeniedException(file.toString()));
        assertEquals("permission denied, cannot read: " + file, e.getMessage());
        e = CaptureFiles.openFailure(file, new java.io.IOException("Input/output error"));
        assertEquals("cannot read " + file + ": Input/output error", e.getMessage());
    }

    @Test
    void gzipFile() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(CaptureFileWriter.pcap(1).frame(1, new byte[4]).toBytes());
        }
        Path file = Files.write(dir.resolve("capture.pcap.gz"), gz.toByteArray());
        assertOpenFails(file, file + " is gzip-compressed; decompress it first (gunzip) and open the .pcap/.pcapng inside");
    }

    @Test
    void textFile() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.pcap"), "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertOpenFails(file, "not a pcap or pcapng capture: " + file);
        Path tiny = Files.writeString(dir.resolve("tiny.pcap"), "hi");
        assertOpenFails(tiny, "not a pcap or pcapng capture: " + tiny);
    }

    @Test
    void truncatedHeaders() throws Exception {
        byte[] pcap = CaptureFileWriter.pcap(1).frame(1, new byte[4]).toBytes();
        Path file = Files.write(dir.resolve("short.pcap"), Arrays.copyOf(pcap, 10));
        assertOpenFails(file, "pcap header is cut short (10 of 24 bytes): " + file);
        Files.write(file, Arrays.copyOf(pcap, 3));
        assertOpenFails(file, "capture header is cut short (3 bytes): " + file);
        byte[] ng = CaptureFileWriter.pcapng().iface(1).toBytes();
        Path ngFile = Files.write(dir.resolve("short.pcapng"), Arrays.copyOf(ng, 20));
        assertOpenFails(ngFile, "pcapng section header is cut short (20 of 52 bytes): " + ngFile);
    }

    @Test
    void damagedPcapngHeader() throws Exception {
        byte[] ng = CaptureFileWriter.pcapng().iface(1).toBytes();
        putInt(ng, 4, 7, ByteOrder.LITTLE_ENDIAN);
        Path file = Files.write(dir.resolve("bad.pcapng"), ng);
        assertOpenFails(file, "damaged pcapng section header (impossible length 7): " + file);
    }

    /** The "modified" pcap of old Red Hat tcpdumps (magic a1b2cd34): not ours, but libpcap reads it. */
    @Test
    void formatsOnlyLibpcapKnowsFallBackToIt() throws Exception {
        requireLibpcap();
        ByteBuffer b = ByteBuffer.allocate(24 + 24 + 6).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2CD34).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(1_700_000_000).putInt(250_000).putInt(6).putInt(60).putInt(2).putShort((short) 0x0800).put((byte) 0).put((byte) 0);
        b.put("packet".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("modified.pcap"), b.array());
        try (FrameSource source = CaptureFiles.open(file)) {
            assertEquals(CaptureFormat.LIBPCAP, source.format());
            List<Frame> frames = FrameDump.readAll(source);
            assertEquals(1, frames.size());
            assertEquals(1_700_000_000_250_000_000L, frames.get(0).timestampNanos());
            assertEquals(60, frames.get(0).originalLength());
            assertEquals("packet", new String(frames.get(0).data(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void openWithPcap4jErrors() throws Exception {
        Path missing = dir.resolve("missing.pcap");
        CaptureOpenException e = assertThrows(CaptureOpenException.class, () -> CaptureFiles.openWithPcap4j(missing));
        assertEquals("no such file: " + missing, e.getMessage());
        Path text = Files.writeString(dir.resolve("text.pcap"), "hello, this is not a capture at all");
        e = assertThrows(CaptureOpenException.class, () -> CaptureFiles.openWithPcap4j(text));
        assertTrue(e.getMessage().startsWith("libpcap cannot read " + text + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    static void requireLibpcap() {
        assertTrue(Pcap4jFileReader.available(),
                "the reference-reader tests need libpcap (Debian: apt-get install libpcap0.8)");
    }

    private static void assertOpenFails(Path file, String message) {
        CaptureOpenException e = assertThrows(CaptureOpenException.class, () -> CaptureFiles.open(file).close());
        assertEquals(message, e.getMessage());
        assertEquals(file, e.file());
    }

    private void assertDamage(byte[] bytes, int framesBefore, long offset, String message) throws Exception {
        Path file = Files.write(dir.resolve("damaged"), bytes);
        try (FrameSource source = CaptureFiles.open(file)) {
            List<Frame> frames = FrameDump.readAll(source);
            assertEquals(framesBefore, frames.size());
            assertEquals(List.of(new CaptureWarning(offset, message)), source.warnings());
            assertFalse(source.next());
        }
    }

    private static void putInt(byte[] bytes, int at, int value, ByteOrder order) {
        ByteBuffer.wrap(bytes).order(order).putInt(at, value);
    }
}
