package org.toktrace.flow;

/**
 * Limits and timeouts of a {@link FlowTable}. All durations in nanoseconds.
 *
 * @param maxFlows              flows followed at once; when full, the longest-idle one is
 *                              reported as evicted to make room (at most 2^24)
 * @param tcpIdleNanos          a TCP flow with no packet for longer than this is reported idle
 * @param udpIdleNanos          the same for UDP
 * @param otherIdleNanos        the same for every other IP protocol
 * @param closedLingerNanos     how long a TCP flow stays after RST or FINs from both sides, so
 *                              trailing ACKs and retransmissions still count for it
 * @param binNanos              width of the per-flow time bins
 * @param maxFragmentGroups     IP datagrams whose fragments are tracked at once
 * @param fragmentTimeoutNanos  how long a datagram's fragments are waited for
 */
public record FlowTableConfig(
        int maxFlows,
        long tcpIdleNanos,
        long udpIdleNanos,
        long otherIdleNanos,
        long closedLingerNanos,
        long binNanos,
        int maxFragmentGroups,
        long fragmentTimeoutNanos) {

    /** Most flows a table may be configured for: slot numbers must fit the table's packing. */
    public static final int MAX_FLOWS_LIMIT = 1 << 24;

    private static final long SECOND = 1_000_000_000L;

    public FlowTableConfig {
        if (maxFlows < 1 || maxFlows > MAX_FLOWS_LIMIT) {
            throw new IllegalArgumentException("maxFlows must be in [1, 2^24]: " + maxFlows);
        }
        if (maxFragmentGroups < 1 || maxFragmentGroups > MAX_FLOWS_LIMIT) {
            throw new IllegalArgumentException("maxFragmentGroups must be in [1, 2^24]: " + maxFragmentGroups);
        }
        if (tcpIdleNanos <= 0 || udpIdleNanos <= 0 || otherIdleNanos <= 0 || closedLingerNanos < 0 || binNanos <= 0
                || fragmentTimeoutNanos <= 0) {
            throw new IllegalArgumentException("timeouts and the bin width must be positive");
        }
    }

    /**
     * The defaults, sized for a 1.5 GB capture under {@code -Xmx256m}:
     * <ul>
     * <li>131,072 flows at once: a flow costs about 160 bytes in the table's arrays plus 32 to 48
     * bytes per time bin after its first, so a full table is about 21 MB plus its bins, leaving
     * most of the heap to the finished flows and the rest of the pipeline. A phone on a hotspot
     * keeps tens to hundreds of flows open at once; the limit is there for scans and floods,
     * whose flows are then reported as evicted.</li>
     * <li>TCP idle 10 minutes (long-lived push connections send keepalives every few minutes),
     * UDP 2 minutes (QUIC's idle timeouts are 30 s to a few minutes), other protocols 1 minute.</li>
     * <li>10 s linger after a close, 1 s bins (the timeline's default), 4,096 fragmented datagrams
     * awaited for 30 s (Linux's {@code ipfrag_time}).</li>
     * </ul>
     */
    public static FlowTableConfig defaults() {
        return new FlowTableConfig(1 << 17, 600 * SECOND, 120 * SECOND, 60 * SECOND, 10 * SECOND, SECOND, 4096,
                30 * SECOND);
    }

    public FlowTableConfig withBinNanos(long binNanos) {
        return new FlowTableConfig(maxFlows, tcpIdleNanos, udpIdleNanos, otherIdleNanos, closedLingerNanos, binNanos,
                maxFragmentGroups, fragmentTimeoutNanos);
    }

    public FlowTableConfig withMaxFlows(int maxFlows) {
        return new FlowTableConfig(maxFlows, tcpIdleNanos, udpIdleNanos, otherIdleNanos, closedLingerNanos, binNanos,
                maxFragmentGroups, fragmentTimeoutNanos);
    }

    public FlowTableConfig withMaxFragmentGroups(int maxFragmentGroups) {
        return new FlowTableConfig(maxFlows, tcpIdleNanos, udpIdleNanos, otherIdleNanos, closedLingerNanos, binNanos,
                maxFragmentGroups, fragmentTimeoutNanos);
    }
}
