package org.toktrace.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.toktrace.model.ByteUnits;

/**
 * How the app writes numbers for people: decimal byte units picked per figure (so background reads
 * in kB beside foreground in MB), durations, clock times in UTC, counts with separators.
 */
public final class Figures {
    private static final DateTimeFormatter CLOCK_MILLIS =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Figures() {
    }

    /** {@code 46.1 kB}, {@code 1.75 MB}: the unit chosen for this figure alone. */
    public static String bytes(long bytes) {
        return ByteUnits.format(bytes);
    }

    /** {@code 12,345}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 0 s}, {@code 22 s}, {@code 9 min 17 s}, {@code 2 h 5 min}: rounded to the second. */
    public static String duration(long nanos) {
        long s = Math.round(Math.max(0, nanos) / 1e9);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** A share in [0, 1] as {@code 63 %}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    /** {@code 16:14:05.123}, UTC. */
    public static String clockMillis(long epochNanos) {
        return CLOCK_MILLIS.format(instant(epochNanos));
    }

    /** {@code 16:14:05}, UTC. */
    public static String clock(long epochNanos) {
        return CLOCK.format(instant(epochNanos));
    }

    /** {@code 2026-03-23 16:14:05.123}, UTC. */
    public static String dateTimeMillis(long epochNanos) {
        return DATE_TIME_MILLIS.format(instant(epochNanos));
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
