package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.CaptureFileWriter.Interface;
import org.toktrace.testkit.CaptureFileWriter.TsResolution;

/** The hot path allocates nothing per frame: the heap bytes a thread allocates while reading stay flat. */
class NoAllocationTest {

    private static final int FRAMES = 100_000;

    @TempDir
    Path dir;

    @Test
    void pcapAllocatesNothingPerFrame() throws Exception {
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1).nanosecond();
        Random r = new Random(3);
        for (int k = 0; k < FRAMES; k++) {
            w.frame(k, WrittenCorpus.frame(r, 40 + r.nextInt(60)));
        }
        assertReadsWithoutAllocating(w.writeTo(dir.resolve("many.pcap")));
    }

    @Test
    void pcapngAllocatesNothingPerFrame() throws Exception {
        CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng()
                .iface(Interface.of(1).resolution(TsResolution.binary(32)))
                .iface(Interface.of(101).resolution(TsResolution.decimal(12)));
        Random r = new Random(4);
        for (int k = 0; k < FRAMES; k++) {
            w.epb(k & 1, 1_700_000_000_000_000_000L + k, WrittenCorpus.frame(r, 40 + r.nextInt(60)));
        }
        assertReadsWithoutAllocating(w.writeTo(dir.resolve("many.pcapng")));
    }

    private static void assertReadsWithoutAllocating(Path file) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int pass = 0; pass < 3; pass++) { // the first passes warm up (class loading, JIT)
            try (FrameSource source = CaptureFiles.open(file)) {
                long frames = 0;
                long sum = 0;
                long before = threads.getThreadAllocatedBytes(thread);
                while (source.next()) {
                    frames++;
                    sum += source.timestampNanos() + source.capturedLength() + source.buffer().get(source.frameOffset());
                }
                long allocated = threads.getThreadAllocatedBytes(thread) - before;
                assertEquals(FRAMES, frames);
                if (pass == 2) {
                    // A few hundred bytes of noise from the refills at most, far below one byte per frame.
                    assertTrue(allocated < FRAMES / 10, allocated + " bytes allocated for " + frames + " frames (" + sum + ")");
                }
            }
        }
    }
}
