package org.toktrace.capture;

import java.nio.ByteBuffer;
import java.sql.Timestamp;

/**
 * The current frame of a pcap4j-backed source (the reference file reader, live capture): libpcap
 * hands each frame over as an array of its own, which both copy to the start of one buffer; a
 * class of its own because this part is the same in both and only how they read frames differs.
 */
abstract class Pcap4jFrameSource implements FrameSource {

    private ByteBuffer buf = ByteBuffer.allocate(65536);
    private int originalLength;
    private long timestampNanos;

    /** A libpcap timestamp in nanoseconds since the epoch (pcap4j's Timestamp carries milliseconds and nanoseconds). */
    static long nanos(Timestamp ts) {
        return Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
    }

    /**
     * Makes {@code data} the current frame: copied to the start of the buffer, its limit at the
     * frame's end, in a larger buffer (at least doubled) when the frame does not fit.
     */
    final void hold(byte[] data, int originalLength, long timestampNanos) {
        ByteBuffer b = buf.capacity() < data.length ? ByteBuffer.allocate(Math.max(data.length, 2 * buf.capacity())) : buf;
        b.clear();
        b.put(0, data);
        b.limit(data.length);
        buf = b;
        this.originalLength = originalLength;
        this.timestampNanos = timestampNanos;
    }

    @Override
    public final ByteBuffer buffer() {
        return buf;
    }

    @Override
    public final int frameOffset() {
        return 0;
    }

    @Override
    public final int capturedLength() {
        return buf.limit();
    }

    @Override
    public final int originalLength() {
        return originalLength;
    }

    @Override
    public final long timestampNanos() {
        return timestampNanos;
    }

    /** libpcap reads one interface at a time and does not say which. */
    @Override
    public final int interfaceId() {
        return 0;
    }

    /** libpcap does not tell where a record starts. */
    @Override
    public final long recordOffset() {
        return -1;
    }
}
