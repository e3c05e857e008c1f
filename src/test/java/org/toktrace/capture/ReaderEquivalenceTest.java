package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.model.CaptureFormat;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.CaptureFileWriter.Frame;
import org.toktrace.testkit.CaptureFileWriter.Interface;

/** The built-in readers and libpcap (through pcap4j) return the same frames. */
class ReaderEquivalenceTest {

    @TempDir
    Path dir;

    static List<WrittenCorpus.Capture> libpcapReadable() {
        return WrittenCorpus.all().stream().filter(WrittenCorpus.Capture::libpcapReadable).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libpcapReadable")
    void builtInAndLibpcapAgree(WrittenCorpus.Capture capture) throws Exception {
        Path file = Files.write(dir.resolve(capture.name()), capture.bytes());
        List<Frame> builtIn = FrameDump.readAll(file);
        List<Frame> libpcap;
        try (FrameSource source = CaptureFiles.openWithPcap4j(file)) {
            assertEquals(CaptureFormat.LIBPCAP, source.format());
            libpcap = FrameDump.readAll(source);
            assertTrue(source.warnings().isEmpty(), source.warnings().toString());
        }
        assertEquals(capture.frames(), builtIn);
        assertEquals(FrameDump.withoutPlace(builtIn), libpcap);
    }

    /*
     * The two disagreements, kept deliberately (libpcap 1.10):
     * - an Enhanced Packet Block whose captured length exceeds its interface's snap length is an
     *   error for libpcap ("invalid packet capture length ..., bigger than snaplen"); the bytes
     *   are all there, so the built-in reader returns the frame cut to the snap length, as
     *   libpcap itself does for pcap files, and notes it once;
     * - a Simple Packet Block has no timestamp: libpcap gives it 0 (1970), the built-in reader
     *   the timestamp of the frame before it, so it stays in place on a timeline.
     */
    @Test
    void knownDisagreements() throws Exception {
        byte[] big = new byte[150];
        big[149] = 7;
        Path overSnap = CaptureFileWriter.pcapng()
                .iface(Interface.of(1).snapLength(96))
                .epb(0, WrittenCorpus.T0, new byte[60]).epb(0, WrittenCorpus.T0 + 1000, big)
                .writeTo(dir.resolve("over-snap.pcapng"));
        try (FrameSource builtIn = CaptureFiles.open(overSnap); FrameSource libpcap = CaptureFiles.openWithPcap4j(overSnap)) {
            assertEquals(2, FrameDump.readAll(builtIn).size());
            assertEquals(96, builtIn.capturedLength());
            assertEquals(150, builtIn.originalLength());
            assertEquals(1, builtIn.warnings().size());
            assertEquals(1, FrameDump.readAll(libpcap).size());
            assertTrue(libpcap.warnings().get(0).message().contains("bigger than snaplen"), libpcap.warnings().toString());
        }

        Path spb = CaptureFileWriter.pcapng().iface(1)
                .epb(0, WrittenCorpus.T0, new byte[60]).spb(64, new byte[64])
                .writeTo(dir.resolve("spb.pcapng"));
        List<Frame> ours = FrameDump.readAll(spb);
        List<Frame> theirs = FrameDump.readAllWithPcap4j(spb);
        assertEquals(ours.get(1).timestampNanos(), ours.get(0).timestampNanos());
        assertEquals(0, theirs.get(1).timestampNanos());
        assertEquals(ours.get(1).originalLength(), theirs.get(1).originalLength());
        assertEquals(Arrays.toString(ours.get(1).data()), Arrays.toString(theirs.get(1).data()));
    }
}
