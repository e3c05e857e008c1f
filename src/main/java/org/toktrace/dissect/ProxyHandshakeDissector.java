package org.toktrace.dissect;

import org.toktrace.model.FlowNames;

/**
 * A proxy handshake in front of TLS: a SOCKS5 CONNECT or an HTTP CONNECT request, after which the
 * client's bytes are the tunnelled stream, handed to {@link TlsClientHelloDissector}. Only the
 * client's side is read: the proxy's replies go the other way.
 */
final class ProxyHandshakeDissector implements StreamDissector {

    private static final Budget BUDGET = TcpStreamDissector.BUDGET;
    private static final int SOCKS_VERSION = 5;

    @Override
    public Budget budget() {
        return BUDGET;
    }

    @Override
    public int accepts(byte[] d, int n) {
        if (d[0] == SOCKS_VERSION) {
            return YES;
        }
        return HttpHostParser.startsWithConnect(d, n);
    }

    @Override
    public void read(FlowInspection s, long ts) {
        if (s.stream.data()[0] == SOCKS_VERSION) {
            socks5(s, ts);
        } else {
            connect(s, ts);
        }
    }

    /*
     * RFC 9110 section 9.3.6: after a CONNECT request head and the proxy's 2xx reply, the connection
     * is a tunnel to the request's target, and the client's next bytes are the tunnelled stream: a
     * ClientHello for an https target. Until the ClientHello names the flow (or when it names
     * nothing), the request's Host header does, as it does any HTTP request.
     */
    private static void connect(FlowInspection s, long ts) {
        byte[] d = s.stream.data();
        int n = Math.min(s.stream.contiguous(), HttpHostDissector.MAX_HEAD);
        int head = HttpHostParser.headEnd(d, n);
        if (head < 0) {
            if (n >= HttpHostDissector.MAX_HEAD) {
                s.finish();
            }
            return;
        }
        int v = HttpHostParser.findHost(d, head);
        if (v >= 0) {
            FlowNames host = HttpHostDissector.host(d, v, head, ts);
            if (host != null) {
                s.names = host;
            }
        }
        TlsClientHelloDissector.tunnelled(s, head, ts);
    }

    /*
     * RFC 1928 section 3 (the client's greeting: VER 5, NMETHODS, METHODS), RFC 1929 section 2 (the
     * username/password sub-negotiation, when the server chose it: VER 1, ULEN, UNAME, PLEN, PASSWD),
     * RFC 1928 section 4 (the request: VER 5, CMD 1 = CONNECT, RSV 0, ATYP 1 = IPv4 (4 bytes),
     * 3 = domain name (a length byte, then the name), 4 = IPv6 (16 bytes), DST.ADDR, DST.PORT (2)).
     * What the client sends after its CONNECT request is the tunnelled stream.
     */
    private static void socks5(FlowInspection s, long ts) {
        byte[] d = s.stream.data();
        int n = s.stream.contiguous();
        int request = socks5RequestEnd(d, n);
        if (request == 0) {
            s.finish(); // not a SOCKS5 CONNECT: nothing tunnelled to read
        } else if (request < 0) {
            if (n >= s.stream.cap()) {
                s.finish();
            }
        } else {
            TlsClientHelloDissector.tunnelled(s, request, ts);
        }
    }

    /**
     * Where the client's SOCKS5 CONNECT request ends in {@code d[0, n)}, after its greeting and any
     * username/password sub-negotiation: the index after DST.PORT, -1 when more bytes are needed,
     * 0 when the bytes are no SOCKS5 CONNECT.
     */
    static int socks5RequestEnd(byte[] d, int n) {
        if (n < 2) {
            return -1;
        }
        int methods = d[1] & 0xFF;
        if (d[0] != SOCKS_VERSION || methods == 0) {
            return 0;
        }
        int q = 2 + methods;
        if (q >= n) {
            return -1;
        }
        if (d[q] == 1) { // RFC 1929 sub-negotiation version
            if (q + 2 > n) {
                return -1;
            }
            int passwordAt = q + 2 + (d[q + 1] & 0xFF);
            if (passwordAt >= n) {
                return -1;
            }
            q = passwordAt + 1 + (d[passwordAt] & 0xFF);
        }
        if (q + 5 > n) {
            return -1;
        }
        if (d[q] != SOCKS_VERSION || d[q + 1] != 1 || d[q + 2] != 0) {
            return 0; // BIND and UDP ASSOCIATE carry no stream here
        }
        int address;
        switch (d[q + 3]) {
            case 1 -> address = 4;
            case 3 -> address = 1 + (d[q + 4] & 0xFF);
            case 4 -> address = 16;
            default -> {
                return 0;
            }
        }
        int end = q + 4 + address + 2;
        return end > n ? -1 : end;
    }
}
