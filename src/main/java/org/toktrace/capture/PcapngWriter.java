package org.toktrace.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the frames of a live capture to pcapng files, starting a new file (a new section with its
 * own interface description) when the current one would grow past the rotation size, so each file
 * opens on its own in TokTrace, Wireshark or tcpdump. Not thread-safe: the capture thread owns it.
 *
 * <p>Blocks written (draft-ietf-opsawg-pcapng, little-endian; readers take the byte order from
 * the byte-order magic): a Section Header Block (section 4.1) with {@code shb_userappl}, one
 * Interface Description Block (4.2) with {@code if_name} and {@code if_tsresol} = 9 (nanosecond
 * timestamps), then one Enhanced Packet Block (4.3) per frame.
 */
final class PcapngWriter implements AutoCloseable {

    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 0x00000001;
    static final int EPB = 0x00000006;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int BUFFER = 1 << 20;
    /** EPB framing around the frame bytes: type, length, interface, 2 x timestamp, 2 x length, trailing length. */
    private static final int EPB_OVERHEAD = 32;

    private final Path first;
    private final long rotateBytes;
    private final int linkType;
    private final int snaplen;
    private final String interfaceName;
    private final ByteBuffer out = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final List<Path> files = new ArrayList<>();
    private FileChannel channel;
    /** Bytes of the current file, written or buffered. */
    private long fileBytes;
    private long framesInFile;
    private long frames;

    /**
     * Creates {@code first} (replacing a file of that name) and writes its headers.
     *
     * @throws IOException when the file cannot be created
     */
    PcapngWriter(Path first, long rotateBytes, int linkType, int snaplen, String interfaceName) throws IOException {
        this.first = first;
        this.rotateBytes = rotateBytes;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.interfaceName = interfaceName;
        open(first);
    }

    /** The name of the {@code n}-th file (1-based): the first as given, then {@code name-n.ext}. */
    static Path nameOf(Path first, int n) {
        if (n == 1) {
            return first;
        }
        String name = first.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String rotated = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
        return first.resolveSibling(rotated);
    }

    private void open(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        files.add(file);
        fileBytes = 0;
        framesInFile = 0;
        writeSectionHeader();
        writeInterfaceDescription();
    }

    /** Appends one frame; {@code data[offset, offset + length)} are its captured bytes. */
    void write(long timestampNanos, byte[] data, int offset, int length, int originalLength) throws IOException {
        int padded = (length + 3) & ~3;
        int blockLength = EPB_OVERHEAD + padded;
        if (framesInFile > 0 && fileBytes + blockLength > rotateBytes) {
            rotate();
        }
        if (blockLength > out.remaining()) {
            drain();
        }
        if (blockLength > out.capacity()) {
            // larger than the buffer (a 256 kB snap length cannot be, but keep it correct): write it directly
            ByteBuffer big = ByteBuffer.allocate(blockLength).order(ByteOrder.LITTLE_ENDIAN);
            putEpb(big, timestampNanos, data, offset, length, originalLength, padded, blockLength);
            big.flip();
            while (big.hasRemaining()) {
                channel.write(big);
            }
        } else {
            putEpb(out, timestampNanos, data, offset, length, originalLength, padded, blockLength);
        }
        fileBytes += blockLength;
        framesInFile++;
        frames++;
    }

    private static void putEpb(ByteBuffer b, long ts, byte[] data, int offset, int length, int originalLength,
            int padded, int blockLength) {
        b.putInt(EPB).putInt(blockLength).putInt(0);
        b.putInt((int) (ts >>> 32)).putInt((int) ts);
        b.putInt(length).putInt(originalLength);
        b.put(data, offset, length);
        for (int i = length; i < padded; i++) {
            b.put((byte) 0);
        }
        b.putInt(blockLength);
    }

    private void rotate() throws IOException {
        drain();
        channel.close();
        open(nameOf(first, files.size() + 1));
    }

    private void writeSectionHeader() throws IOException {
        byte[] app = "TokTrace".getBytes(StandardCharsets.US_ASCII);
        int optLength = 4 + pad(app.length) + 4;
        int length = 28 + optLength;
        if (length > out.remaining()) {
            drain();
        }
        out.putInt(SHB).putInt(length).putInt(BYTE_ORDER_MAGIC);
        out.putShort((short) 1).putShort((short) 0);
        out.putLong(-1L); // section length not given: the file is written as it grows
        putOption(4, app); // shb_userappl
        out.putInt(0); // opt_endofopt
        out.putInt(length);
        fileBytes += length;
    }

    private void writeInterfaceDescription() throws IOException {
        byte[] name = interfaceName.getBytes(StandardCharsets.UTF_8);
        int optLength = (4 + pad(name.length)) + (4 + 4) + 4;
        int length = 20 + optLength;
        if (length > out.remaining()) {
            drain();
        }
        out.putInt(IDB).putInt(length);
        out.putShort((short) linkType).putShort((short) 0);
        out.putInt(snaplen);
        putOption(2, name); // if_name
        putOption(9, new byte[] {9}); // if_tsresol: 10^-9 s
        out.putInt(0);
        out.putInt(length);
        fileBytes += length;
    }

    private void putOption(int code, byte[] value) {
        out.putShort((short) code).putShort((short) value.length);
        out.put(value);
        for (int i = value.length; i < pad(value.length); i++) {
            out.put((byte) 0);
        }
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    /** Hands the buffered blocks to the operating system; call now and then, so a crash loses little. */
    void flush() throws IOException {
        drain();
    }

    private void drain() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
    }

    long frames() {
        return frames;
    }

    /** The files written so far, in order. */
    List<Path> files() {
        return List.copyOf(files);
    }

    @Override
    public void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            drain();
            channel.force(false);
        } finally {
            channel.close();
            channel = null;
        }
    }
}
