package org.toktrace.analysis;

/**
 * Receives a live capture's progress (about four times a second) and snapshots (about twice a
 * second, skipped while the previous one is still being made), never per packet. Called on the
 * analysis's own threads: implementations must be quick, must not block, and hand over to their
 * own thread (e.g. the UI's) themselves.
 */
public interface LiveListener {

    LiveListener NONE = new LiveListener() { };

    default void progress(LiveProgress progress) {
    }

    default void snapshot(LiveSnapshot snapshot) {
    }
}
