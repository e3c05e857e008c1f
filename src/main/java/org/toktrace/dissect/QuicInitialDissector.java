package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;
import org.toktrace.model.ClientHelloInfo;
import org.toktrace.model.FlowNames;
import org.toktrace.model.NameSource;

/**
 * Any UDP flow that is not DNS may be QUIC (443 mostly, but also 4433, 8443...): one of its
 * client's first few datagrams must look like a client Initial (0-RTT packets can overtake the
 * Initial), or the flow is not QUIC; then a {@link QuicClientHelloAssembler} decrypts the
 * Initials until the ClientHello is whole.
 */
final class QuicInitialDissector implements FlowDissector {

    /** UDP packets, either way, a QUIC flow is followed for before its ClientHello is given up. */
    static final int MAX_PACKETS = 64;
    /** Client datagrams a UDP flow may send before its first QUIC Initial, else it is not QUIC. */
    static final int MAX_DATAGRAMS_BEFORE_INITIAL = 4;
    /** Its units are the client datagrams read: those before the first Initial, then the Initials'. */
    private static final Budget BUDGET = new Budget(QuicClientHelloAssembler.MAX_CRYPTO_BYTES, MAX_PACKETS,
            MAX_DATAGRAMS_BEFORE_INITIAL + QuicClientHelloAssembler.MAX_INITIAL_DATAGRAMS);

    @Override
    public Budget budget() {
        return BUDGET;
    }

    @Override
    public boolean accepts(int protocol, int clientPort, int serverPort) {
        return protocol == PayloadDissectors.UDP;
    }

    @Override
    public FlowInspection start(FlowInspection.Kind kind, int clientPort, int serverPort, ReassemblyBudget budget) {
        return new FlowInspection(kind, 0, false, budget);
    }

    @Override
    public boolean onPacket(FlowInspection s, PacketView p, ByteBuffer buf, boolean usable, boolean fromClient,
            long timestampNanos, DnsResponses dns) {
        int len = p.l4PayloadLength();
        if (usable && fromClient && len > 0) {
            datagram(s, buf, p.l4PayloadOffset(), len, timestampNanos);
        }
        return !s.finished && s.packets < MAX_PACKETS;
    }

    @Override
    public Copies copies() {
        return Copies.CLIENT_DATAGRAMS;
    }

    private static void datagram(FlowInspection s, ByteBuffer buf, int off, int len, long ts) {
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
            String name = hello.serverName();
            // finishing lets go of the assembler's keys and buffers
            s.found(new FlowNames(name, name == null ? null : NameSource.QUIC_SNI, name == null ? 0 : ts, hello.alpn(),
                    s.quic.version(), hello.encrypted()));
        } else if (s.quic.gaveUpOverCap()) {
            s.giveUpOverFlowCap();
        } else if (s.quic.gaveUp()) {
            s.finish(); // a give-up over the total budget is counted by the budget
        }
    }
}
