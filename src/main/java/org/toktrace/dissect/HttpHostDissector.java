package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.util.List;
import org.toktrace.model.FlowNames;
import org.toktrace.model.NameSource;
import org.toktrace.model.PrintableText;

/**
 * A cleartext HTTP/1.x request from the client: its Host header names the flow (RFC 9112 section
 * 3.2). A CONNECT request is a proxy handshake instead ({@link ProxyHandshakeDissector}, registered
 * ahead of this one).
 */
final class HttpHostDissector implements StreamDissector {

    /** Request head bytes searched for the Host header. */
    static final int MAX_HEAD = 8 * 1024;
    private static final Budget BUDGET = TcpStreamDissector.BUDGET.withBytes(MAX_HEAD);

    @Override
    public Budget budget() {
        return BUDGET;
    }

    @Override
    public int accepts(byte[] d, int n) {
        return HttpHostParser.startsWithMethod(d, n);
    }

    @Override
    public void read(FlowInspection s, long ts) {
        byte[] d = s.stream.data();
        int n = Math.min(s.stream.contiguous(), MAX_HEAD);
        int v = HttpHostParser.findHost(d, n);
        if (v == HttpHostParser.NEED_MORE) {
            if (n >= MAX_HEAD) {
                s.finish();
            }
            return;
        }
        FlowNames host = v == HttpHostParser.NONE ? null : host(d, v, n, ts);
        if (host == null) {
            s.finish();
        } else {
            s.found(host);
        }
    }

    /** The Host header's value at {@code d[v, ...)} within {@code d[0, n)}, or null when it names no host. */
    static FlowNames host(byte[] d, int v, int n, long ts) {
        int hostLen = HttpHostParser.hostLength(d, v, n);
        if (hostLen == 0 || hostLen > ClientHelloParser.MAX_NAME) {
            return null;
        }
        return new FlowNames(PrintableText.ofBytes(ByteBuffer.wrap(d), v, hostLen), NameSource.HTTP_HOST, ts, List.of(), 0, false);
    }
}
