package org.toktrace.export;

import java.io.IOException;

/**
 * A minimal streaming JSON writer (RFC 8259) with two-space indentation. Every string goes through
 * {@link #quote}, so text from packets can never break out of its string.
 */
final class JsonWriter {
    private final Appendable out;
    private int depth;
    /** No element written yet at the current depth. */
    private boolean first = true;
    /** A name was written; its value follows on the same line. */
    private boolean afterName;

    JsonWriter(Appendable out) {
        this.out = out;
    }

    JsonWriter beginObject() throws IOException {
        return open('{');
    }

    JsonWriter endObject() throws IOException {
        return close('}');
    }

    JsonWriter beginArray() throws IOException {
        return open('[');
    }

    JsonWriter endArray() throws IOException {
        return close(']');
    }

    JsonWriter name(String name) throws IOException {
        separator();
        quote(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) throws IOException {
        valueStart();
        if (s == null) {
            out.append("null");
        } else {
            quote(s);
        }
        return this;
    }

    JsonWriter value(long n) throws IOException {
        valueStart();
        out.append(Long.toString(n));
        return this;
    }

    JsonWriter value(double d) throws IOException {
        valueStart();
        out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        return this;
    }

    JsonWriter value(boolean b) throws IOException {
        valueStart();
        out.append(Boolean.toString(b));
        return this;
    }

    JsonWriter field(String name, String s) throws IOException {
        return name(name).value(s);
    }

    JsonWriter field(String name, long n) throws IOException {
        return name(name).value(n);
    }

    JsonWriter field(String name, double d) throws IOException {
        return name(name).value(d);
    }

    JsonWriter field(String name, boolean b) throws IOException {
        return name(name).value(b);
    }

    private void valueStart() throws IOException {
        if (!afterName) {
            separator();
        }
        afterName = false;
    }

    private JsonWriter open(char c) throws IOException {
        valueStart();
        out.append(c);
        depth++;
        first = true;
        return this;
    }

    private JsonWriter close(char c) throws IOException {
        depth--;
        if (!first) {
            newline();
        }
        out.append(c);
        first = false;
        return this;
    }

    private void separator() throws IOException {
        if (!first) {
            out.append(',');
        }
        if (depth > 0) {
            newline();
        }
        first = false;
    }

    private void newline() throws IOException {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void quote(String s) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
