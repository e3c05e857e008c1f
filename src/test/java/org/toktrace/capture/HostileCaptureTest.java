package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.toktrace.model.CaptureFormat;

/**
 * Any bytes in, no surprise out: opening throws only CaptureOpenException, reading never throws.
 * Property tests (jqwik), named *Test so that surefire runs them.
 */
class HostileCaptureTest {

    private static Path dir;
    private static List<WrittenCorpus.Capture> corpus;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("toktrace-hostile");
        corpus = WrittenCorpus.all().stream().filter(c -> c.bytes().length < 200_000).toList();
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 2048) byte[] bytes) throws IOException {
        readToTheEnd(bytes);
    }

    /** Random bytes behind each magic, so the built-in readers get past the first check. */
    @Property(tries = 600)
    void randomBytesBehindAMagic(@ForAll("magics") int magic, @ForAll @Size(max = 2048) byte[] tail) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + tail.length);
        b.putInt(magic).put(tail);
        readToTheEnd(b.array());
    }

    @Provide
    Arbitrary<Integer> magics() {
        return Arbitraries.of(0xA1B2C3D4, 0xD4C3B2A1, 0xA1B23C4D, 0x4D3CB2A1, 0x0A0D0D0A);
    }

    record Mutation(int kind, int at, int value) {
    }

    @Property(tries = 1000)
    void mutatedCaptures(@ForAll("captures") WrittenCorpus.Capture capture,
                         @ForAll @Size(min = 1, max = 6) List<@From("mutations") Mutation> mutations) throws IOException {
        byte[] bytes = capture.bytes().clone();
        for (Mutation m : mutations) {
            int at = Math.floorMod(m.at(), Math.max(1, bytes.length));
            switch (m.kind()) {
                case 0 -> {
                    if (bytes.length > 0) {
                        bytes[at] = (byte) m.value();
                    }
                }
                case 1 -> {
                    // A length-like field: aligned, little- or big-endian, with values that hurt.
                    int aligned = at & ~3;
                    if (aligned + 4 <= bytes.length) {
                        ByteBuffer.wrap(bytes).putInt(aligned, m.value());
                    }
                }
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        readToTheEnd(bytes);
    }

    @Provide
    Arbitrary<WrittenCorpus.Capture> captures() {
        return Arbitraries.of(corpus);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> values = Arbitraries.oneOf(
                Arbitraries.integers(),
                Arbitraries.of(0, 1, 7, 11, 12, 16, 28, 32, -1, -4, 0x7FFF_FFFF, 0x8000_0000, 0x0100_0000,
                        0x0000_0001, 0x0A0D0D0A, 0x1A2B3C4D, 0x4D3C2B1A, 262145, 0x00FF_FFFC, 0xFCFF_FF00));
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers(), values)
                .as(Mutation::new);
    }

    private static void readToTheEnd(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("hostile"), bytes);
        FrameSource source;
        try {
            source = CaptureFiles.open(file);
        } catch (CaptureOpenException e) {
            assertTrue(e.getMessage().endsWith(file.toString()) || e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            return;
        }
        try (source) {
            long frames = 0;
            while (source.next()) {
                frames++;
                ByteBuffer b = source.buffer();
                assertTrue(source.capturedLength() >= 0);
                assertTrue(source.frameOffset() >= 0 && source.frameOffset() + source.capturedLength() <= b.limit(),
                        "frame inside the buffer");
                assertTrue(source.position() <= source.size() || source.format() == CaptureFormat.LIBPCAP);
                assertTrue(frames <= bytes.length, "no more frames than bytes");
            }
            assertTrue(source.warnings().size() <= 101);
        }
    }
}
