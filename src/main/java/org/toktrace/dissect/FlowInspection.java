package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;
import org.toktrace.model.FlowNames;

/**
 * The dissectors' state for one flow: which dissection runs, its reassembly buffer and budgets,
 * and what it found. Made by {@link PayloadDissectors#start}, once per inspected flow, and handed
 * back with each of the flow's packets; not thread-safe. In an analysis {@link FlowDissection}
 * holds every flow's, on the thread that dissects: the packet thread never sees one.
 */
public final class FlowInspection {

    /**
     * What is being looked for in the flow, each backed by the one dissector class that looks: the
     * one place a protocol is registered. Order matters twice: a new flow goes to the first
     * dissection whose {@link FlowDissector} accepts its transport and ports, and a TCP client's
     * first bytes go to the first {@link StreamDissector} that accepts them.
     */
    enum Kind {
        /** DNS over UDP: one message per datagram (RFC 1035 section 4.2.1). */
        DNS_UDP(new DnsOverUdpDissector()),
        /** DNS over TCP: length-prefixed messages in the responder's byte stream (RFC 7766 section 8). */
        DNS_TCP(new DnsOverTcpDissector()),
        /** A UDP flow that may be QUIC: its client's Initial packets carry the ClientHello (RFC 9001). */
        QUIC(new QuicInitialDissector()),
        /** A TCP flow whose client has not said enough yet to tell which stream protocol it speaks. */
        TCP_UNDECIDED(new TcpStreamDissector()),
        /** A SOCKS5 or HTTP CONNECT handshake, which the tunnelled stream (TLS) follows. */
        PROXY(new ProxyHandshakeDissector()),
        /** TLS records from the client: the ClientHello (RFC 8446 section 5.1). */
        TLS(new TlsClientHelloDissector()),
        /** A cleartext HTTP/1.x request: its Host header (RFC 9112 section 3.2). */
        HTTP(new HttpHostDissector()),
        /** An SMTP dialogue that may turn to TLS after STARTTLS (RFC 3207). */
        SMTP(new SmtpStartTlsDissector());

        private static final Kind[] ALL = values();

        private final Dissector dissector;

        Kind(Dissector dissector) {
            this.dissector = dissector;
        }

        /** The flow dissection for a new flow, or null when none accepts it. */
        static Kind forFlow(int protocol, int clientPort, int serverPort) {
            for (Kind k : ALL) {
                if (k.dissector instanceof FlowDissector f && f.accepts(protocol, clientPort, serverPort)) {
                    return k;
                }
            }
            return null;
        }

        /**
         * What a TCP client's first bytes {@code d[0, n)} ({@code n >= 1}) say the stream is: the first
         * stream dissection that accepts them, {@link #TCP_UNDECIDED} while one may with more bytes,
         * or null when none can.
         */
        static Kind forFirstBytes(byte[] d, int n) {
            boolean maybe = false;
            for (Kind k : ALL) {
                if (k.dissector instanceof StreamDissector s) {
                    int verdict = s.accepts(d, n);
                    if (verdict == StreamDissector.YES) {
                        return k;
                    }
                    maybe |= verdict == StreamDissector.MORE;
                }
            }
            return maybe ? TCP_UNDECIDED : null;
        }

        /** The most bytes any dissection reassembles for one flow. */
        static int maxReassemblyBytes() {
            int max = 0;
            for (Kind k : ALL) {
                max = Math.max(max, k.dissector.budget().bytes());
            }
            return max;
        }

        /** What the dissector declares it looks at, at most. */
        Dissector.Budget budget() {
            return dissector.budget();
        }

        /** The dissector of a flow dissection; only for kinds {@link #forFlow} returns. */
        FlowDissector flow() {
            return (FlowDissector) dissector;
        }

        /** The dissector of a stream dissection; only for kinds {@link #forFirstBytes} returns. */
        StreamDissector stream() {
            return (StreamDissector) dissector;
        }
    }

    Kind kind;
    /** The kind chosen at the start, whose flow dissector reads every packet; unlike {@link #kind} never changed. */
    final Kind startKind;
    boolean finished;
    FlowNames names = FlowNames.NONE;
    /** The client's bytes (TLS, HTTP, SMTP) or the DNS responder's bytes (DNS over TCP); null for UDP. */
    final StreamReassembly stream;
    /** DNS over TCP: whether the responder (port 53) is the flow's client side. */
    final boolean responderIsClient;
    /** Packets handed in so far, any direction. */
    int packets;
    /** Client segments that carried payload (TCP) or DNS messages read. */
    int units;
    /** QUIC: decrypts the client's Initials, made at the first one; null until then. */
    QuicClientHelloAssembler quic;
    /** The analysis' reassembly budget, which {@link #stream} and {@link #quic} charge. */
    final ReassemblyBudget budget;
    /** Bytes this flow has charged to {@link #budget} now (kept by the budget). */
    int reserved;
    /** A view over {@code stream.data()}, replaced when the array grows. */
    private ByteBuffer view;

    /**
     * @param streamCap bytes the flow's stream may hold, or 0 for a flow without one (UDP)
     */
    FlowInspection(Kind kind, int streamCap, boolean responderIsClient, ReassemblyBudget budget) {
        this.kind = kind;
        this.startKind = kind;
        this.budget = budget;
        this.stream = streamCap > 0 ? new StreamReassembly(streamCap, budget, this) : null;
        this.responderIsClient = responderIsClient;
    }

    /**
     * Ends the dissection and lets go of its buffers and keys: a flow keeps its inspection (for
     * the names) until the flow ends, and a finished one must cost no more than a few fields.
     */
    void finish() {
        finished = true;
        if (stream != null) {
            stream.release();
        }
        view = null;
        if (quic != null) {
            quic.release();
        }
        quic = null;
    }

    /**
     * Adds a TCP segment's payload to {@link #stream}, the one place both TCP dissectors do it: a
     * SYN sets the stream's start, and data on a SYN (TCP Fast Open) starts after the SYN's own
     * sequence number. Returns false when there is nothing more to read from this segment: it has
     * no payload, or the budget refused the stream room, which ends the dissection (counted by the
     * budget).
     */
    boolean addSegment(PacketView p, ByteBuffer buf) {
        boolean syn = p.hasTcpFlags(PacketView.TCP_SYN);
        if (syn) {
            stream.start(p.tcpSeq() + 1, true);
        }
        int len = p.l4PayloadLength();
        if (len == 0) {
            return false;
        }
        stream.add(buf, p.l4PayloadOffset(), len, p.tcpSeq() + (syn ? 1 : 0));
        if (stream.overBudget()) {
            finish();
            return false;
        }
        return true;
    }

    /** Keeps what the flow's payload named and ends the dissection: nothing more is looked for. */
    void found(FlowNames found) {
        names = found;
        finish();
    }

    /** Gives the flow up because it needs more than its own cap; counted by the budget. */
    void giveUpOverFlowCap() {
        if (!finished && budget != null) {
            budget.overFlowCap();
        }
        finish();
    }

    /**
     * The flow has ended: what it still holds for reassembly goes back to the analysis' budget.
     * Call on the thread that dissects, after the flow's last packet was handed in; the names stay.
     */
    public void flowEnded() {
        if (!finished) {
            finish();
        }
    }

    /** True once the dissection is over: a name found, nothing to find, or the budget spent. */
    public boolean finished() {
        return finished;
    }

    /** What the flow's payload named: {@link FlowNames#NONE} until a ClientHello or a Host header is read. */
    public FlowNames names() {
        return names;
    }

    ByteBuffer streamView() {
        byte[] d = stream.data();
        if (view == null || view.array() != d) {
            view = ByteBuffer.wrap(d);
        }
        return view;
    }

    @Override
    public String toString() {
        return "FlowInspection[" + kind + (finished ? " finished" : "") + ", " + names + "]";
    }
}
