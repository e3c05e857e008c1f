package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;

/**
 * A dissection chosen when a flow appears, from its transport and ports, that then sees every
 * packet of the flow while it wants more. The packet thread asks {@link #offer} about each packet
 * first, so a dissection running on another thread is handed copies of the packets that matter only.
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

    /**
     * Whether a packet can matter to {@link #onPacket}, from the packet and the offering thread's
     * own counts in {@code s} only.
     *
     * @param frame    the buffer {@code p} was decoded from, or null to decide without the payload
     * @param packets  packets of the flow offered so far, this one included
     */
    PayloadDissectors.Offer offer(FlowInspection s, PacketView p, ByteBuffer frame, boolean fromClient, int packets);
}
