package org.toktrace.dissect;

import java.nio.ByteBuffer;

/**
 * Text taken from packets, made safe to keep and show: printable ASCII stays as it is, every other
 * byte becomes {@code \xNN}, so a name can never carry control characters, line breaks or bytes
 * that a terminal or a viewer would interpret. A space is escaped too, unless the text is a name
 * people write with spaces (a device's host name, "Anna's Pixel").
 */
final class PrintableText {
    private PrintableText() {
    }

    static String of(byte[] bytes, int off, int len) {
        return of(ByteBuffer.wrap(bytes), off, len);
    }

    static String of(ByteBuffer buf, int off, int len) {
        return of(buf, off, len, false);
    }

    /** As {@link #of(ByteBuffer, int, int)}, keeping spaces as they are when {@code spaces} is set. */
    static String of(ByteBuffer buf, int off, int len, boolean spaces) {
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
            return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        }
        StringBuilder sb = new StringBuilder(len + 8);
        for (int i = 0; i < len; i++) {
            int c = buf.get(off + i) & 0xFF;
            if (c < lowest || c >= 0x7F || c == '\\') {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
