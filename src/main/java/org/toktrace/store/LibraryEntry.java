package org.toktrace.store;

import java.time.Instant;
import java.util.Objects;
import org.toktrace.model.CaptureInfo;

/**
 * One capture in the library with the key figures a list shows, read without loading its flows:
 * where it came from, its SHA-256, time span and totals, when and with which catalog it was analysed,
 * and TikTok's foreground and background volume and time.
 *
 * @param id          the library's number for the capture; stays the same when the capture is re-analysed
 * @param sha256      the capture file's SHA-256 in lower-case hex, or null for a live capture kept in no file
 * @param capture     where it came from, its format and time span, as the analysis read it
 * @param devices     devices seen (as {@code AnalysisResult.devices()} counts them)
 * @param tiktokBytes IP bytes of TikTok flows, both directions
 */
public record LibraryEntry(
        long id,
        String sha256,
        CaptureInfo capture,
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
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(catalogVersion, "catalogVersion");
        Objects.requireNonNull(analysedAt, "analysedAt");
    }

    /** The file path, or the interface name for a live capture: what a list names the capture by. */
    public String source() {
        return capture.source();
    }

    public long durationNanos() {
        return capture.durationNanos();
    }
}
