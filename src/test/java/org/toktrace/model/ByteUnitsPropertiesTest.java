package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Rounding and unit choice on any number, against the JDK's Formatter; the examples are in {@link ByteUnitsTest}. */
class ByteUnitsPropertiesTest {

    @Property(tries = 2000)
    void fixedPointRoundsAsTheFormatterDoes(@ForAll @DoubleRange(min = 0, max = 1000) double v,
            @ForAll @IntRange(min = 0, max = 2) int decimals) {
        assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), ByteUnits.fixed(v, decimals));
    }

    @Property(tries = 2000)
    void halfwayCasesRoundAsTheFormatterDoes(@ForAll @LongRange(min = 0, max = 100_000) long thousandths) {
        double v = thousandths / 1000.0 + 0.0005; // ties in the third decimal, and their neighbours
        for (int decimals = 0; decimals <= 2; decimals++) {
            assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), ByteUnits.fixed(v, decimals));
        }
    }

    @Property(tries = 2000)
    void anyCountFormatsAsWithTheFormatter(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) {
        assertEquals(withFormatter(bytes), ByteUnits.format(bytes));
    }

    /** The implementation ByteUnits had before it stopped using the Formatter: the oracle. */
    private static String withFormatter(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int unit = 0;
        while (v >= 999.5 && unit < units.length - 1) {
            v /= 1000;
            unit++;
        }
        String pattern = v >= 99.95 ? "%.0f %s" : v >= 9.995 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, pattern, v, units[unit]);
    }
}
