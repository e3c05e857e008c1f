package org.toktrace.dissect;

/**
 * One protocol's dissection: what it accepts (a {@link FlowDissector} by transport and ports, a
 * {@link StreamDissector} by a TCP client's first bytes) and the budget it inspects within, from
 * which the packet thread's {@link PayloadGate} decides what to copy.
 * Implementations hold no state of their own, so one instance serves every flow; a flow's state
 * is its {@link FlowInspection}. Each is registered once, in {@link FlowInspection.Kind}.
 */
sealed interface Dissector permits FlowDissector, StreamDissector {

    /** The bytes and packets this dissection looks at, at most, before it gives the flow up. */
    Budget budget();

    /**
     * How far a dissection looks into one flow.
     *
     * @param bytes    payload bytes held or searched at most (0: none held beyond the packet)
     * @param packets  packets of the flow, either way, before giving up
     * @param units    what else is counted: client segments with payload (TCP), DNS messages
     *                 read, or the client datagrams a QUIC flow is read for
     */
    record Budget(int bytes, int packets, int units) {
        public Budget {
            if (bytes < 0 || packets <= 0 || units <= 0) {
                throw new IllegalArgumentException("budget " + bytes + " B, " + packets + " packets, " + units);
            }
        }

        /** The same packet and unit bounds with another byte bound: a stage inside a TCP stream. */
        Budget withBytes(int newBytes) {
            return new Budget(newBytes, packets, units);
        }
    }
}
