package org.toktrace.flow;

import org.toktrace.model.FlowRecord;

/** Receives each flow once, when the {@link FlowTable} stops following it. */
@FunctionalInterface
public interface FlowSink {

    /** Called on the packet thread, from inside {@code onPacket} or {@code finishAll}; keep it short. */
    void flowFinished(FlowRecord flow);
}
