package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.model.PrintableText;

/**
 * Finds the Host header of a cleartext HTTP/1.x request.
 *
 * <pre>
 * RFC 9112 section 3, request line:  method SP request-target SP HTTP-version CRLF
 * section 5, field lines:            field-name ":" OWS field-value OWS CRLF   (name case-insensitive)
 *                                    an empty line ends the header section
 * section 3.2, Host:                 uri-host [ ":" port ]   (RFC 3986 section 3.2.2: an IPv6
 *                                    literal is bracketed, "[2001:db8::1]:8080")
 * section 2.2: a recipient may take a bare LF as the end of a line.
 * </pre>
 */
final class HttpHostParser {

    /** The request's Host header is not complete yet: more bytes may bring it. */
    static final int NEED_MORE = -1;
    /** The header section ended without a Host header, or the request is not HTTP. */
    static final int NONE = -2;

    private static final byte[][] METHODS = {
        bytes("GET "), bytes("POST "), bytes("HEAD "), bytes("PUT "), bytes("DELETE "), bytes("OPTIONS "),
        bytes("PATCH "), bytes("CONNECT "),
    };
    /** Longest method with its space. */
    static final int LONGEST_METHOD = 8;

    private HttpHostParser() {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Whether {@code data[0, n)} starts with a known method and a space: 1 yes, 0 no, -1 too
     * few bytes to tell.
     */
    static int startsWithMethod(byte[] data, int n) {
        boolean maybe = false;
        for (byte[] m : METHODS) {
            int verdict = startsWith(data, n, m);
            if (verdict == 1) {
                return 1;
            }
            maybe |= verdict < 0;
        }
        return maybe ? -1 : 0;
    }

    private static final byte[] CONNECT = bytes("CONNECT ");

    /**
     * Whether {@code data[0, n)} starts with a CONNECT request line (RFC 9110 section 9.3.6): 1 yes,
     * 0 no, -1 too few bytes to tell.
     */
    static int startsWithConnect(byte[] data, int n) {
        return startsWith(data, n, CONNECT);
    }

    /** Whether {@code data[0, n)} starts with a CONNECT request line. */
    static boolean isConnect(byte[] data, int n) {
        return startsWithConnect(data, n) == 1;
    }

    /** Whether {@code data[0, n)} starts with {@code prefix}: 1 yes, 0 no, -1 the first n bytes agree but n is short. */
    private static int startsWith(byte[] data, int n, byte[] prefix) {
        int k = Math.min(n, prefix.length);
        for (int i = 0; i < k; i++) {
            if (data[i] != prefix[i]) {
                return 0;
            }
        }
        return n >= prefix.length ? 1 : -1;
    }

    /** The index after the empty line that ends the request head in {@code data[0, n)}, or -1. */
    static int headEnd(byte[] data, int n) {
        int p = 0;
        while (true) {
            int eol = lineEnd(data, p, n);
            if (eol < 0) {
                return -1;
            }
            if (p > 0 && trimEol(data, p, eol) == p) {
                return eol;
            }
            p = eol;
        }
    }

    /**
     * Looks for the Host header in the request head {@code data[0, n)}.
     *
     * @return the start of the host (the value with its whitespace trimmed) with its length in
     *         {@link #hostLength(byte[], int, int)} terms: the index of the value's first byte,
     *         or {@link #NEED_MORE} or {@link #NONE}
     */
    static int findHost(byte[] data, int n) {
        int line = lineEnd(data, 0, n);
        if (line < 0) {
            return NEED_MORE;
        }
        int p = line;
        while (true) {
            int eol = lineEnd(data, p, n);
            if (eol < 0) {
                return NEED_MORE;
            }
            int contentEnd = trimEol(data, p, eol);
            if (contentEnd == p) {
                return NONE; // the empty line: header section over, no Host
            }
            if (contentEnd - p >= 5 && isHostName(data, p)) {
                int v = p + 5;
                while (v < contentEnd && (data[v] == ' ' || data[v] == '\t')) {
                    v++;
                }
                return v;
            }
            p = eol;
        }
    }

    /** The host's length in the Host line whose value starts at {@code v}: whitespace and {@code :port} removed. */
    static int hostLength(byte[] data, int v, int n) {
        int eol = lineEnd(data, v, n);
        int e = trimEol(data, v, eol < 0 ? n : eol);
        while (e > v && (data[e - 1] == ' ' || data[e - 1] == '\t')) {
            e--;
        }
        if (e > v && data[v] == '[') {
            // IPv6 literal: the port, if any, follows the closing bracket
            for (int i = v; i < e; i++) {
                if (data[i] == ']') {
                    return i + 1 - v;
                }
            }
            return e - v;
        }
        for (int i = v; i < e; i++) {
            if (data[i] == ':') {
                return i - v;
            }
        }
        return e - v;
    }

    private static boolean isHostName(byte[] data, int p) {
        return (data[p] | 0x20) == 'h' && (data[p + 1] | 0x20) == 'o' && (data[p + 2] | 0x20) == 's'
                && (data[p + 3] | 0x20) == 't' && data[p + 4] == ':';
    }

    /** The index after the LF ending the line that starts at {@code p}, or -1. */
    private static int lineEnd(byte[] data, int p, int n) {
        for (int i = p; i < n; i++) {
            if (data[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The end of the line's content, without its LF or CRLF. */
    private static int trimEol(byte[] data, int p, int eol) {
        int e = eol;
        if (e > p && data[e - 1] == '\n') {
            e--;
        }
        if (e > p && data[e - 1] == '\r') {
            e--;
        }
        return e;
    }

    /** The host of a complete request head, or null: for tests and for whole buffers. */
    static String host(ByteBuffer buf, int off, int len) {
        byte[] copy = new byte[len];
        buf.get(off, copy);
        int v = findHost(copy, len);
        if (v < 0) {
            return null;
        }
        int n = hostLength(copy, v, len);
        return n > 0 && n <= ClientHelloParser.MAX_NAME ? PrintableText.ofBytes(ByteBuffer.wrap(copy), v, n) : null;
    }
}
