package org.toktrace.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one way exported files write instants: ISO-8601 UTC with microseconds. */
public final class Timestamps {
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** {@code 2026-03-23T16:14:05.123456Z}; the nanoseconds past the microsecond are dropped. */
    public static String isoMicros(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        return ISO_MICROS.format(Instant.ofEpochSecond(seconds, nanos - nanos % 1000));
    }
}
