package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Any text through {@link PrintableText#of} comes out clean within its cap; the rules one by one are in {@link PrintableTextTest}. */
class PrintableTextPropertiesTest {

    @Property(tries = 500)
    void anyTextComesOutCleanWithinTheCapAndStaysSoWhenPassedAgain(@ForAll String raw,
            @ForAll @IntRange(min = 0, max = 80) int max) {
        String out = PrintableText.of(raw, max);
        assertTrue(out.length() <= max, out);
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            assertFalse(Character.getType(c) == Character.CONTROL, "a control character at " + i);
            assertFalse(c == '\u2028' || c == '\u2029' || c == '\u202E' || c == '\u2067', "a separator or bidi control");
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < out.length() && Character.isLowSurrogate(out.charAt(++i)), "a lone high surrogate");
            } else {
                assertFalse(Character.isLowSurrogate(c), "a lone low surrogate");
            }
        }
        assertEquals(out, PrintableText.of(out, max), "idempotent");
        assertTrue(raw.startsWith(out) || out.contains("\\"), "only escapes change the text: " + out);
    }
}
