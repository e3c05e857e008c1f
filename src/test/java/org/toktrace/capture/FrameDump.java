package org.toktrace.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.testkit.CaptureFileWriter.Frame;

/** Reads whole captures into lists of frames, for comparisons in tests. */
final class FrameDump {

    private FrameDump() {
    }

    static List<Frame> readAll(FrameSource source) throws IOException {
        List<Frame> frames = new ArrayList<>();
        while (source.next()) {
            frames.add(current(source));
        }
        return frames;
    }

    static Frame current(FrameSource source) {
        byte[] data = new byte[source.capturedLength()];
        ByteBuffer b = source.buffer();
        if (b.order() != java.nio.ByteOrder.BIG_ENDIAN) {
            throw new AssertionError("buffer must be big-endian");
        }
        b.get(source.frameOffset(), data);
        return new Frame(source.recordOffset(), source.interfaceId(), source.linkType(), source.timestampNanos(),
                source.originalLength(), data);
    }

    static List<Frame> readAll(Path file) throws IOException, CaptureOpenException {
        try (FrameSource source = CaptureFiles.open(file)) {
            return readAll(source);
        }
    }

    static List<Frame> readAllWithPcap4j(Path file) throws IOException, CaptureOpenException {
        try (FrameSource source = CaptureFiles.openWithPcap4j(file)) {
            return readAll(source);
        }
    }

    /** What libpcap can tell: no record offsets, no interface ids. */
    static List<Frame> withoutPlace(List<Frame> frames) {
        List<Frame> out = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            out.add(new Frame(-1, 0, f.linkType(), f.timestampNanos(), f.originalLength(), f.data()));
        }
        return out;
    }
}
