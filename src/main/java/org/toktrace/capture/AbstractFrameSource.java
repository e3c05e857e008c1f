package org.toktrace.capture;

import java.nio.ByteBuffer;

/**
 * The current frame's fields, which every frame source sets when it moves to a frame and hands out
 * through the same getters: a class of its own so the built-in readers and the pcap4j-backed
 * sources differ only in how they read frames.
 */
abstract class AbstractFrameSource implements FrameSource {

    /** The buffer the current frame lies in, always big-endian as the decoders expect. */
    ByteBuffer buf;
    int frameOffset;
    int capturedLength;
    int originalLength;
    long timestampNanos;
    int linkType;
    int interfaceId;
    long recordOffset = -1;

    @Override
    public final ByteBuffer buffer() {
        return buf;
    }

    @Override
    public final int frameOffset() {
        return frameOffset;
    }

    @Override
    public final int capturedLength() {
        return capturedLength;
    }

    @Override
    public final int originalLength() {
        return originalLength;
    }

    @Override
    public final long timestampNanos() {
        return timestampNanos;
    }

    @Override
    public final int linkType() {
        return linkType;
    }

    @Override
    public final int interfaceId() {
        return interfaceId;
    }

    @Override
    public final long recordOffset() {
        return recordOffset;
    }
}
