package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One TLS-over-TCP connection from a phone: three-way handshake, a ClientHello (one or two
 * segments), the server's first flight, then request/response exchanges, then FIN, RST or nothing.
 *
 * <p>Times are as seen on the laptop, which sits between the phone (a few ms away over Wi-Fi) and
 * the server (one RTT away): the phone's ACKs follow the data closely, the server's answers come an
 * RTT after the phone's requests. Sequence numbers, ACKs, lengths and checksums are consistent, so
 * TCP analysis finds no lost, duplicate or out-of-order segment.
 *
 * <p>Segments are planned one phase at a time (handshake, each exchange, teardown), so a push
 * connection with keepalives for hours never plans more than one exchange ahead.
 */
final class TcpConversation extends Conversation {

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    /** One request and its response; {@code gapNanos} of idle time before the request. */
    record Exchange(long gapNanos, int requestBody, long responseBody, double rateBitsPerSecond) {
    }

    /** The exchanges of a connection, produced as they come; null when the connection is done. */
    interface Exchanges {
        Exchange next(long now);
    }

    enum Close { FIN, RST, OPEN }

    private record Seg(long t, boolean up, int flags, long seq, long ack, int len) {
    }

    private final Hotspot h;
    private final Phone phone;
    private final Addr client;
    private final Addr server;
    private final int clientPort;
    private final int serverPort;
    private final long rtt;
    private final boolean timestamps;
    private final int mssPayload;
    private final byte[] clientHello;
    private final Exchanges exchanges;
    private final Close close;
    private final int serverTtl;
    private final TlsByteStream upStream;
    private final TlsByteStream downStream;
    private final long isnClient;
    private final long isnServer;
    private final long tsClient;
    private final long tsServer;
    private int ipIdClient;
    private int ipIdServer;

    private long clientNext = 1;
    private long serverNext = 1;
    private int phase;
    private long cursor;
    private List<Seg> plan = new ArrayList<>();
    private int planPos;

    private final Hello hello;
    /** When the app that owns this connection is killed; {@link Long#MAX_VALUE} for never. */
    private long teardownAt = Long.MAX_VALUE;
    private Close teardownHow = Close.FIN;

    TcpConversation(Hotspot h, Phone phone, Addr server, int serverPort, String serverName, long start,
            Exchanges exchanges, Close close) {
        this(h, phone, server, serverPort, serverName, start, exchanges, close, Hello.TLS_SNI);
    }

    /** A connection whose first bytes are {@code hello}: a ClientHello with or without SNI, or cleartext HTTP. */
    TcpConversation(Hotspot h, Phone phone, Addr server, int serverPort, String serverName, long start,
            Exchanges exchanges, Close close, Hello hello) {
        this.hello = hello;
        this.h = h;
        this.phone = phone;
        this.client = server.v6 ? phone.v6 : phone.v4;
        this.server = server;
        this.clientPort = phone.ephemeralPort();
        this.serverPort = serverPort;
        this.rtt = h.between(Hotspot.ms(20), Hotspot.ms(60));
        this.timestamps = h.rng.nextInt(4) != 0;
        int mss = server.v6 ? 1440 : 1460;
        this.mssPayload = timestamps ? mss - 12 : mss;
        boolean pq = h.rng.nextInt(3) == 0;
        this.clientHello = hello.http() ? httpRequest(serverName, hello == Hello.HTTP_HOST)
                : TlsMessages.handshakeRecord(TlsMessages.clientHello(h.rng, hello == Hello.TLS_SNI ? serverName : null,
                        List.of("h2", "http/1.1"), pq, null), 0x0301);
        this.exchanges = exchanges;
        this.close = close;
        this.serverTtl = 48 + h.rng.nextInt(12);
        this.upStream = new TlsByteStream(h.filler, h.nextSalt());
        this.downStream = new TlsByteStream(h.filler, h.nextSalt());
        this.isnClient = h.rng.nextLong() & 0xFFFF_FFFFL;
        this.isnServer = h.rng.nextLong() & 0xFFFF_FFFFL;
        this.tsClient = h.rng.nextLong() & 0x7FFF_FFFFL;
        this.tsServer = h.rng.nextLong() & 0x7FFF_FFFFL;
        this.ipIdClient = h.rng.nextInt(0x10000);
        this.ipIdServer = h.rng.nextInt(0x10000);
        this.cursor = start;
        this.time = start;
        planNextPhase();
    }

    /** Notes this connection in the capture's truth as being for {@code purpose}. */
    TcpConversation noted(GroundTruth.Purpose purpose, String serverName, long start) {
        h.truth.connection(h, phone, "TCP", client, clientPort, server, serverPort, serverName, purpose, start);
        return this;
    }

    /**
     * The app that owns this connection closes it at {@code at} (its process is killed) if it is still
     * open then: a connection that would stay open or close later ends at {@code at} with
     * {@code how} (FIN or RST), or right after its last exchange when that runs past {@code at}.
     * Its exchanges must end before {@code at}; the {@link Exchanges} see to that.
     */
    TcpConversation tornDownAt(long at, Close how) {
        if (how == Close.OPEN) {
            throw new IllegalArgumentException("a teardown is a FIN or a RST");
        }
        this.teardownAt = at;
        this.teardownHow = how;
        return this;
    }

    @Override
    boolean step(FrameSink sink) throws IOException {
        render(plan.get(planPos++), sink);
        if (planPos == plan.size() && !planNextPhase()) {
            return false;
        }
        time = plan.get(planPos).t();
        return true;
    }

    /** Plans the next phase; false when there is none. */
    private boolean planNextPhase() {
        plan = new ArrayList<>();
        planPos = 0;
        while (plan.isEmpty()) {
            if (phase == 0) {
                planHandshake();
                phase = 1;
            } else if (phase == 1) {
                Exchange e = exchanges.next(cursor);
                if (e == null) {
                    phase = 2;
                } else {
                    planExchange(e);
                }
            } else if (phase == 2) {
                planClose();
                phase = 3;
            } else {
                return false;
            }
        }
        plan.sort((a, b) -> Long.compare(a.t(), b.t()));
        cursor = plan.get(plan.size() - 1).t();
        return true;
    }

    private long wifi() {
        return h.between(Hotspot.ms(0.4), Hotspot.ms(3));
    }

    private void planHandshake() {
        long t = cursor;
        plan.add(new Seg(t, true, SYN, 0, 0, 0));
        t += rtt;
        plan.add(new Seg(t, false, SYN | ACK, 0, 1, 0));
        t += wifi();
        plan.add(new Seg(t, true, ACK, 1, 1, 0));
        t += Hotspot.ms(0.2);
        upStream.appendRecord(clientHello);
        t = sendUp(clientHello.length, t);
        if (hello.http()) {
            // cleartext: the response head, then the body (whose bytes nobody reads)
            long n = downStream.appendRecord(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 2048\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            n += downStream.appendApplicationData(2043);
            sendDown(n, t + rtt + h.between(Hotspot.ms(0.5), Hotspot.ms(4)), 40e6);
            return;
        }
        // the server's first flight: ServerHello, ChangeCipherSpec, then the encrypted rest
        // (EncryptedExtensions, Certificate, CertificateVerify, Finished) as one record
        long n = downStream.appendRecord(TlsMessages.handshakeRecord(TlsMessages.serverHello(h.rng, true), 0x0303));
        n += downStream.appendRecord(TlsMessages.changeCipherSpec());
        n += downStream.appendApplicationData(h.between(2400, 4600));
        t = sendDown(n, t + rtt + h.between(Hotspot.ms(0.5), Hotspot.ms(4)), 40e6);
        long m = upStream.appendRecord(TlsMessages.changeCipherSpec());
        m += upStream.appendApplicationData(53); // Finished
        sendUp(m, t + Hotspot.ms(1));
    }

    /** A cleartext GET as an app's HTTP stack sends it; HTTP/1.0 without Host when {@code withHost} is false. */
    static byte[] httpRequest(String host, boolean withHost) {
        String req = withHost
                ? "GET /obj/tos-useast5-v-0068/pre-load HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: okhttp/3.12.13\r\n"
                        + "Accept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n"
                : "GET /obj/tos-useast5-v-0068/pre-load HTTP/1.0\r\nUser-Agent: okhttp/3.12.13\r\n\r\n";
        return req.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void planExchange(Exchange e) {
        long t = cursor + Math.max(e.gapNanos(), Hotspot.ms(0.1));
        long req = upStream.appendApplicationData(e.requestBody());
        t = sendUp(req, t);
        long resp = downStream.appendApplicationData(e.responseBody());
        sendDown(resp, t + rtt + h.between(Hotspot.ms(2), Hotspot.ms(40)), e.rateBitsPerSecond());
    }

    private void planClose() {
        long t = cursor + h.between(Hotspot.ms(200), Hotspot.seconds(8));
        Close how = close;
        if (teardownAt != Long.MAX_VALUE && (close == Close.OPEN || t > teardownAt)) {
            // the app is killed before the connection would close by itself: the OS ends it then
            how = close == Close.OPEN ? teardownHow : close;
            t = Math.max(cursor + Hotspot.ms(0.1), teardownAt);
        }
        switch (how) {
            case FIN -> {
                plan.add(new Seg(t, true, FIN | ACK, clientNext, serverNext, 0));
                t += rtt;
                plan.add(new Seg(t, false, FIN | ACK, serverNext, clientNext + 1, 0));
                t += wifi();
                plan.add(new Seg(t, true, ACK, clientNext + 1, serverNext + 1, 0));
            }
            case RST -> plan.add(new Seg(t, true, RST | ACK, clientNext, serverNext, 0));
            case OPEN -> {
            }
        }
    }

    /** The phone sends {@code bytes} back to back; the server's answer will acknowledge them. */
    private long sendUp(long bytes, long t) {
        while (bytes > 0) {
            int len = (int) Math.min(mssPayload, bytes);
            bytes -= len;
            plan.add(new Seg(t, true, bytes == 0 ? ACK | PSH : ACK, clientNext, serverNext, len));
            clientNext += len;
            if (bytes > 0) {
                t += Hotspot.ms(0.05);
            }
        }
        return t;
    }

    /**
     * The server sends {@code bytes} paced at about {@code rate}; the phone acknowledges every
     * second segment at once and a last odd one after its delayed-ACK timer.
     *
     * @return the time of the last segment or ACK
     */
    private long sendDown(long bytes, long t, double rate) {
        int segs = 0;
        long last = t;
        while (bytes > 0) {
            int len = (int) Math.min(mssPayload, bytes);
            bytes -= len;
            plan.add(new Seg(t, false, bytes == 0 ? ACK | PSH : ACK, serverNext, clientNext, len));
            serverNext += len;
            segs++;
            last = t;
            if (segs % 2 == 0) {
                long at = t + wifi();
                plan.add(new Seg(at, true, ACK, clientNext, serverNext, 0));
                last = Math.max(last, at);
            } else if (bytes == 0) {
                long at = t + h.between(Hotspot.ms(4), Hotspot.ms(40));
                plan.add(new Seg(at, true, ACK, clientNext, serverNext, 0));
                last = Math.max(last, at);
            }
            double gap = (len + 66) * 8 / rate * 1e9;
            t += (long) (gap * h.between(0.6, 1.4));
        }
        return last;
    }

    private void render(Seg s, FrameSink sink) throws IOException {
        FrameEncoder enc = h.enc;
        boolean syn = (s.flags() & SYN) != 0;
        int options = syn ? (timestamps ? 20 : 12) : (timestamps ? 12 : 0);
        int hdr = 20 + options;
        int l4Len = hdr + s.len();
        Addr src = s.up() ? client : server;
        Addr dst = s.up() ? server : client;
        int l4 = s.up()
                ? enc.ip(h.gatewayMac, phone.mac, src, dst, FrameEncoder.TCP, 64, ipIdClient++, l4Len)
                : enc.ip(phone.mac, h.gatewayMac, src, dst, FrameEncoder.TCP, serverTtl, ipIdServer++, l4Len);
        byte[] b = enc.buf;
        enc.put16(l4, s.up() ? clientPort : serverPort);
        enc.put16(l4 + 2, s.up() ? serverPort : clientPort);
        long isnOwn = s.up() ? isnClient : isnServer;
        long isnPeer = s.up() ? isnServer : isnClient;
        enc.put32(l4 + 4, (int) (isnOwn + s.seq()));
        boolean hasAck = (s.flags() & ACK) != 0;
        enc.put32(l4 + 8, hasAck ? (int) (isnPeer + s.ack()) : 0);
        enc.put16(l4 + 12, (hdr / 4) << 12 | s.flags());
        enc.put16(l4 + 14, syn ? 65535 : s.up() ? 2052 : 501);
        enc.put16(l4 + 16, 0);
        enc.put16(l4 + 18, 0);
        int o = l4 + 20;
        long ms = s.t() / 1_000_000L;
        int tsVal = (int) ((s.up() ? tsClient : tsServer) + ms);
        int tsEcr = syn && s.up() ? 0 : (int) ((s.up() ? tsServer : tsClient) + ms - rtt / 2_000_000L);
        if (syn) {
            enc.put16(o, 0x0204);
            enc.put16(o + 2, server.v6 ? 1440 : 1460);
            if (timestamps) {
                enc.put16(o + 4, 0x0402);
                enc.put16(o + 6, 0x080A);
                enc.put32(o + 8, tsVal);
                enc.put32(o + 12, tsEcr);
                b[o + 16] = 1;
                b[o + 17] = 3;
                b[o + 18] = 3;
                b[o + 19] = 7;
            } else {
                b[o + 4] = 1;
                b[o + 5] = 3;
                b[o + 6] = 3;
                b[o + 7] = 7;
                b[o + 8] = 1;
                b[o + 9] = 1;
                enc.put16(o + 10, 0x0402);
            }
        } else if (timestamps) {
            enc.put16(o, 0x0101);
            enc.put16(o + 2, 0x080A);
            enc.put32(o + 4, tsVal);
            enc.put32(o + 8, tsEcr);
        }
        if (s.len() > 0) {
            (s.up() ? upStream : downStream).copy(s.seq() - 1, b, l4 + hdr, s.len());
        }
        enc.transportChecksum(l4, l4Len, src, dst, FrameEncoder.TCP);
        sink.frame(s.t(), b, l4 + l4Len);
    }
}
