package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.util.List;
import org.toktrace.decode.PacketView;
import org.toktrace.model.ClientHelloInfo;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.FlowNames;
import org.toktrace.model.NameSource;

/**
 * Looks into the first payload bytes of flows: the TLS ClientHello and HTTP Host of TCP flows
 * (reassembled over segments) and the DNS responses of UDP and TCP flows on port 53. One
 * instance per analysis, single-threaded; the flow table holds a {@link FlowInspection} per flow.
 *
 * <p>The flow table calls {@link #start} once when a flow appears, then {@link #onPacket} with
 * every packet of the flow, both directions, SYNs included, for as long as it returns true.
 * Nothing is allocated per packet apart from a flow's bounded reassembly buffer (grown as bytes
 * arrive) and the names and answers found.
 */
public final class PayloadDissectors implements PayloadInspector {

    /**
     * Client bytes reassembled to find a ClientHello (RFC 8446 allows a 2^14-byte record; hellos are
     * 0.2-2 kB, some 3 kB with post-quantum key shares): room for the largest seen several times
     * over, while no flow costs more than this whatever it sends. A longer one is given up, counted.
     */
    static final int MAX_TLS_STREAM = 16 * 1024;
    /** The most one flow's ClientHello reassembly may hold, TCP or QUIC. */
    public static final int MAX_REASSEMBLY_PER_FLOW = Math.max(MAX_TLS_STREAM, QuicClientHelloAssembler.MAX_CRYPTO_BYTES);
    /** Request head bytes searched for the Host header. */
    static final int MAX_HTTP_HEAD = 8 * 1024;
    /** SMTP dialogue bytes from the client searched for STARTTLS. */
    static final int MAX_SMTP_DIALOGUE = 4 * 1024;
    /** Client segments with payload before giving up: a hole that no retransmission fills. */
    static final int MAX_CLIENT_SEGMENTS = 12;
    /** Packets of a TCP flow (any direction) before giving up: a client that never speaks first. */
    static final int MAX_TCP_PACKETS = 64;
    /** DNS messages read from one flow (a resolver's long-lived UDP or TCP flow). */
    static final int MAX_DNS_MESSAGES = 64;
    /** Packets of a DNS flow before giving up (queries, acks, a TCP hole that never fills). */
    static final int MAX_DNS_PACKETS = 256;
    /** Bytes of a DNS-over-TCP stream held at once: a message longer than this is read cut short. */
    static final int MAX_DNS_TCP_WINDOW = 16 * 1024;
    /** Longest TLS record the client may send: 2^14 plaintext bytes (RFC 8446 section 5.1), some slack. */
    static final int MAX_TLS_RECORD = (1 << 14) + 256;

    /** UDP packets, either way, a QUIC flow is followed for before its ClientHello is given up. */
    static final int MAX_QUIC_PACKETS = 64;
    /** Client datagrams a UDP flow may send before its first QUIC Initial, else it is not QUIC. */
    static final int MAX_DATAGRAMS_BEFORE_INITIAL = 4;

    static final int TCP = 6;
    static final int UDP = 17;
    static final int DNS_PORT = 53;
    private static final int TLS_HANDSHAKE = 22;
    private static final int SOCKS_VERSION = 5;
    private static final int CLIENT_HELLO = 1;

    private final DnsListener dns;
    private final DnsMessageParser dnsParser = new DnsMessageParser();
    private final ReassemblyBudget budget;

    /** @param dns receives every DNS response read, in capture order */
    public PayloadDissectors(DnsListener dns) {
        this(dns, ReassemblyBudget.defaultLimit());
    }

    /** @param reassemblyBudgetBytes what all flows' reassembly buffers may hold together */
    PayloadDissectors(DnsListener dns, long reassemblyBudgetBytes) {
        this.dns = java.util.Objects.requireNonNull(dns, "dns");
        this.budget = new ReassemblyBudget(reassemblyBudgetBytes);
    }

    /** Flows given up so far because their reassembly would need more memory than allowed. */
    public ReassemblyGiveUps reassemblyGiveUps() {
        return new ReassemblyGiveUps(budget.givenUp(ReassemblyBudget.Reason.FLOW_CAP),
                budget.givenUp(ReassemblyBudget.Reason.TOTAL_BUDGET));
    }

    ReassemblyBudget reassemblyBudget() {
        return budget;
    }

    /**
     * Chooses the dissection for a new flow.
     *
     * @param protocol  the IP protocol (6 TCP, 17 UDP)
     * @return the flow's inspection state, or null when nothing here looks into such a flow (the
     *         flow table need not ask again)
     */
    @Override
    public FlowInspection start(int protocol, int clientPort, int serverPort) {
        boolean dnsPort = clientPort == DNS_PORT || serverPort == DNS_PORT;
        if (protocol == TCP) {
            if (dnsPort) {
                return new FlowInspection(FlowInspection.Kind.DNS_TCP, MAX_DNS_TCP_WINDOW, serverPort != DNS_PORT,
                        budget);
            }
            // TLS runs on any port (5223 push, 8443...), so every TCP flow gets a look.
            return new FlowInspection(FlowInspection.Kind.TCP_UNDECIDED, MAX_TLS_STREAM, false, budget);
        }
        if (protocol == UDP && dnsPort) {
            return new FlowInspection(FlowInspection.Kind.DNS_UDP, 0, serverPort != DNS_PORT, budget);
        }
        if (protocol == UDP) {
            // QUIC runs on 443 mostly, but also 4433, 8443...: the first client datagram decides
            return new FlowInspection(FlowInspection.Kind.QUIC, 0, false, budget);
        }
        return null;
    }

    /**
     * Inspects one packet of the flow.
     *
     * @param state       what {@link #start} returned for the flow
     * @param p           the decoded packet
     * @param buf         the buffer {@code p} was decoded from; the payload is at
     *                    {@code [p.l4PayloadOffset(), p.l4PayloadOffset() + p.l4PayloadLength())}
     * @param fromClient  the packet goes from the flow's client to its server, as the flow table
     *                    oriented the flow
     * @param timestampNanos  the packet's capture time
     * @return true to be called with the flow's next packet; false when the inspection is over
     *         (then {@link FlowInspection#finished()} is true)
     */
    @Override
    public boolean onPacket(FlowInspection state, PacketView p, ByteBuffer buf, boolean fromClient,
            long timestampNanos) {
        if (state.finished) {
            return false;
        }
        state.packets++;
        // A later IP fragment has no transport header: its bytes sit at no known sequence number.
        boolean usable = !p.isFragment() || p.isFirstFragment();
        int off = p.l4PayloadOffset();
        int len = p.l4PayloadLength();
        if (len < 0 || off < 0 || off > buf.limit() - len) {
            usable = false;
        }
        switch (state.kind) {
            case DNS_UDP:
                if (usable) {
                    dnsMessage(buf, off, len, p, timestampNanos);
                }
                return budget(state, ++state.units < MAX_DNS_MESSAGES && state.packets < MAX_DNS_PACKETS);
            case QUIC:
                if (usable && fromClient && len > 0) {
                    quicDatagram(state, buf, off, len, timestampNanos);
                }
                return budget(state, !state.finished && state.packets < MAX_QUIC_PACKETS);
            case DNS_TCP:
                if (usable) {
                    dnsStream(state, p, buf, fromClient == state.responderIsClient, timestampNanos);
                }
                return budget(state, state.units < MAX_DNS_MESSAGES && state.packets < MAX_DNS_PACKETS);
            default:
                if (usable) {
                    clientStream(state, p, buf, fromClient, timestampNanos);
                }
                if (state.finished) {
                    return false;
                }
                return budget(state, state.units < MAX_CLIENT_SEGMENTS && state.packets < MAX_TCP_PACKETS
                        && !p.hasTcpFlags(PacketView.TCP_RST));
        }
    }

    /**
     * One datagram from the client of a UDP flow: one of its first few must look like a QUIC client
     * Initial (0-RTT packets can overtake the Initial), or the flow is not QUIC; then the assembler
     * decrypts Initials until the ClientHello is whole.
     */
    private static void quicDatagram(FlowInspection s, ByteBuffer buf, int off, int len, long ts) {
        if (s.quic == null) {
            if (!QuicClientHelloAssembler.looksLikeClientInitial(buf, off, len)) {
                if (++s.units >= MAX_DATAGRAMS_BEFORE_INITIAL) {
                    s.finish();
                }
                return;
            }
            s.quic = new QuicClientHelloAssembler(s.budget, s);
        }
        ClientHelloInfo hello = s.quic.onDatagram(buf, off, len);
        if (hello != null) {
            found(s, new FlowNames(hello.serverName(), hello.serverName() == null ? null : NameSource.QUIC_SNI,
                    hello.serverName() == null ? 0 : ts, hello.alpn(), s.quic.version(), hello.encrypted()));
            s.quic = null; // the keys and buffers are no longer needed
        } else if (s.quic.gaveUpOverCap()) {
            s.giveUpOverFlowCap();
        } else if (s.quic.gaveUp()) {
            s.finish(); // a give-up over the total budget is counted by the budget
        }
    }

    /** What {@link #offer} advises for a packet. */
    public enum Offer {
        /** Hand this packet to {@link #onPacket}. */
        YES,
        /** This packet cannot matter (server data of a TLS flow), later ones may. */
        SKIP,
        /** No later packet of the flow can matter any more. */
        STOP
    }

    /**
     * Whether a packet is worth handing to {@link #onPacket}, decided from the packet and the
     * offering thread's own counts only, so a thread that hands packets to another one can bound the
     * copies it makes without waiting to hear that the dissection is over: a TLS, HTTP or SMTP
     * flow needs its SYNs and its client's first segments, up to the end of the ClientHello when the
     * first segment gives its length; a QUIC flow its client's first datagrams that can hold an
     * Initial; DNS every packet up to its budget. The same budgets as {@link #onPacket}'s.
     *
     * @param frame the buffer {@code p} was decoded from, for a look at the payload's first bytes;
     *              null to decide without them
     */
    public Offer offer(FlowInspection s, PacketView p, ByteBuffer frame, boolean fromClient) {
        int packets = ++s.offeredPackets;
        switch (s.startKind) {
            case DNS_UDP:
            case DNS_TCP:
                return packets <= MAX_DNS_PACKETS ? Offer.YES : Offer.STOP;
            case QUIC:
                if (!fromClient) {
                    return packets <= MAX_QUIC_PACKETS ? Offer.SKIP : Offer.STOP;
                }
                if (++s.offeredClientUnits > MAX_DATAGRAMS_BEFORE_INITIAL + QuicClientHelloAssembler.MAX_INITIAL_DATAGRAMS) {
                    return Offer.STOP;
                }
                // RFC 9000 section 12.2: a short-header packet is the last of its datagram, so a
                // datagram that starts with one holds no Initial (the client's 1-RTT packets)
                return frame != null && p.l4PayloadLength() > 0 && (frame.get(p.l4PayloadOffset()) & 0x80) == 0
                        ? Offer.SKIP : Offer.YES;
            default:
                if (p.hasTcpFlags(PacketView.TCP_SYN)) {
                    if (!fromClient) {
                        // the SYN+ACK tells the stream's start only when the client's SYN was missed
                        return s.offeredSyn ? Offer.SKIP : Offer.YES;
                    }
                    s.offeredSyn = true;
                    s.synSeq = p.tcpSeq();
                    return Offer.YES;
                }
                if (p.hasTcpFlags(PacketView.TCP_RST)) {
                    return Offer.YES; // the end
                }
                if (!fromClient || p.l4PayloadLength() <= 0) {
                    return packets <= MAX_TCP_PACKETS ? Offer.SKIP : Offer.STOP;
                }
                if (++s.offeredClientUnits > MAX_CLIENT_SEGMENTS) {
                    return Offer.STOP;
                }
                if (s.offeredClientUnits == 1) {
                    s.helloEndKnown = knowsClientHelloEnd(s, p, frame);
                }
                // sequence numbers wrap: compared as a signed difference (RFC 9293 section 3.4)
                return s.helloEndKnown && p.tcpSeq() - s.helloEnd >= 0 ? Offer.SKIP : Offer.YES;
        }
    }

    /**
     * Notes in {@code s.helloEnd} where the ClientHello ends in the client's sequence space, when
     * the first client segment is the stream's first (right after the SYN) and starts a TLS
     * handshake record holding a whole ClientHello (RFC 8446 section 5.1: type 22, version 3.x,
     * length; section 4: type 1, 24-bit length), and says whether it could. Later segments that
     * start at or after that point cannot add to the ClientHello, whatever their order or
     * retransmissions.
     */
    private static boolean knowsClientHelloEnd(FlowInspection s, PacketView p, ByteBuffer frame) {
        int off = p.l4PayloadOffset();
        if (frame == null || !s.offeredSyn || p.tcpSeq() != s.synSeq + 1 || p.l4PayloadLength() < 9
                || off < 0 || off + 9 > frame.limit()) {
            return false;
        }
        int recordLength = (frame.get(off + 3) & 0xFF) << 8 | frame.get(off + 4) & 0xFF;
        int helloLength = (frame.get(off + 6) & 0xFF) << 16 | (frame.get(off + 7) & 0xFF) << 8 | frame.get(off + 8) & 0xFF;
        if (frame.get(off) != TLS_HANDSHAKE || frame.get(off + 1) != 3 || frame.get(off + 5) != 1
                || 4 + helloLength > recordLength) {
            return false;
        }
        s.helloEnd = p.tcpSeq() + 5 + recordLength;
        return true;
    }

    private static boolean budget(FlowInspection state, boolean goOn) {
        if (state.finished) {
            return false;
        }
        if (!goOn) {
            state.finish();
        }
        return goOn;
    }

    // ------------------------------------------------------------------ TCP: TLS, HTTP, SMTP

    private void clientStream(FlowInspection s, PacketView p, ByteBuffer buf, boolean fromClient, long ts) {
        StreamReassembly stream = s.stream;
        boolean syn = p.hasTcpFlags(PacketView.TCP_SYN);
        if (!fromClient) {
            // The SYN+ACK acknowledges the client's ISN + 1: the stream start even without the SYN.
            if (syn && p.hasTcpFlags(PacketView.TCP_ACK)) {
                stream.start(p.tcpAck(), true);
            }
            return;
        }
        if (syn) {
            stream.start(p.tcpSeq() + 1, true);
        }
        int len = p.l4PayloadLength();
        if (len == 0) {
            return;
        }
        s.units++;
        // data on a SYN (TCP Fast Open) starts after the SYN's own sequence number
        stream.add(buf, p.l4PayloadOffset(), len, p.tcpSeq() + (syn ? 1 : 0));
        if (stream.overBudget()) {
            giveUp(s); // counted by the budget
            return;
        }
        progress(s, ts);
    }

    private void progress(FlowInspection s, long ts) {
        int n = s.stream.contiguous();
        if (n == 0) {
            return;
        }
        byte[] d = s.stream.data();
        if (s.kind == FlowInspection.Kind.TCP_UNDECIDED) {
            FlowInspection.Kind kind = detect(d, n);
            if (kind == null) {
                // Without the SYN the first segment seen may not be the first one sent: give the
                // real first one a segment's chance to arrive before giving up.
                if (s.stream.exactStart() || s.units >= 2) {
                    giveUp(s);
                }
                return;
            }
            s.kind = kind;
        }
        switch (s.kind) {
            case TLS -> tls(s, ts);
            case HTTP -> http(s, ts);
            case SMTP -> smtp(s, ts);
            case SOCKS5 -> socks5(s, ts);
            default -> {
                // still undecided: a few bytes more will tell
            }
        }
    }

    /** What the client's first bytes say the flow is; null when neither TLS, HTTP, SMTP nor SOCKS5. */
    static FlowInspection.Kind detect(byte[] d, int n) {
        if (d[0] == SOCKS_VERSION) {
            return FlowInspection.Kind.SOCKS5;
        }
        if (d[0] == TLS_HANDSHAKE) {
            if (n < 2) {
                return FlowInspection.Kind.TCP_UNDECIDED;
            }
            return d[1] == 3 ? FlowInspection.Kind.TLS : null;
        }
        int http = HttpHostParser.startsWithMethod(d, n);
        if (http == 1) {
            return FlowInspection.Kind.HTTP;
        }
        int smtp = startsWithGreeting(d, n);
        if (smtp == 1) {
            return FlowInspection.Kind.SMTP;
        }
        return http < 0 || smtp < 0 ? FlowInspection.Kind.TCP_UNDECIDED : null;
    }

    private static void giveUp(FlowInspection s) {
        s.finish();
    }

    private static void found(FlowInspection s, FlowNames names) {
        s.names = names;
        s.finish();
    }

    /*
     * RFC 8446 section 5.1, record layer:
     *   TLSPlaintext { ContentType type (22 = handshake); ProtocolVersion legacy_record_version (0x03xx);
     *                  uint16 length (at most 2^14); opaque fragment[length] }
     * A handshake message may be split over several records ("fragmented across several records"),
     * and the records over several TCP segments: the handshake bytes are the records' fragments
     * laid end to end.
     */
    private static void tls(FlowInspection s, long ts) {
        byte[] d = s.stream.data();
        int n = s.stream.contiguous();
        int handshake = 0; // handshake bytes available in the contiguous records
        int off = 0;
        while (off + 5 <= n) {
            int recLen = ((d[off + 3] & 0xFF) << 8) | (d[off + 4] & 0xFF);
            if (d[off] != TLS_HANDSHAKE || d[off + 1] != 3 || recLen == 0 || recLen > MAX_TLS_RECORD) {
                giveUp(s); // not (or no longer) a handshake record: no ClientHello to read
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
                giveUp(s);
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
        int firstRecord = ((d[3] & 0xFF) << 8) | (d[4] & 0xFF);
        ClientHelloInfo hello;
        if (msgLen <= firstRecord) {
            hello = ClientHelloParser.parse(d, 5, msgLen);
        } else {
            // spread over records: lay the fragments end to end (allocated once, for the result)
            byte[] msg = new byte[msgLen];
            int copied = 0;
            int r = 0;
            while (copied < msgLen) {
                int recLen = ((d[r + 3] & 0xFF) << 8) | (d[r + 4] & 0xFF);
                int take = Math.min(recLen, msgLen - copied);
                System.arraycopy(d, r + 5, msg, copied, take);
                copied += take;
                r += 5 + recLen;
            }
            hello = ClientHelloParser.parse(msg, 0, msgLen);
        }
        if (hello == null) {
            giveUp(s);
        } else if (hello.serverName() == null) {
            // a proxy's CONNECT target, when one was read, still names a ClientHello without SNI
            FlowNames before = s.names;
            found(s, new FlowNames(before.serverName(), before.source(), before.timestampNanos(), hello.alpn(), 0,
                    hello.encrypted()));
        } else {
            found(s, new FlowNames(hello.serverName(), NameSource.TLS_SNI, ts, hello.alpn(), 0, hello.encrypted()));
        }
    }

    /** The handshake byte at index {@code i} of the records that start the stream (known to be there). */
    private static int handshakeByte(byte[] d, int i) {
        int off = 0;
        while (true) {
            int recLen = ((d[off + 3] & 0xFF) << 8) | (d[off + 4] & 0xFF);
            if (i < recLen) {
                return d[off + 5 + i] & 0xFF;
            }
            i -= recLen;
            off += 5 + recLen;
        }
    }

    private static void http(FlowInspection s, long ts) {
        byte[] d = s.stream.data();
        int n = Math.min(s.stream.contiguous(), MAX_HTTP_HEAD);
        if (HttpHostParser.isConnect(d, n)) {
            connect(s, d, n, ts);
            return;
        }
        int v = HttpHostParser.findHost(d, n);
        if (v == HttpHostParser.NEED_MORE) {
            if (n >= MAX_HTTP_HEAD) {
                giveUp(s);
            }
            return;
        }
        if (v == HttpHostParser.NONE) {
            giveUp(s);
            return;
        }
        int hostLen = HttpHostParser.hostLength(d, v, n);
        if (hostLen == 0 || hostLen > ClientHelloParser.MAX_NAME) {
            giveUp(s);
            return;
        }
        found(s, new FlowNames(PrintableText.of(d, v, hostLen), NameSource.HTTP_HOST, ts, List.of(), 0, false));
    }

    /*
     * RFC 9110 section 9.3.6: after a CONNECT request head and the proxy's 2xx reply, the connection
     * is a tunnel to the request's target, and the client's next bytes are the tunnelled stream: a
     * ClientHello for an https target. Only the client's side is read, as for STARTTLS. Until the
     * ClientHello names the flow (or when it names nothing), the request's Host header does, as it
     * does any HTTP request.
     */
    private static void connect(FlowInspection s, byte[] d, int n, long ts) {
        int head = HttpHostParser.headEnd(d, n);
        if (head < 0) {
            if (n >= MAX_HTTP_HEAD) {
                giveUp(s);
            }
            return;
        }
        int v = HttpHostParser.findHost(d, head);
        if (v >= 0) {
            int hostLen = HttpHostParser.hostLength(d, v, head);
            if (hostLen > 0 && hostLen <= ClientHelloParser.MAX_NAME) {
                s.names = new FlowNames(PrintableText.of(d, v, hostLen), NameSource.HTTP_HOST, ts, List.of(), 0, false);
            }
        }
        s.stream.consume(head);
        s.kind = FlowInspection.Kind.TLS;
        if (s.stream.contiguous() > 0) {
            tls(s, ts);
        }
    }

    /*
     * RFC 1928 section 3 (the client's greeting: VER 5, NMETHODS, METHODS), RFC 1929 section 2 (the
     * username/password sub-negotiation, when the server chose it: VER 1, ULEN, UNAME, PLEN, PASSWD),
     * RFC 1928 section 4 (the request: VER 5, CMD 1 = CONNECT, RSV 0, ATYP 1 = IPv4 (4 bytes),
     * 3 = domain name (a length byte, then the name), 4 = IPv6 (16 bytes), DST.ADDR, DST.PORT (2)).
     * Only the client's bytes are read: the server's choice and reply go the other way, and what the
     * client sends after its CONNECT request is the tunnelled stream, a ClientHello for TLS.
     */
    private static void socks5(FlowInspection s, long ts) {
        byte[] d = s.stream.data();
        int n = s.stream.contiguous();
        int request = socks5RequestEnd(d, n);
        if (request == 0) {
            giveUp(s); // not a SOCKS5 CONNECT: nothing tunnelled to read
        } else if (request < 0) {
            if (n >= s.stream.cap()) {
                giveUp(s);
            }
        } else {
            s.stream.consume(request);
            s.kind = FlowInspection.Kind.TLS;
            if (s.stream.contiguous() > 0) {
                tls(s, ts);
            }
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

    /*
     * RFC 5321 section 4.1.1.1 (EHLO/HELO) and RFC 3207 section 4/5: after the client's
     * "STARTTLS" CRLF and the server's 220 reply, the client's next bytes are a TLS handshake.
     * Only the client's side is read: the ClientHello follows the STARTTLS line directly.
     */
    private static void smtp(FlowInspection s, long ts) {
        byte[] d = s.stream.data();
        int n = Math.min(s.stream.contiguous(), MAX_SMTP_DIALOGUE);
        int line = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] != '\n') {
                continue;
            }
            int e = i;
            if (e > line && d[e - 1] == '\r') {
                e--;
            }
            if (e - line == 8 && equalsIgnoreCase(d, line, "STARTTLS")) {
                s.stream.consume(i + 1);
                s.kind = FlowInspection.Kind.TLS;
                if (s.stream.contiguous() > 0) {
                    tls(s, ts);
                }
                return;
            }
            line = i + 1;
        }
        if (n >= MAX_SMTP_DIALOGUE) {
            giveUp(s);
        }
    }

    /** Whether {@code d[0, n)} starts with "EHLO " or "HELO " (any case): 1 yes, 0 no, -1 too few bytes. */
    static int startsWithGreeting(byte[] d, int n) {
        boolean maybe = false;
        for (String greeting : GREETINGS) {
            int k = Math.min(n, greeting.length());
            if (equalsIgnoreCase(d, 0, greeting, k)) {
                if (n >= greeting.length()) {
                    return 1;
                }
                maybe = true;
            }
        }
        return maybe ? -1 : 0;
    }

    private static final String[] GREETINGS = {"EHLO ", "HELO "};

    private static boolean equalsIgnoreCase(byte[] d, int off, String ascii) {
        return equalsIgnoreCase(d, off, ascii, ascii.length());
    }

    /** Whether {@code d[off, off + k)} equals the first {@code k} characters of the upper-case {@code ascii}, ignoring case. */
    private static boolean equalsIgnoreCase(byte[] d, int off, String ascii, int k) {
        for (int i = 0; i < k; i++) {
            int c = d[off + i];
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            if (c != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ DNS

    private void dnsMessage(ByteBuffer buf, int off, int len, PacketView p, long ts) {
        if (!DnsMessageParser.isResponse(buf, off, len)) {
            return; // a query (QR = 0) or not DNS: nothing to learn
        }
        // The asker is the response's destination, whichever side the flow table calls the client.
        DnsAnswer answer = dnsParser.parse(buf, off, len, ts, p.dstAddress(), p.linkDst());
        if (answer != null) {
            dns.dnsAnswer(answer);
        }
    }

    /*
     * RFC 1035 section 4.2.2, RFC 7766 section 8: over TCP each message is preceded by a two-byte
     * length, and one stream carries any number of messages, which may share segments or span them.
     * Only the responder's stream is rebuilt: queries teach nothing.
     */
    private void dnsStream(FlowInspection s, PacketView p, ByteBuffer buf, boolean fromResponder, long ts) {
        if (!fromResponder) {
            return;
        }
        StreamReassembly stream = s.stream;
        boolean syn = p.hasTcpFlags(PacketView.TCP_SYN);
        if (syn) {
            stream.start(p.tcpSeq() + 1, true);
        }
        int len = p.l4PayloadLength();
        if (len == 0) {
            return;
        }
        stream.add(buf, p.l4PayloadOffset(), len, p.tcpSeq() + (syn ? 1 : 0));
        if (stream.overBudget()) {
            s.finish(); // counted by the budget
            return;
        }
        while (s.units < MAX_DNS_MESSAGES) {
            int n = stream.contiguous();
            if (n < 2) {
                return;
            }
            byte[] d = stream.data();
            int msgLen = ((d[0] & 0xFF) << 8) | (d[1] & 0xFF);
            if (2 + msgLen > n) {
                if (n >= stream.cap()) {
                    // longer than the window: read the part held (records before the cut count), stop
                    s.units++;
                    dnsMessage(s.streamView(), 2, n - 2, p, ts);
                    s.finish();
                }
                return;
            }
            s.units++;
            dnsMessage(s.streamView(), 2, msgLen, p, ts);
            stream.consume(2 + msgLen);
        }
    }
}
