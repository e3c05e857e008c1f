package org.toktrace.analysis;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.toktrace.decode.PacketView;
import org.toktrace.dissect.FlowInspection;
import org.toktrace.dissect.PayloadDissectors;
import org.toktrace.dissect.PayloadInspector;

/**
 * Runs the dissectors on the analysis' second thread: the packet thread copies each packet it
 * offers (its view and payload: a few thousand packets per gigabyte, the first ones of each flow)
 * and goes on. Dissection is rare work but cold code in a fresh JVM, and kept off the packet loop
 * the loop stays small for the JIT.
 *
 * <p>The worker runs tasks in submission order, so a flow's packets are dissected before the flow's
 * end is handled there, and DNS answers are fed to attribution in capture order.
 */
final class BackgroundDissection implements PayloadInspector {

    private final PayloadDissectors dissectors;
    private final Executor worker;

    BackgroundDissection(PayloadDissectors dissectors, Executor worker) {
        this.dissectors = dissectors;
        this.worker = worker;
    }

    @Override
    public FlowInspection start(int protocol, int clientPort, int serverPort) {
        return dissectors.start(protocol, clientPort, serverPort);
    }

    /**
     * Hands the packet over if the dissectors could use it; keeps asking for more until the worker
     * has said it is done, or no later packet could matter.
     */
    @Override
    public boolean onPacket(FlowInspection state, PacketView p, ByteBuffer buf, boolean fromClient, long timestampNanos) {
        if (state.finished()) {
            return false;
        }
        PayloadDissectors.Offer offer = dissectors.offer(state, p, buf, fromClient);
        if (offer != PayloadDissectors.Offer.YES) {
            return offer == PayloadDissectors.Offer.SKIP;
        }
        int length = Math.max(0, p.l4PayloadLength());
        byte[] payload = new byte[length];
        buf.get(p.l4PayloadOffset(), payload, 0, length);
        PacketView copy = p.detachedWithPayloadAtZero();
        worker.execute(() -> dissectors.onPacket(state, copy, ByteBuffer.wrap(payload), fromClient, timestampNanos));
        return true;
    }
}
