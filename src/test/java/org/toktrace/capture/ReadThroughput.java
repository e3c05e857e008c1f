package org.toktrace.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Rough throughput of the built-in pcap reader over a generated capture; a tool, not a test.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/classes:target/test-classes org.toktrace.capture.ReadThroughput [file.pcap] [megabytes]
 * </pre>
 *
 * Writes the file (default: a temporary one of 200 MB, frames of 60 to 1514 bytes in a typical
 * small/large mix) unless it exists, then reads it eight times from the page cache and prints
 * frames and bytes per second of each pass.
 */
public final class ReadThroughput {

    /** -Dsmall=true: only small frames, to see the per-frame cost rather than the copy from the page cache. */
    private static final boolean SMALL_ONLY = Boolean.getBoolean("small");

    private ReadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("toktrace-throughput", ".pcap");
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 200;
        boolean temporary = args.length == 0;
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                generate(file, megabytes * 1_000_000L);
            }
            for (int pass = 1; pass <= 8; pass++) {
                long t0 = System.nanoTime();
                long frames = 0;
                long checksum = 0;
                long bytes;
                try (FrameSource source = CaptureFiles.open(file)) {
                    ByteBuffer b = source.buffer();
                    while (source.next()) {
                        frames++;
                        b = source.buffer();
                        // Touch the frame as a decoder would (EtherType), so nothing is optimised away.
                        checksum += b.getShort(source.frameOffset() + 12) + source.capturedLength();
                    }
                    bytes = source.position();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("pass %d: %,d frames in %.3f s = %,.0f frames/s, %,.0f MB/s (checksum %d)%n",
                        pass, frames, seconds, frames / seconds, bytes / seconds / 1e6, checksum);
            }
        } finally {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void generate(Path file, long size) throws IOException {
        Random r = new Random(42);
        byte[] frame = new byte[1514];
        r.nextBytes(frame);
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(header.array());
            long written = 24;
            long ts = 1_700_000_000_000_000L;
            while (written < size) {
                // Roughly what a phone streaming video looks like: half full-size segments, half ACKs and small packets.
                int len = SMALL_ONLY ? 60 + r.nextInt(40) : r.nextBoolean() ? 1514 : 60 + r.nextInt(200);
                ts += r.nextInt(500);
                record.clear();
                record.putInt((int) (ts / 1_000_000)).putInt((int) (ts % 1_000_000)).putInt(len).putInt(len);
                out.write(record.array());
                out.write(frame, 0, len);
                written += 16 + len;
            }
        }
    }
}
