package org.toktrace.ui;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/** Chart axis labels in decimal byte units: {@code 10 kB}, {@code 1.5 MB}. */
final class ByteAxisFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return format(Math.round(number), toAppendTo, pos);
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        // "1.00 kB" on an axis reads better as "1 kB"
        return toAppendTo.append(Figures.bytes(number).replaceFirst("\\.0+ ", " "));
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return null; // axes only format
    }
}
