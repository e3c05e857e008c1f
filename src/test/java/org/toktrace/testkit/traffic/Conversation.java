package org.toktrace.testkit.traffic;

import java.io.IOException;

/**
 * Something on the hotspot that puts frames on the wire over time: a TCP connection, a QUIC flow,
 * a DNS exchange, a phone's behaviour (which writes nothing itself and starts the others). The
 * generator merges all of them by {@link #time}.
 */
abstract class Conversation {
    /** When the next frame (or action) is due, epoch nanoseconds. */
    long time;
    /** Tie-breaker among equal times, set by the generator: first scheduled, first served. */
    long order;

    /**
     * Writes the frame due at {@link #time} (if any) and moves {@link #time} to the next one.
     *
     * @return false when this conversation has nothing more to write
     */
    abstract boolean step(FrameSink sink) throws IOException;

    /** Where conversations write their frames. */
    interface FrameSink {
        void frame(long timestampNanos, byte[] frame, int length) throws IOException;
    }
}
