package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;

/** DNS over UDP, on port 53 at either end: each datagram is one message (RFC 1035 section 4.2.1). */
final class DnsOverUdpDissector implements FlowDissector {

    private static final Budget BUDGET = new Budget(0, DnsResponses.MAX_PACKETS, DnsResponses.MAX_MESSAGES);

    @Override
    public Budget budget() {
        return BUDGET;
    }

    @Override
    public boolean accepts(int protocol, int clientPort, int serverPort) {
        return protocol == PayloadDissectors.UDP && DnsResponses.onPort(clientPort, serverPort);
    }

    @Override
    public FlowInspection start(FlowInspection.Kind kind, int clientPort, int serverPort, ReassemblyBudget budget) {
        return new FlowInspection(kind, 0, serverPort != DnsResponses.PORT, budget);
    }

    @Override
    public boolean onPacket(FlowInspection s, PacketView p, ByteBuffer buf, boolean usable, boolean fromClient,
            long timestampNanos, DnsResponses dns) {
        if (usable) {
            dns.read(buf, p.l4PayloadOffset(), p.l4PayloadLength(), p, timestampNanos);
        }
        return ++s.units < BUDGET.units() && s.packets < BUDGET.packets();
    }

    @Override
    public Copies copies() {
        return Copies.EVERY_DATAGRAM;
    }
}
