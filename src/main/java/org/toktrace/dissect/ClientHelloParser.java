package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.model.ClientHelloInfo;
import org.toktrace.model.PrintableText;

/**
 * Reads the server name (SNI), the ALPN list and the presence of ECH from a TLS ClientHello
 * handshake message, whether it came over TCP or out of QUIC CRYPTO frames.
 *
 * <pre>
 * RFC 8446 section 4 / 4.1.2 (and RFC 5246 7.4.1.2 for TLS 1.2):
 *   Handshake   { uint8 msg_type = 1; uint24 length; ClientHello body }
 *   ClientHello { uint16 legacy_version; opaque random[32];
 *                 opaque legacy_session_id&lt;0..32&gt;;          -- 1-byte length
 *                 CipherSuite cipher_suites&lt;2..2^16-2&gt;;       -- 2-byte length
 *                 opaque legacy_compression_methods&lt;1..2^8-1&gt;; -- 1-byte length
 *                 Extension extensions&lt;8..2^16-1&gt; }          -- 2-byte length, absent in old TLS
 *   Extension   { uint16 type; opaque data&lt;0..2^16-1&gt; }
 * RFC 6066 section 3, server_name (0): uint16 list length, then { uint8 name_type (0 = host_name);
 *   opaque HostName&lt;1..2^16-1&gt; }
 * RFC 7301 section 3.1, application_layer_protocol_negotiation (16): uint16 list length, then
 *   { opaque ProtocolName&lt;1..2^8-1&gt; }
 * draft-ietf-tls-esni, encrypted_client_hello (0xfe0d)
 * </pre>
 *
 * Every read is checked against the end of the message and of its enclosing vector; a message
 * that lies about a length yields null, never an exception. Only the returned strings are allocated.
 */
public final class ClientHelloParser {

    /** Longest server name kept: a DNS name has at most 253 characters. */
    static final int MAX_NAME = 255;
    private static final int MAX_ALPN = 16;

    private static final int HANDSHAKE_CLIENT_HELLO = 1;
    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_ALPN = 16;
    private static final int EXT_ECH = 0xfe0d;

    private ClientHelloParser() {
    }

    /** The length of the whole handshake message starting at {@code off} (header included), or -1 if its header is not there yet. */
    public static int messageLength(ByteBuffer buf, int off, int available) {
        if (available < 4) {
            return -1;
        }
        return 4 + (((buf.get(off + 1) & 0xFF) << 16) | ((buf.get(off + 2) & 0xFF) << 8) | (buf.get(off + 3) & 0xFF));
    }

    /** Parses a handshake message held in {@code bytes[off, off + len)}. */
    public static ClientHelloInfo parse(byte[] bytes, int off, int len) {
        return parse(ByteBuffer.wrap(bytes), off, len);
    }

    /**
     * Parses the handshake message at {@code buf[off, off + len)}.
     *
     * @return what the ClientHello says, or null when it is not a whole, well-formed ClientHello
     */
    public static ClientHelloInfo parse(ByteBuffer buf, int off, int len) {
        if (off < 0 || len < 4 || off > buf.limit() - len) {
            return null;
        }
        int end = off + len;
        if ((buf.get(off) & 0xFF) != HANDSHAKE_CLIENT_HELLO) {
            return null;
        }
        int bodyEnd = off + messageLength(buf, off, len);
        if (bodyEnd > end) {
            return null;
        }
        int p = off + 4 + 2 + 32; // legacy_version, random
        if (p + 1 > bodyEnd) {
            return null;
        }
        p += 1 + (buf.get(p) & 0xFF); // legacy_session_id
        if (p + 2 > bodyEnd) {
            return null;
        }
        p += 2 + u16(buf, p); // cipher_suites
        if (p + 1 > bodyEnd) {
            return null;
        }
        p += 1 + (buf.get(p) & 0xFF); // legacy_compression_methods
        if (p > bodyEnd) {
            return null;
        }
        if (p == bodyEnd) {
            return new ClientHelloInfo(null, List.of(), false); // no extensions at all
        }
        if (p + 2 > bodyEnd) {
            return null;
        }
        int extEnd = p + 2 + u16(buf, p);
        if (extEnd > bodyEnd) {
            return null;
        }
        p += 2;
        String serverName = null;
        List<String> alpn = List.of();
        boolean ech = false;
        while (p + 4 <= extEnd) {
            int type = u16(buf, p);
            int dataStart = p + 4;
            int dataEnd = dataStart + u16(buf, p + 2);
            if (dataEnd > extEnd) {
                return null;
            }
            if (type == EXT_SERVER_NAME && serverName == null) {
                serverName = serverName(buf, dataStart, dataEnd);
            } else if (type == EXT_ALPN && alpn.isEmpty()) {
                alpn = alpn(buf, dataStart, dataEnd);
            } else if (type == EXT_ECH) {
                ech = true;
            }
            p = dataEnd;
        }
        return p == extEnd ? new ClientHelloInfo(serverName, alpn, ech) : null;
    }

    private static String serverName(ByteBuffer buf, int p, int end) {
        if (p + 2 > end) {
            return null;
        }
        int listEnd = Math.min(end, p + 2 + u16(buf, p));
        p += 2;
        while (p + 3 <= listEnd) {
            int nameType = buf.get(p) & 0xFF;
            int nameLen = u16(buf, p + 1);
            int nameStart = p + 3;
            if (nameStart + nameLen > listEnd) {
                return null;
            }
            if (nameType == 0 && nameLen > 0 && nameLen <= MAX_NAME) {
                return PrintableText.ofBytes(buf, nameStart, nameLen);
            }
            p = nameStart + nameLen;
        }
        return null;
    }

    private static List<String> alpn(ByteBuffer buf, int p, int end) {
        if (p + 2 > end) {
            return List.of();
        }
        int listEnd = Math.min(end, p + 2 + u16(buf, p));
        p += 2;
        List<String> protocols = new ArrayList<>(4);
        while (p + 1 <= listEnd && protocols.size() < MAX_ALPN) {
            int n = buf.get(p) & 0xFF;
            if (n == 0 || p + 1 + n > listEnd) {
                break;
            }
            protocols.add(PrintableText.ofBytes(buf, p + 1, n));
            p += 1 + n;
        }
        return protocols;
    }

    static int u16(ByteBuffer buf, int p) {
        return ((buf.get(p) & 0xFF) << 8) | (buf.get(p + 1) & 0xFF);
    }
}
