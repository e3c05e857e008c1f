package org.toktrace.flow;

import org.toktrace.dissect.PayloadCopy;

/**
 * Receives the packets the {@link FlowTable}'s gate copied for dissection, in capture order, on
 * the packet thread; a flow's copies all come before the flow's end reaches the {@link FlowSink}.
 */
@FunctionalInterface
public interface PayloadSink {

    /** One copied packet; keep it short (hand it on). */
    void payloadCopied(PayloadCopy copy);
}
