package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;

/**
 * A dissection chosen when a flow appears, from its transport and ports, that then sees the
 * packets of the flow while it wants more. It declares which packets it reads ({@link #copies})
 * beside its budget, and from the two the packet thread's {@link PayloadGate} decides which packets
 * to copy for it, without asking the dissection.
 */
non-sealed interface FlowDissector extends Dissector {

    /** Whether a new flow of IP {@code protocol} between these ports is this dissection's. */
    boolean accepts(int protocol, int clientPort, int serverPort);

    /** The inspection state of a new flow this dissection accepted. */
    FlowInspection start(FlowInspection.Kind kind, int clientPort, int serverPort, ReassemblyBudget budget);

    /**
     * Reads one packet of the flow; the caller has counted it in {@code s.packets}.
     *
     * @param usable  whether the payload lies within {@code buf} at the view's offsets and sits at a
     *                known place in the flow (not a later IP fragment)
     * @param dns     where the DNS messages found go
     * @return true to see the flow's next packet, false when the dissection is over
     */
    boolean onPacket(FlowInspection s, PacketView p, ByteBuffer buf, boolean usable, boolean fromClient,
            long timestampNanos, DnsResponses dns);

    /** Which packets of the flow {@link #onPacket} reads, within its {@link #budget()}. */
    Copies copies();

    /** The packets a flow dissection reads, for the {@link PayloadGate} to copy. */
    enum Copies {
        /** Every packet, either way, up to the budget's packets. */
        EVERY_PACKET,
        /** Every packet, either way, each read as one of the budget's units, up to its units and packets. */
        EVERY_DATAGRAM,
        /**
         * TCP: the SYNs, a reset, and the client's segments with payload up to the budget's units and
         * up to the end of a ClientHello whose length the first segment gives; the flow's packets
         * (any direction) up to the budget's packets.
         */
        CLIENT_STREAM,
        /**
         * UDP: the client's datagrams that may hold a long-header packet, up to the budget's units;
         * the flow's packets (any direction) up to the budget's packets.
         */
        CLIENT_DATAGRAMS
    }
}
