package org.toktrace.model;

import java.util.Locale;

/** Byte counts in decimal units (1 kB = 1000 B, 1 MB = 10^6 B), as carriers and phones count. */
public final class ByteUnits {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private ByteUnits() {
    }

    /** {@code 999 B}, {@code 1.2 kB}, {@code 14.3 MB}: three significant figures at most. */
    public static String format(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 999.5 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        String pattern = v >= 99.95 ? "%.0f %s" : v >= 9.995 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, pattern, v, UNITS[unit]);
    }
}
