package org.toktrace.flow;

import org.toktrace.model.FlowRecord;

/**
 * Receives each flow once, when the {@link FlowTable} stops following it: its counters and bins,
 * without names (the dissection's, by the flow's id, after the flow's last copied packet).
 */
@FunctionalInterface
public interface FlowSink {

    /** Called on the packet thread, from inside {@code onPacket} or {@code finishAll}; keep it short. */
    void flowFinished(FlowRecord flow);
}
