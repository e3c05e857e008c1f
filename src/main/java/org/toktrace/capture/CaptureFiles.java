package org.toktrace.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens capture files: recognises pcap and pcapng by their first bytes and reads them with the
 * built-in streaming readers, and falls back to libpcap for anything else it might know.
 */
public final class CaptureFiles {

    private CaptureFiles() {
    }

    /** The one-line message for a file that could not even be opened. */
    static CaptureOpenException openFailure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new CaptureOpenException(file, "no such file: " + file, e);
        }
        if (e instanceof AccessDeniedException) {
            return new CaptureOpenException(file, "permission denied, cannot read: " + file, e);
        }
        return new CaptureOpenException(file, "cannot read " + file + ": " + e.getMessage(), e);
    }

    /**
     * Opens a capture file for reading: pcap and pcapng with the built-in readers, anything else
     * libpcap may know through it.
     *
     * @throws CaptureOpenException when the file cannot be read as a capture at all: missing, a
     *         directory, a FIFO or device, unreadable, empty, gzip-compressed, not a capture, or its header cut
     *         short; the message is one line naming the file
     */
    public static FrameSource open(Path file) throws CaptureOpenException {
        return open(file, FileFrameReader.WINDOW);
    }

    /** {@link #open(Path)} with the given mapping window; 0 reads through a buffer instead (tests use both). */
    static FrameSource open(Path file, int window) throws CaptureOpenException {
        requireRegularFile(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw openFailure(file, e);
        } catch (SecurityException e) {
            throw new CaptureOpenException(file, "cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean handedOver = false;
        try {
            long size = channel.size();
            if (size == 0) {
                throw new CaptureOpenException(file, "empty file, not a capture: " + file);
            }
            ByteBuffer head = ByteBuffer.allocate(4);
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // a regular file fills it in one read; loop for the odd file system that does not
            }
            int n = head.position();
            FrameSource source = switch (kindOf(head.array(), n)) {
                case PCAP -> new PcapFileReader(file, channel, size, window);
                case PCAPNG -> new PcapngFileReader(file, channel, size, window);
                case GZIP -> throw new CaptureOpenException(file, file
                        + " is gzip-compressed; decompress it first (gunzip) and open the .pcap/.pcapng inside");
                case CUT_SHORT -> throw new CaptureOpenException(file,
                        "capture header is cut short (" + n + " bytes): " + file);
                case UNKNOWN -> null;
            };
            if (source != null) {
                handedOver = true;
                return source;
            }
        } catch (IOException e) {
            throw new CaptureOpenException(file, "cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            if (!handedOver) {
                closeQuietly(channel);
            }
        }
        // libpcap may know a variant we do not (e.g. the modified pcap of old Red Hat tcpdumps).
        try {
            return Pcap4jFileReader.open(file);
        } catch (CaptureOpenException e) {
            throw new CaptureOpenException(file, "not a pcap or pcapng capture: " + file, e);
        }
    }

    /**
     * Opens a capture file through libpcap (pcap4j), the reference reader; its frames report
     * {@link org.toktrace.model.CaptureFormat#LIBPCAP}.
     *
     * @throws CaptureOpenException when libpcap is not installed or cannot read the file
     */
    public static FrameSource openWithPcap4j(Path file) throws CaptureOpenException {
        requireRegularFile(file);
        return Pcap4jFileReader.open(file);
    }

    /**
     * Refuses anything but a regular file (after symbolic links) from its attributes alone, before
     * it is opened: opening a FIFO blocks until a writer appears, and a character device such as
     * {@code /dev/zero} has no size, so the readers, which map and seek, would call it empty.
     */
    static void requireRegularFile(Path file) throws CaptureOpenException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw openFailure(file, e);
        } catch (SecurityException e) {
            throw new CaptureOpenException(file, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (attributes.isDirectory()) {
            throw new CaptureOpenException(file, file + " is a directory, not a capture file");
        }
        if (!attributes.isRegularFile()) {
            throw new CaptureOpenException(file, file + " is not a regular file (" + specialKind(file)
                    + "): give a capture file");
        }
    }

    /** What kind of special file {@code file} is, from the file type bits of its Unix mode where the JDK reads them. */
    private static String specialKind(Path file) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(file, "unix:mode");
        } catch (IOException | RuntimeException e) {
            return "a special file"; // no "unix" view (e.g. Windows): the type stays unnamed
        }
        return switch (mode & S_IFMT) {
            case S_IFIFO -> "a named pipe";
            case S_IFCHR -> "a character device";
            case S_IFBLK -> "a block device";
            case S_IFSOCK -> "a socket";
            default -> "a special file";
        };
    }

    // File type bits of st_mode, the same on Linux, macOS and the BSDs (POSIX sys/stat.h).
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private enum Kind { PCAP, PCAPNG, GZIP, CUT_SHORT, UNKNOWN }

    private static final int[] PCAP_MAGICS = {
        PcapFileReader.MAGIC_MICROS, Integer.reverseBytes(PcapFileReader.MAGIC_MICROS),
        PcapFileReader.MAGIC_NANOS, Integer.reverseBytes(PcapFileReader.MAGIC_NANOS),
    };

    private static Kind kindOf(byte[] head, int n) {
        if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return Kind.GZIP;
        }
        if (n == 4) {
            int magic = ByteBuffer.wrap(head).getInt();
            if (magic == PcapngFileReader.SECTION_HEADER) {
                return Kind.PCAPNG;
            }
            for (int m : PCAP_MAGICS) {
                if (magic == m) {
                    return Kind.PCAP;
                }
            }
            return Kind.UNKNOWN;
        }
        // Fewer than 4 bytes: the start of a magic is a header cut short, anything else is not ours.
        if (startsMagic(head, n, PcapngFileReader.SECTION_HEADER)) {
            return Kind.CUT_SHORT;
        }
        for (int m : PCAP_MAGICS) {
            if (startsMagic(head, n, m)) {
                return Kind.CUT_SHORT;
            }
        }
        return Kind.UNKNOWN;
    }

    private static boolean startsMagic(byte[] head, int n, int magic) {
        for (int i = 0; i < n; i++) {
            if ((head[i] & 0xFF) != ((magic >>> (24 - 8 * i)) & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was read from it that matters
        }
    }
}
