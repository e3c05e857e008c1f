package org.toktrace.capture;

import java.nio.ByteBuffer;
import java.sql.Timestamp;

/** What the pcap4j-backed sources (the reference file reader, live capture) do alike with a frame libpcap hands over. */
final class Pcap4jFrames {

    private Pcap4jFrames() {
    }

    /** A libpcap timestamp in nanoseconds since the epoch (pcap4j's Timestamp carries milliseconds and nanoseconds). */
    static long nanos(Timestamp ts) {
        return Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
    }

    /**
     * {@code data} copied to the start of {@code buf}, its limit at the frame's end; a larger buffer
     * (at least doubled) when {@code buf} is too small. Returns the buffer that holds it.
     */
    static ByteBuffer holding(ByteBuffer buf, byte[] data) {
        ByteBuffer b = buf.capacity() < data.length ? ByteBuffer.allocate(Math.max(data.length, 2 * buf.capacity())) : buf;
        b.clear();
        b.put(0, data);
        b.limit(data.length);
        return b;
    }
}
