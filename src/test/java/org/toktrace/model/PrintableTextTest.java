package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one rule for text from packets, rule by rule, and for packet bytes. */
class PrintableTextTest {

    @Test
    void controlCharactersAndLineBreaksAreEscaped() {
        assertEquals("a\\x07\\x1b[2J\\x0ab\\x0d\\x00", PrintableText.of("a\u0007\u001b[2J\nb\r\u0000"));
        assertEquals("del\\x7f c1\\x85\\x9b", PrintableText.of("del\u007f c1\u0085\u009b"));
        assertEquals("line\\u2028para\\u2029", PrintableText.of("line\u2028para\u2029"));
    }

    @Test
    void bidirectionalControlsAreEscaped() {
        assertEquals("evil\\u202egnp.exe", PrintableText.of("evil\u202Egnp.exe"));
        assertEquals("\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c",
                PrintableText.of("\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C"));
    }

    @Test
    void aSurrogateWithoutItsPartnerIsEscapedAPairIsKept() {
        assertEquals("a\\ud83db", PrintableText.of("a\uD83Db"));
        assertEquals("a\\ude00b", PrintableText.of("a\uDE00b"));
        assertEquals("end\\ud83d", PrintableText.of("end\uD83D"));
        assertEquals("smile \uD83D\uDE00", PrintableText.of("smile \uD83D\uDE00"));
    }

    @Test
    void everythingElseStaysAsItIs() {
        String text = "Zo\u00eb's Pixel \u00b7 \u5317\u4eac =HYPERLINK(\"x\") C:\\path <b>";
        assertSame(text, PrintableText.of(text), "nothing to escape: the same string, not a copy");
    }

    @Test
    void theCapCutsBeforeAnEscapeAPairOrAnEscapeAlreadyThereNeverInsideOne() {
        assertEquals("abc", PrintableText.of("abcdef", 3));
        assertEquals("ab", PrintableText.of("ab\u202E", 7), "the escape takes 6: it does not fit in 5 left");
        assertEquals("ab\\u202e", PrintableText.of("ab\u202E", 8));
        assertEquals("a", PrintableText.of("a\uD83D\uDE00", 2), "a pair is never split");
        assertEquals("abc", PrintableText.of("abc\\x41", 6), "an escape in the text stays whole");
        assertEquals("abc\\x41", PrintableText.of("abc\\x41", 7));
        assertEquals("abc\\", PrintableText.of("abc\\q", 4), "a backslash that starts no escape is a character");
        assertThrows(IllegalArgumentException.class, () -> PrintableText.of("a", -1));
    }

    @Test
    void packetBytesBecomePrintableAsciiWithBackslashesAndOtherBytesEscaped() {
        byte[] bytes = "v16\\m.tik tok\u00e9".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        assertEquals("v16\\x5cm.tik\\x20tok\\xc3\\xa9", PrintableText.ofBytes(buf, 0, bytes.length));
        assertEquals("v16\\x5cm.tik tok\\xc3\\xa9", PrintableText.ofBytes(buf, 0, bytes.length, true));
        assertEquals("m.tik", PrintableText.ofBytes(buf, 4, 5));
        String escaped = PrintableText.ofBytes(buf, 0, bytes.length);
        assertEquals(escaped, PrintableText.of(escaped), "bytes made printable pass the text rule unchanged");
    }
}
