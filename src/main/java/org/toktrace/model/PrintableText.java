package org.toktrace.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Text that came from packets, or from outside the program (a library a packet filled, an interface's
 * description, a file name), made safe to keep and to show: the one rule for such text in every layer.
 *
 * <p>The rule, for text ({@link #of(String, int)}):
 * <ul>
 * <li>control characters (U+0000-U+001F, DEL, U+0080-U+009F) and the line and paragraph separators
 *     (U+2028, U+2029) are escaped, so a name never breaks a line or drives a terminal;</li>
 * <li>the bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) are escaped,
 *     so a name never reverses the text around it (evil, U+202E, gnp.exe shown as "evilexe.png");</li>
 * <li>a surrogate without its partner is escaped, so the text is always valid UTF-16 and encodes;</li>
 * <li>everything else stays as it is, letters of every script and the backslash included;</li>
 * <li>the result has at most {@code max} characters, cut before the escape, surrogate pair or escape
 *     already in the text ({@code \xNN}, or a backslash, {@code u} and four hex digits) that would pass it, never inside one.</li>
 * </ul>
 * A character below U+0100 is escaped as {@code \xNN}, any other as a backslash, {@code u} and four hex digits (lower-case hex). The
 * rule is idempotent: what it returns passes through it unchanged, so stored text reads back as it was.
 *
 * <p>Bytes from a packet ({@link #ofBytes}) are not decoded, as their encoding is whatever the sender
 * chose: each byte outside printable ASCII, and the backslash, becomes {@code \xNN}, so the text is
 * printable ASCII, and the escapes in it are the only backslashes; it passes the text rule unchanged.
 */
public final class PrintableText {

    private PrintableText() {
    }

    /** {@code text} under the rule, without a length cap. */
    public static String of(String text) {
        return of(text, Integer.MAX_VALUE);
    }

    /** {@code text} under the rule, at most {@code max} characters. */
    public static String of(String text, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("negative cap: " + max);
        }
        if (text.length() <= max && plain(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(Math.min(max, text.length() + 16));
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int whole = whole(text, i);
            if (whole > 0) {
                if (sb.length() + whole > max) {
                    break;
                }
                sb.append(text, i, i + whole);
                i += whole;
                continue;
            }
            String escape = c < 0x100 ? "\\x" + hex(c, 2) : "\\u" + hex(c, 4);
            if (sb.length() + escape.length() > max) {
                break;
            }
            sb.append(escape);
            i++;
        }
        return sb.toString();
    }

    /**
     * {@code len} bytes at {@code off} as printable ASCII, every other byte and the backslash as
     * {@code \xNN}; a space is escaped too unless {@code spaces} is set (a name people write with
     * spaces, such as a device's host name, "Anna's Pixel").
     */
    public static String ofBytes(ByteBuffer buf, int off, int len, boolean spaces) {
        int lowest = spaces ? 0x20 : 0x21;
        boolean plain = true;
        for (int i = 0; i < len; i++) {
            int c = buf.get(off + i) & 0xFF;
            if (c < lowest || c >= 0x7F || c == '\\') {
                plain = false;
                break;
            }
        }
        if (plain) {
            byte[] bytes = new byte[len];
            buf.get(off, bytes);
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        StringBuilder sb = new StringBuilder(len + 8);
        for (int i = 0; i < len; i++) {
            int c = buf.get(off + i) & 0xFF;
            if (c < lowest || c >= 0x7F || c == '\\') {
                sb.append("\\x").append(hex(c, 2));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** {@link #ofBytes(ByteBuffer, int, int, boolean)} without spaces. */
    public static String ofBytes(ByteBuffer buf, int off, int len) {
        return ofBytes(buf, off, len, false);
    }

    /** Whether no character of {@code text} is escaped. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); ) {
            int whole = whole(text, i);
            if (whole == 0) {
                return false;
            }
            i += whole;
        }
        return true;
    }

    /**
     * How many characters at {@code i} stay as they are and are kept or cut as one: an escape already
     * in the text, a surrogate pair, one character; 0 when the character at {@code i} is escaped.
     */
    private static int whole(String text, int i) {
        char c = text.charAt(i);
        if (c == '\\') {
            int escape = escapeAt(text, i);
            return escape > 0 ? escape : 1;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 0;
        }
        return escaped(c) ? 0 : 1;
    }

    private static boolean escaped(char c) {
        return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == '\u2028' || c == '\u2029' || bidi(c)
                || Character.isLowSurrogate(c); // a high one is judged with its partner
    }

    private static boolean bidi(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** The length of the escape at {@code i} ({@code \xNN}, or backslash, u and four hex digits), or 0. */
    private static int escapeAt(String text, int i) {
        if (i + 1 >= text.length()) {
            return 0;
        }
        int digits = switch (text.charAt(i + 1)) {
            case 'x' -> 2;
            case 'u' -> 4;
            default -> 0;
        };
        if (digits == 0 || i + 2 + digits > text.length()) {
            return 0;
        }
        for (int k = i + 2; k < i + 2 + digits; k++) {
            char h = text.charAt(k);
            if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                return 0;
            }
        }
        return 2 + digits;
    }

    private static String hex(int value, int digits) {
        char[] out = new char[digits];
        for (int k = digits - 1; k >= 0; k--) {
            out[k] = Character.forDigit(value & 0xF, 16);
            value >>>= 4;
        }
        return new String(out);
    }
}
