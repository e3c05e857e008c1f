package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.model.FlowNames;

/**
 * The dissectors' state for one flow: which dissection runs, its reassembly buffer and budgets,
 * and what it found. Made by {@link PayloadDissectors#start}, once per inspected flow, and handed
 * back with each of the flow's packets; not thread-safe.
 */
public final class FlowInspection {

    /** What is being looked for in the flow. */
    enum Kind {
        /** A TCP flow whose client has not said enough yet to tell TLS from HTTP. */
        TCP_UNDECIDED,
        /** TLS records from the client: the ClientHello (RFC 8446 section 5.1). */
        TLS,
        /** A cleartext HTTP/1.x request: its Host header (RFC 9112 section 3.2). */
        HTTP,
        /** An SMTP dialogue that may turn to TLS after STARTTLS (RFC 3207). */
        SMTP,
        /** A SOCKS5 handshake (RFC 1928) whose CONNECT request the tunnelled stream (TLS) follows. */
        SOCKS5,
        /** DNS over UDP: one message per datagram (RFC 1035 section 4.2.1). */
        DNS_UDP,
        /** DNS over TCP: length-prefixed messages in the responder's byte stream (RFC 7766 section 8). */
        DNS_TCP,
        /** A UDP flow that may be QUIC: its client's Initial packets carry the ClientHello (RFC 9001). */
        QUIC
    }

    Kind kind;
    /** The kind chosen at the start; unlike {@link #kind} never changed, so any thread may read it. */
    final Kind startKind;
    /** Packets and client segments or datagrams offered so far: the offering (packet) thread's own counts. */
    int offeredPackets;
    int offeredClientUnits;
    /** The offering thread's: whether the client's SYN was offered, its sequence number, where the ClientHello ends. */
    boolean offeredSyn;
    int synSeq;
    boolean helloEndKnown;
    int helloEnd;
    /** Written by the dissecting thread, read by the packet thread when dissection runs elsewhere. */
    volatile boolean finished;
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
