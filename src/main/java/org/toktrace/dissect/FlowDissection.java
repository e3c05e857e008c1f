package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.toktrace.model.FlowNames;

/**
 * The dissection stage of an analysis: every flow's inspection state, by the flow table's flow id,
 * fed the {@link PayloadCopy packet copies} the packet thread's {@link PayloadGate} made and told
 * when each flow ends. It is the only holder of {@link FlowInspection}s, and is used on one thread,
 * the one that dissects: the packet thread hands it copies and never reads what it found.
 */
public final class FlowDissection {

    private final PayloadDissectors dissectors;
    /** Flows with at least one packet copied that have not ended; a flow without copies found nothing. */
    private final Map<Long, FlowInspection> flows = new HashMap<>();

    /** @param dns receives every DNS response read, in the order of the copies */
    public FlowDissection(DnsListener dns) {
        this(new PayloadDissectors(dns));
    }

    FlowDissection(PayloadDissectors dissectors) {
        this.dissectors = dissectors;
    }

    /** Dissects one copied packet; the flow's state is made at its first copy. */
    public void payload(PayloadCopy copy) {
        FlowInspection s = flows.get(copy.flowId());
        if (s == null) {
            int sp = copy.packet().srcPort();
            int dp = copy.packet().dstPort();
            s = dissectors.start(copy.packet().protocol(), copy.fromClient() ? sp : dp, copy.fromClient() ? dp : sp);
            if (s == null) {
                return; // the gate copies only packets of flows a dissector accepts
            }
            flows.put(copy.flowId(), s);
        }
        dissectors.onPacket(s, copy.packet(), ByteBuffer.wrap(copy.payload()), copy.fromClient(), copy.timestampNanos());
    }

    /**
     * What the flow's payload named so far, for a snapshot of a flow still open; the dissection
     * goes on.
     *
     * @return null when no packet of the flow was copied
     */
    public FlowNames names(long flowId) {
        FlowInspection s = flows.get(flowId);
        return s == null ? null : s.names();
    }

    /**
     * The flow has ended, after its last copy: its reassembly memory goes back to the budget for the
     * other flows, and its state is let go.
     *
     * @return what its payload named, or null when no packet of the flow was copied
     */
    public FlowNames flowEnded(long flowId) {
        FlowInspection s = flows.remove(flowId);
        if (s == null) {
            return null;
        }
        s.flowEnded();
        return s.names();
    }

    /**
     * Flows given up so far because their reassembly would need more memory than allowed; unlike
     * the rest, any thread may read these counts (for partial results).
     */
    public ReassemblyGiveUps reassemblyGiveUps() {
        return dissectors.reassemblyGiveUps();
    }

    /** Flows whose state is held now (for tests: ended flows must not stay). */
    int flowsHeld() {
        return flows.size();
    }
}
