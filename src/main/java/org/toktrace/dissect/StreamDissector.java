package org.toktrace.dissect;

/**
 * A protocol read from the start of a TCP client's reassembled byte stream, chosen by its first
 * bytes. The TCP stream dissection ({@link TcpStreamDissector}) feeds it and bounds its packets;
 * a stage in front of another protocol (a proxy handshake, STARTTLS) hands the rest of the stream
 * on with {@link TlsClientHelloDissector#tunnelled}.
 */
non-sealed interface StreamDissector extends Dissector {

    /** {@link #accepts}: these bytes start this protocol. */
    int YES = 1;
    /** {@link #accepts}: these bytes cannot start this protocol. */
    int NO = 0;
    /** {@link #accepts}: too few bytes to tell. */
    int MORE = -1;

    /** Whether the client's first bytes {@code d[0, n)} ({@code n >= 1}) start this protocol: YES, NO or MORE. */
    int accepts(byte[] d, int n);

    /**
     * Reads the contiguous bytes of {@code s.stream} again now that more arrived; names the flow
     * ({@link FlowInspection#found}) or gives it up ({@link FlowInspection#finish}) once it can tell.
     */
    void read(FlowInspection s, long timestampNanos);
}
