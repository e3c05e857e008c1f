package org.toktrace.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.toktrace.model.CaptureFormat;

/**
 * One capture in the library with the key figures a list shows, read without loading its flows:
 * where it came from, its SHA-256, time span and totals, when and with which catalog it was analysed,
 * and TikTok's foreground and background volume and time.
 *
 * @param id          the library's number for the capture; stays the same when the capture is re-analysed
 * @param sha256      the capture file's SHA-256 in lower-case hex, or null for a live capture kept in no file
 * @param firstNanos  first frame (epoch ns), 0 when there was none
 * @param devices     devices seen (as {@code AnalysisResult.devices()} counts them)
 * @param tiktokBytes IP bytes of TikTok flows, both directions
 */
public record LibraryEntry(
        long id,
        String sha256,
        String source,
        long sizeBytes,
        CaptureFormat format,
        List<Integer> linkTypes,
        long firstNanos,
        long lastNanos,
        long frames,
        long ipBytes,
        boolean complete,
        String catalogVersion,
        Instant analysedAt,
        int flows,
        int devices,
        long tiktokBytes,
        long foregroundBytes,
        long backgroundBytes,
        long foregroundNanos,
        long backgroundNanos,
        long platformPushBytes,
        int warnings) {

    public LibraryEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        linkTypes = List.copyOf(linkTypes);
        Objects.requireNonNull(catalogVersion, "catalogVersion");
        Objects.requireNonNull(analysedAt, "analysedAt");
    }

    public long durationNanos() {
        return lastNanos - firstNanos;
    }
}
