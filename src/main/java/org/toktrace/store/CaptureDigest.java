package org.toktrace.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * The SHA-256 of a capture file, the key under which the library keeps its analysis: the same bytes
 * give the same entry whatever the file is called or where it lies.
 *
 * <p>The file is hashed through memory-mapped windows: the JDK's SHA-256 (with the CPU's SHA
 * instructions where it has them) reads the mapped pages directly, with no read() copies, several
 * times faster than {@code sha256sum}; {@link #start} runs it on its own thread so that it overlaps
 * the analysis.
 */
public final class CaptureDigest {

    /** Mapped at a time: large enough that mapping costs nothing, small enough for a 32-bit address space. */
    private static final long WINDOW = 1L << 28;

    private CaptureDigest() {
    }

    /** The file's SHA-256 as 64 lower-case hex digits. */
    public static String sha256(Path file) throws IOException {
        return sha256(file, WINDOW);
    }

    static String sha256(Path file, long window) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        // checked before opening: a FIFO without a writer would block the open for ever
        if (!Files.isRegularFile(file) && Files.exists(file)) {
            throw new IOException(file + " is not a regular file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            for (long pos = 0; pos < size; pos += window) {
                MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(window, size - pos));
                md.update(mapped);
                // the window is unmapped when collected; at 256 MB apiece a 1.5 GB file maps six of them
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Starts hashing {@code file} on a daemon thread of its own and returns at once; the future fails
     * with an {@link UncheckedIOException} when the file cannot be read. Not the common pool: on a
     * 2-core machine it has one thread, which the command line also uses to open the database.
     */
    public static CompletableFuture<String> start(Path file) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(sha256(file));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, "toktrace-sha256");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
