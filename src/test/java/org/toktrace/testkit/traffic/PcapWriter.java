package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a classic pcap file (little-endian, LINKTYPE_ETHERNET) one frame at a time through one
 * large buffer, so gigabytes stream out at disk speed.
 *
 * <p>Format (draft-ietf-opsawg-pcap §4, §5): a 24-byte file header (magic, version 2.4, snaplen,
 * link type), then per frame a 16-byte record header (seconds, micro- or nanoseconds, captured
 * length, original length) followed by the frame.
 */
public final class PcapWriter implements AutoCloseable {

    public static final int LINKTYPE_ETHERNET = 1;
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int SNAPLEN = 262_144;

    private final FileChannel channel;
    private final boolean nanos;
    private final byte[] buf;
    private final ByteBuffer wrapped;
    private int pos;
    private long bytesWritten;
    private long frames;

    public PcapWriter(Path file, boolean nanos) throws IOException {
        this(file, nanos, 8 << 20);
    }

    PcapWriter(Path file, boolean nanos, int bufferSize) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.nanos = nanos;
        this.buf = new byte[Math.max(bufferSize, 1 << 16)];
        this.wrapped = ByteBuffer.wrap(buf);
        putInt(nanos ? MAGIC_NANOS : MAGIC_MICROS);
        putShort(2);
        putShort(4);
        putInt(0); // thiszone
        putInt(0); // sigfigs
        putInt(SNAPLEN);
        putInt(LINKTYPE_ETHERNET);
        bytesWritten = 24;
    }

    /** Appends one frame captured whole (captured length = original length). */
    public void write(long timestampNanos, byte[] frame, int offset, int length) throws IOException {
        if (length > SNAPLEN) {
            throw new IllegalArgumentException("frame longer than the snap length: " + length);
        }
        if (buf.length - pos < 16 + length) {
            flush();
        }
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
        putInt((int) seconds);
        putInt((int) (nanos ? fraction : fraction / 1000));
        putInt(length);
        putInt(length);
        System.arraycopy(frame, offset, buf, pos, length);
        pos += length;
        bytesWritten += 16 + length;
        frames++;
    }

    /** Bytes of the file so far, headers included. */
    public long bytesWritten() {
        return bytesWritten;
    }

    public long frames() {
        return frames;
    }

    private void putInt(int v) {
        buf[pos] = (byte) v;
        buf[pos + 1] = (byte) (v >>> 8);
        buf[pos + 2] = (byte) (v >>> 16);
        buf[pos + 3] = (byte) (v >>> 24);
        pos += 4;
    }

    private void putShort(int v) {
        buf[pos] = (byte) v;
        buf[pos + 1] = (byte) (v >>> 8);
        pos += 2;
    }

    private void flush() throws IOException {
        wrapped.clear().limit(pos);
        while (wrapped.hasRemaining()) {
            channel.write(wrapped);
        }
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
