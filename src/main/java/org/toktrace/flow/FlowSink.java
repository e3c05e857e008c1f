package org.toktrace.flow;

import org.toktrace.dissect.FlowInspection;
import org.toktrace.model.FlowRecord;

/** Receives each flow once, when the {@link FlowTable} stops following it. */
@FunctionalInterface
public interface FlowSink {

    /** Called on the packet thread, from inside {@code onPacket} or {@code finishAll}; keep it short. */
    void flowFinished(FlowRecord flow);

    /**
     * A finished flow with the dissectors' state of it (null when none looked at it): {@code flow}
     * does not carry the names yet, because dissection may still be running on another thread.
     * By default the names are read here, which is right when the dissectors run on this thread.
     */
    default void flowFinished(FlowRecord flow, FlowInspection inspection) {
        flowFinished(inspection == null ? flow : flow.withNames(inspection.names()));
    }
}
