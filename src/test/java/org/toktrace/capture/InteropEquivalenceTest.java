package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.toktrace.testkit.InteropCaptures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.testkit.CaptureFileWriter.Frame;

/**
 * The built-in readers and libpcap return the same frames from real captures recorded by other
 * projects ({@code -Pinterop}; the directory comes from {@code toktrace.interop.dir}).
 */
@Tag("interop")
class InteropEquivalenceTest {

    static Stream<Path> captures() throws IOException {
        return InteropCaptures.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void builtInAndLibpcapAgree(Path file) throws Exception {
        List<Frame> builtIn;
        try (FrameSource source = CaptureFiles.open(file)) {
            builtIn = FrameDump.readAll(source);
            assertEquals(List.of(), source.warnings(), file.toString());
            assertEquals(source.size(), source.position());
        }
        List<Frame> libpcap;
        try (FrameSource source = CaptureFiles.openWithPcap4j(file)) {
            libpcap = FrameDump.readAll(source);
            assertEquals(List.of(), source.warnings(), file.toString());
        }
        assertFalse(builtIn.isEmpty());
        assertEquals(libpcap.size(), builtIn.size(), "frame count");
        List<Frame> ours = FrameDump.withoutPlace(builtIn);
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(libpcap.get(i), ours.get(i), "frame " + (i + 1));
        }
    }
}
