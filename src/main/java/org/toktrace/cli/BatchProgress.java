package org.toktrace.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.toktrace.model.ByteUnits;

/**
 * What a batch tells its user while it runs: the line for each capture done (standard output) or
 * failed (standard error) and, on a terminal only, one progress line on standard error rewritten in
 * place: captures done of all, bytes read of all, time left. Jobs report from their own threads, so
 * every method holds the lock: a line printed while the progress line shows first erases it.
 */
final class BatchProgress {

    /** Progress is redrawn at most this often: readable, and no cost to the analyses. */
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private final int total;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private final Map<Integer, Long> reading = new HashMap<>();
    private int done;
    private long doneBytes;
    private long lastDrawn;
    private int shown;

    /** @param terminal whether standard error is a terminal that can take a line rewritten with {@code \r} */
    BatchProgress(PrintWriter out, PrintWriter err, boolean terminal, boolean quiet, int total, long totalBytes) {
        this.out = out;
        this.err = err;
        this.terminal = terminal && !quiet;
        this.quiet = quiet;
        this.total = total;
        this.totalBytes = totalBytes;
    }

    /** Capture {@code index} has read {@code bytes} of its file. */
    synchronized void reading(int index, long bytes) {
        reading.put(index, bytes);
        long now = System.nanoTime();
        if (terminal && now - lastDrawn >= REDRAW_NANOS) {
            draw(now);
        }
    }

    /**
     * Capture {@code index} is finished: {@code line} on standard output (unless quiet; null for none),
     * each of {@code errors} on standard error.
     */
    synchronized void done(int index, long size, String line, List<String> errors) {
        reading.remove(index);
        done++;
        doneBytes += size;
        erase();
        for (String e : errors) {
            err.println(e);
        }
        err.flush();
        if (line != null && !quiet) {
            out.println(line);
            out.flush();
        }
        if (terminal) {
            draw(System.nanoTime());
        }
    }

    /** Removes the progress line, so what follows starts on a clean line. */
    synchronized void end() {
        erase();
    }

    private void draw(long now) {
        String line = line(now);
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
        lastDrawn = now;
    }

    private void erase() {
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }

    private String line(long now) {
        long read = doneBytes;
        for (long b : reading.values()) {
            read += b;
        }
        return line(done, total, read, totalBytes, now - started);
    }

    /** {@code 3 of 8 captures, 412 MB of 1.20 GB, about 1:05 left}: time left from the bytes read so far. */
    static String line(int done, int total, long read, long totalBytes, long elapsedNanos) {
        StringBuilder sb = new StringBuilder(80);
        sb.append(String.format(Locale.ROOT, "%d of %d captures, %s of %s", done, total, ByteUnits.format(read),
                ByteUnits.format(totalBytes)));
        // a guess from the first second or the first bytes is noise: say nothing until there is a rate
        if (read > 0 && read <= totalBytes && elapsedNanos >= 1_000_000_000L) {
            long left = Math.round((totalBytes - read) * (elapsedNanos / 1e9) / read);
            sb.append(String.format(Locale.ROOT, ", about %d:%02d left", left / 60, left % 60));
        }
        return sb.toString();
    }
}
