package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;

/**
 * What the flow table asks of the dissectors: a state for each new flow, then each of its packets
 * while they want more. {@link PayloadDissectors} answers at once; an implementation may also
 * hand the packets to another thread, so {@code onPacket}'s answer may lag behind the dissection.
 */
public interface PayloadInspector {

    /** The inspection state of a new flow, or null when its packets are of no interest. */
    FlowInspection start(int protocol, int clientPort, int serverPort);

    /**
     * One packet of an inspected flow; {@code buf} holds its payload at the view's offsets.
     *
     * @return true to be offered the flow's next packet as well
     */
    boolean onPacket(FlowInspection state, PacketView p, ByteBuffer buf, boolean fromClient, long timestampNanos);
}
