package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.model.ClientHelloInfo;
import org.toktrace.model.FlowNames;
import org.toktrace.model.NameSource;

/**
 * The TLS ClientHello a TCP client sends first, or right after a proxy handshake or STARTTLS:
 * its records are laid end to end until the handshake message is whole, then
 * {@link ClientHelloParser} reads the server name and ALPN.
 *
 * <pre>
 * RFC 8446 section 5.1, record layer:
 *   TLSPlaintext { ContentType type (22 = handshake); ProtocolVersion legacy_record_version (0x03xx);
 *                  uint16 length (at most 2^14); opaque fragment[length] }
 * section 4: Handshake { HandshakeType msg_type (1 = client_hello); uint24 length; ... }
 * </pre>
 * A handshake message may be split over several records ("fragmented across several records"),
 * and the records over several TCP segments: the handshake bytes are the records' fragments
 * laid end to end.
 */
final class TlsClientHelloDissector implements StreamDissector {

    private static final Budget BUDGET = TcpStreamDissector.BUDGET;
    /** Longest TLS record the client may send: 2^14 plaintext bytes (RFC 8446 section 5.1), some slack. */
    static final int MAX_RECORD = (1 << 14) + 256;
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;

    @Override
    public Budget budget() {
        return BUDGET;
    }

    @Override
    public int accepts(byte[] d, int n) {
        if (d[0] != HANDSHAKE) {
            return NO;
        }
        if (n < 2) {
            return MORE;
        }
        return d[1] == 3 ? YES : NO;
    }

    @Override
    public void read(FlowInspection s, long ts) {
        byte[] d = s.stream.data();
        int n = s.stream.contiguous();
        int handshake = 0; // handshake bytes available in the contiguous records
        int off = 0;
        while (off + 5 <= n) {
            int recLen = recordLength(d, off);
            if (d[off] != HANDSHAKE || d[off + 1] != 3 || recLen == 0 || recLen > MAX_RECORD) {
                s.finish(); // not (or no longer) a handshake record: no ClientHello to read
                return;
            }
            int take = Math.min(recLen, n - off - 5);
            handshake += take;
            if (take < recLen) {
                break;
            }
            off += 5 + recLen;
        }
        int msgLen = -1;
        if (handshake >= 4) {
            if (handshakeByte(d, 0) != CLIENT_HELLO) {
                s.finish();
                return;
            }
            msgLen = 4 + ((handshakeByte(d, 1) << 16) | (handshakeByte(d, 2) << 8) | handshakeByte(d, 3));
            if (msgLen > s.stream.cap()) {
                s.giveUpOverFlowCap(); // bigger than we are willing to hold
                return;
            }
        }
        if (msgLen < 0 || handshake < msgLen) {
            if (n >= s.stream.cap()) {
                s.giveUpOverFlowCap();
            }
            return;
        }
        ClientHelloInfo hello;
        if (msgLen <= recordLength(d, 0)) {
            hello = ClientHelloParser.parse(d, 5, msgLen);
        } else {
            // spread over records: lay the fragments end to end (allocated once, for the result)
            byte[] msg = new byte[msgLen];
            int copied = 0;
            int r = 0;
            while (copied < msgLen) {
                int recLen = recordLength(d, r);
                int take = Math.min(recLen, msgLen - copied);
                System.arraycopy(d, r + 5, msg, copied, take);
                copied += take;
                r += 5 + recLen;
            }
            hello = ClientHelloParser.parse(msg, 0, msgLen);
        }
        if (hello == null) {
            s.finish();
        } else if (hello.serverName() == null) {
            // a proxy's CONNECT target, when one was read, still names a ClientHello without SNI
            FlowNames before = s.names;
            s.found(new FlowNames(before.serverName(), before.source(), before.timestampNanos(), hello.alpn(), 0,
                    hello.encrypted()));
        } else {
            s.found(new FlowNames(hello.serverName(), NameSource.TLS_SNI, ts, hello.alpn(), 0, hello.encrypted()));
        }
    }

    /**
     * Hands the client's stream after a stage's {@code consumed} bytes (a proxy handshake, an SMTP
     * dialogue up to STARTTLS) to this dissection: what follows is the tunnelled TLS stream.
     */
    static void tunnelled(FlowInspection s, int consumed, long ts) {
        s.stream.consume(consumed);
        s.kind = FlowInspection.Kind.TLS;
        if (s.stream.contiguous() > 0) {
            s.kind.stream().read(s, ts);
        }
    }

    /**
     * The length of the record at {@code frame[off, off + len)} when it is a handshake record that
     * holds a whole ClientHello (type 22, version 3.x; a ClientHello whose 24-bit length fits the
     * record), else -1.
     */
    static int wholeHelloRecord(ByteBuffer frame, int off, int len) {
        if (len < 9 || off < 0 || off + 9 > frame.limit()) {
            return -1;
        }
        int recordLength = (frame.get(off + 3) & 0xFF) << 8 | frame.get(off + 4) & 0xFF;
        int helloLength = (frame.get(off + 6) & 0xFF) << 16 | (frame.get(off + 7) & 0xFF) << 8 | frame.get(off + 8) & 0xFF;
        if (frame.get(off) != HANDSHAKE || frame.get(off + 1) != 3 || frame.get(off + 5) != CLIENT_HELLO
                || 4 + helloLength > recordLength) {
            return -1;
        }
        return recordLength;
    }

    private static int recordLength(byte[] d, int off) {
        return ((d[off + 3] & 0xFF) << 8) | (d[off + 4] & 0xFF);
    }

    /** The handshake byte at index {@code i} of the records that start the stream (known to be there). */
    private static int handshakeByte(byte[] d, int i) {
        int off = 0;
        while (true) {
            int recLen = recordLength(d, off);
            if (i < recLen) {
                return d[off + 5 + i] & 0xFF;
            }
            i -= recLen;
            off += 5 + recLen;
        }
    }
}
