package org.toktrace.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
        int decimals = v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2;
        return fixed(v, decimals) + " " + UNITS[unit];
    }

    /**
     * {@code v} with {@code decimals} digits after the point, rounded half-up from its shortest
     * decimal form, as {@code String.format("%.nf")} does; without the Formatter, whose first use
     * loads the JDK's locale data (tens of milliseconds in every run of a short-lived CLI).
     */
    static String fixed(double v, int decimals) {
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
