package org.toktrace.export;

/**
 * Text for the report's XHTML: markup characters as entities, and every character that could hide,
 * reorder or break what a reader sees written out as a visible escape. Server and device names come
 * from packets, so the report never lets one of them become markup.
 */
final class HtmlText {

    private HtmlText() {
    }

    /**
     * {@code text} safe inside an element or a quoted attribute: {@code & < > " '} as entities; C0 and
     * C1 controls (newlines and tabs too: a name has none), DEL, lone surrogates, non-characters and the
     * bidirectional overrides as {@code \xNN} or {@code \u202E}. XML 1.0 forbids most controls even as
     * character references, so they are spelt out rather than referenced.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String replacement = replacement(text, i, c);
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                    if (Character.isHighSurrogate(c)) {
                        out.append(text.charAt(++i)); // a valid pair: replacement() checked the low half
                    }
                } else if (Character.isHighSurrogate(c)) {
                    i++;
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + 16).append(text, 0, i);
            }
            out.append(replacement);
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(String text, int i, char c) {
        switch (c) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            case '"':
                return "&quot;";
            case '\'':
                return "&#39;";
            default:
                break;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return String.format("\\x%02X", (int) c);
        }
        if (Character.isHighSurrogate(c)) {
            boolean paired = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            return paired ? null : String.format("\\u%04X", (int) c);
        }
        if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C) {
            return String.format("\\u%04X", (int) c);
        }
        return null;
    }
}
