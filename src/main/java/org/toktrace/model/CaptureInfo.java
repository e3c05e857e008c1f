package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * The capture an analysis read: where from, in what format, with which link types, over what span.
 *
 * @param source        the file path, or the interface name for a live capture
 * @param firstNanos    timestamp of the first frame (epoch ns), or 0 when there was none
 * @param lastNanos     timestamp of the last frame, or 0
 */
public record CaptureInfo(
        String source,
        long sizeBytes,
        CaptureFormat format,
        List<Integer> linkTypes,
        long firstNanos,
        long lastNanos) {

    public CaptureInfo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        linkTypes = List.copyOf(linkTypes);
    }

    public long durationNanos() {
        return lastNanos - firstNanos;
    }
}
