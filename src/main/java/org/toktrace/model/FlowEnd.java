package org.toktrace.model;

/** Why the flow table stopped following a flow. */
public enum FlowEnd {
    /** Both sides sent FIN (and the linger after it passed). */
    FIN,
    /** One side reset the connection. */
    RST,
    /** A SYN opened a new connection on the same 5-tuple after this one closed. */
    REUSED,
    /** No packet for longer than the transport's idle timeout. */
    IDLE,
    /** The table was full and this was the longest-idle flow. */
    EVICTED,
    /** The capture ended while the flow was still open. */
    CAPTURE_END
}
