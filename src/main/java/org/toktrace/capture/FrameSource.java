package org.toktrace.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureWarning;

/**
 * A stream of link-layer frames from a capture file or a live interface, one frame at a time.
 *
 * <p>The frame's bytes stay in the source's own buffer and are valid only until the next call to
 * {@link #next()}; nothing is allocated per frame. A damaged file ends the stream early and leaves
 * a {@link CaptureWarning} that names the offset; it does not throw.
 */
public interface FrameSource extends AutoCloseable {

    /**
     * Moves to the next frame.
     *
     * @return false at the end of the input, or when the rest of the input cannot be read (then
     *         {@link #warnings()} says why and where)
     * @throws IOException only when the underlying file or device fails (not for bad content)
     */
    boolean next() throws IOException;

    /** The buffer holding the current frame, in big-endian (network) order. */
    ByteBuffer buffer();

    /** Absolute index in {@link #buffer()} of the current frame's first byte. */
    int frameOffset();

    /** Bytes of the current frame present in the buffer (at most the snap length). */
    int capturedLength();

    /** Length of the frame on the wire. */
    int originalLength();

    /** Timestamp of the current frame, nanoseconds since 1970-01-01T00:00:00Z. */
    long timestampNanos();

    /** LINKTYPE_ value of the interface the current frame was captured on. */
    int linkType();

    /** Index of that interface in the capture (always 0 for pcap). */
    int interfaceId();

    /** Byte offset in the file where the current frame's record starts, or -1 for live capture. */
    long recordOffset();

    /** Bytes of the input consumed so far, for progress. */
    long position();

    /** Total size of the input in bytes, or -1 when unknown (live capture). */
    long size();

    CaptureFormat format();

    /** Everything wrong that was found so far. */
    List<CaptureWarning> warnings();

    @Override
    void close() throws IOException;
}
