package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;

/**
 * Looks into the first payload bytes of flows, one dissector per protocol ({@link
 * FlowInspection.Kind} registers them): DNS over UDP and TCP, the TLS ClientHello of TCP flows
 * (reassembled over segments, also behind a proxy handshake or STARTTLS), HTTP Host, and the
 * ClientHello of QUIC Initials. One instance per analysis, single-threaded; {@link FlowDissection}
 * holds a {@link FlowInspection} per flow.
 *
 * <p>{@link #start} is called once for a flow, then {@link #onPacket} with the flow's packets that
 * the {@link PayloadGate} copied, both directions, SYNs included, for as long as it returns true.
 * Nothing is allocated per packet apart from a flow's bounded reassembly buffer (grown as bytes
 * arrive) and the names and answers found.
 */
public final class PayloadDissectors {

    /** The most one flow's reassembly may hold, whichever its protocol. */
    public static final int MAX_REASSEMBLY_PER_FLOW = FlowInspection.Kind.maxReassemblyBytes();

    // The budgets the dissectors declare, under the names callers outside their classes know.
    static final int MAX_HTTP_HEAD = HttpHostDissector.MAX_HEAD;
    static final int MAX_CLIENT_SEGMENTS = TcpStreamDissector.MAX_CLIENT_SEGMENTS;
    static final int MAX_TCP_PACKETS = TcpStreamDissector.MAX_PACKETS;
    static final int MAX_DNS_MESSAGES = DnsResponses.MAX_MESSAGES;
    static final int MAX_DNS_PACKETS = DnsResponses.MAX_PACKETS;
    static final int MAX_DATAGRAMS_BEFORE_INITIAL = QuicInitialDissector.MAX_DATAGRAMS_BEFORE_INITIAL;

    static final int TCP = 6;
    static final int UDP = 17;

    private final DnsResponses dns;
    private final ReassemblyBudget budget;

    /** @param dns receives every DNS response read, in capture order */
    public PayloadDissectors(DnsListener dns) {
        this(dns, ReassemblyBudget.defaultLimit());
    }

    /** @param reassemblyBudgetBytes what all flows' reassembly buffers may hold together */
    PayloadDissectors(DnsListener dns, long reassemblyBudgetBytes) {
        this.dns = new DnsResponses(dns);
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

    /** Where the client's SOCKS5 CONNECT request ends: see {@link ProxyHandshakeDissector#socks5RequestEnd}. */
    static int socks5RequestEnd(byte[] d, int n) {
        return ProxyHandshakeDissector.socks5RequestEnd(d, n);
    }

    /**
     * Chooses the dissection for a new flow.
     *
     * @param protocol  the IP protocol (6 TCP, 17 UDP)
     * @return the flow's inspection state, or null when nothing here looks into such a flow (the
     *         flow table need not ask again)
     */
    public FlowInspection start(int protocol, int clientPort, int serverPort) {
        FlowInspection.Kind kind = FlowInspection.Kind.forFlow(protocol, clientPort, serverPort);
        return kind == null ? null : kind.flow().start(kind, clientPort, serverPort, budget);
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
        boolean goOn = state.startKind.flow().onPacket(state, p, buf, usable, fromClient, timestampNanos, dns);
        if (state.finished) {
            return false;
        }
        if (!goOn) {
            state.finish();
        }
        return goOn;
    }
}
