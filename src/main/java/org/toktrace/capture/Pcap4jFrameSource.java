package org.toktrace.capture;

import java.nio.ByteBuffer;
import java.sql.Timestamp;

/**
 * How a pcap4j-backed source (the reference file reader, live capture) holds its current frame:
 * libpcap hands each frame over as an array of its own, which both copy to the start of one buffer;
 * a class of its own because this part is the same in both and only how they read frames differs.
 */
abstract class Pcap4jFrameSource extends AbstractFrameSource {

    /** libpcap reads one interface at a time and does not say which, nor where a record starts. */
    Pcap4jFrameSource() {
        buf = ByteBuffer.allocate(65536);
        interfaceId = 0;
        recordOffset = -1;
    }

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
        this.capturedLength = data.length;
        this.originalLength = originalLength;
        this.timestampNanos = timestampNanos;
    }
}
