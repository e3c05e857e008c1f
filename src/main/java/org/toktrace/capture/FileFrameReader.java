package org.toktrace.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.toktrace.model.CaptureWarning;

/**
 * The streaming half shared by the built-in file readers: a window over the file, which is the
 * buffer the current frame lies in.
 *
 * <p>The window is a read-only memory mapping of {@link #WINDOW} bytes of the file, moved forward
 * when a record runs past its end: the frames are read where the page cache holds them, never
 * copied, which takes about half the time of {@code FileChannel.read} into a direct buffer. Where a
 * file
 * cannot be mapped, a reused direct buffer refilled by reads takes its place; it starts at most
 * {@link #DEFAULT_CAPACITY} and only grows when a single record needs it.
 *
 * <p>Frames are handed out in place and stay valid until the next call to {@link #next()}. No
 * record may exceed {@link #MAX_RECORD}: a length field is checked against that cap and the file
 * size before anything is mapped or grown for it. A window is unmapped as soon as the reader
 * moves past it ({@link WindowUnmapper}), so the process does not keep the whole file mapped.
 */
abstract class FileFrameReader extends AbstractFrameSource {

    /** Big enough that the refill cost (one read syscall and a small compaction) disappears. */
    static final int DEFAULT_CAPACITY = 8 << 20;

    /** Largest record or block this reader accepts; Wireshark uses the same 16 MiB bound. */
    static final int MAX_RECORD = 16 << 20;

    private static final int MIN_CAPACITY = 4096;

    /**
     * Bytes of the file mapped at once: above {@link #MAX_RECORD}, few remappings (47 for 1.5 GB),
     * and a resident size of about 93 MB for the whole process (64 MB windows: 125 MB, no faster).
     */
    static final int WINDOW = 32 << 20;

    final Path file;
    private final FileChannel channel;
    private final long size;

    /** A little-endian view of the same memory, for files written on little-endian machines. */
    private ByteBuffer littleEndian;
    /** The view to read the file's own header fields through: {@link #buf} or its little-endian twin. */
    ByteBuffer hdr;
    private boolean swapped;

    /** File offset of buffer index 0. */
    private long bufStart;
    /** Buffer index of the next unread byte. */
    int pos;
    /** Number of valid bytes in the buffer. */
    int end;
    private boolean eof;
    /** The file is read through memory mappings (else through reads into a direct buffer). */
    private final boolean mapped;
    private final int window;
    /** Set once the stream has ended, cleanly or at damage; next() then only returns false. */
    boolean done;

    private final List<CaptureWarning> warnings = new ArrayList<>(2);
    private final List<CaptureWarning> warningsView = Collections.unmodifiableList(warnings);

    /** @param window bytes to map at once, or 0 to read through a buffer instead of mapping */
    FileFrameReader(Path file, FileChannel channel, long size, int window) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.window = window;
        this.mapped = window > 0 && tryMap(channel, size);
        if (!mapped) {
            int capacity = (int) Math.max(MIN_CAPACITY, Math.min(DEFAULT_CAPACITY, size));
            setBuffer(ByteBuffer.allocateDirect(capacity));
        }
        this.end = mapped ? buf.limit() : 0;
    }

    /** Maps the first window, or says the file cannot be mapped (a pipe, an odd file system). */
    private boolean tryMap(FileChannel ch, long fileSize) {
        try {
            setBuffer(ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(window, fileSize)));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Reads header fields in the file's byte order from now on. */
    final void setSwapped(boolean littleEndianFile) {
        this.swapped = littleEndianFile;
        this.hdr = littleEndianFile ? littleEndian : buf;
    }

    private void setBuffer(ByteBuffer b) {
        b.order(ByteOrder.BIG_ENDIAN);
        this.buf = b;
        this.littleEndian = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.hdr = swapped ? littleEndian : buf;
    }

    /**
     * Makes at least {@code n} bytes from {@link #pos} available in the buffer; {@code n} must be
     * at most {@link #MAX_RECORD}. May move the data (so {@link #pos} changes).
     *
     * @return false when the file ends first
     */
    final boolean ensure(int n) throws IOException {
        return end - pos >= n || refill(n);
    }

    private boolean refill(int n) throws IOException {
        if (mapped) {
            return remap(n);
        }
        int remaining = end - pos;
        if (n > buf.capacity()) {
            if (n > size - filePosition()) {
                return false; // the file cannot hold it: no point growing the buffer for a bogus length
            }
            // Grown only for a record that passed the length checks, so n is bounded by MAX_RECORD.
            int capacity = (int) Math.min(MAX_RECORD, Math.max((long) n, 2L * buf.capacity()));
            ByteBuffer bigger = ByteBuffer.allocateDirect(capacity);
            bigger.put(0, buf, pos, remaining);
            setBuffer(bigger);
        } else if (pos > 0 && remaining > 0) {
            buf.limit(end);
            buf.position(pos);
            buf.compact();
        }
        bufStart += pos;
        pos = 0;
        end = remaining;
        while (end < n && !eof) {
            buf.limit(buf.capacity());
            buf.position(end);
            int read = channel.read(buf);
            if (read < 0) {
                eof = true;
            } else {
                end += read;
            }
        }
        buf.position(0);
        buf.limit(end);
        return end >= n;
    }

    /** Moves the mapped window to start at {@link #pos}, covering at least {@code n} bytes if the file has them. */
    private boolean remap(int n) throws IOException {
        long start = bufStart + pos;
        if (bufStart + end >= size) {
            return false; // the window already reaches the end of the file
        }
        long length = Math.min(Math.max(window, (long) n), size - start);
        ByteBuffer old = buf;
        setBuffer(channel.map(FileChannel.MapMode.READ_ONLY, start, length));
        WindowUnmapper.unmap(old); // the previous frame's bytes are no longer valid after next()
        bufStart = start;
        pos = 0;
        end = (int) length;
        return end >= n;
    }

    /** Bytes left in the buffer from {@link #pos}, after an {@link #ensure} that failed: the file's tail. */
    final int available() {
        return end - pos;
    }

    /** File offset of buffer index {@link #pos}. */
    final long filePosition() {
        return bufStart + pos;
    }

    /** Bytes of the file after the current position, as far as the size at open tells. */
    final long remainingInFile() {
        return size - filePosition();
    }

    /** Ends the stream because the rest of the file cannot be read. */
    final boolean damage(long offset, String message) {
        warnings.add(new CaptureWarning(offset, message));
        done = true;
        return false;
    }

    /** Notes something odd that did not stop reading. */
    final void note(long offset, String message) {
        if (warnings.size() < 100) {
            warnings.add(new CaptureWarning(offset, message));
        }
    }

    @Override
    public final long position() {
        return filePosition();
    }

    @Override
    public final long size() {
        return size;
    }

    @Override
    public final List<CaptureWarning> warnings() {
        return warningsView;
    }

    @Override
    public final void close() throws IOException {
        done = true;
        channel.close();
        if (mapped) {
            ByteBuffer last = buf;
            setBuffer(ByteBuffer.allocate(0));
            WindowUnmapper.unmap(last);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + file + " at " + filePosition() + " of " + size + "]";
    }
}
