package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;

/**
 * One packet of a flow under inspection, copied on the packet thread for the thread that
 * dissects: the flow's id, the direction, the packet's headers (ports, TCP flags, sequence and
 * acknowledgement numbers, fragment bits) as a view whose payload sits at offset 0 of
 * {@code payload}, and the transport payload's bytes. Nothing in it refers to the frame's buffer.
 *
 * @param flowId     the flow table's id of the flow
 * @param fromClient the packet goes from the flow's client to its server
 * @param packet     the packet's headers; its payload is {@code payload}, from index 0
 * @param payload    a copy of the transport payload
 */
public record PayloadCopy(long flowId, boolean fromClient, long timestampNanos, PacketView packet, byte[] payload) {

    /** Copies packet {@code p}, decoded from {@code frame}, of flow {@code flowId}. */
    public static PayloadCopy of(long flowId, PacketView p, ByteBuffer frame, boolean fromClient, long timestampNanos) {
        int length = Math.max(0, p.l4PayloadLength());
        byte[] payload = new byte[length];
        frame.get(p.l4PayloadOffset(), payload, 0, length);
        return new PayloadCopy(flowId, fromClient, timestampNanos, p.detachedWithPayloadAtZero(), payload);
    }
}
