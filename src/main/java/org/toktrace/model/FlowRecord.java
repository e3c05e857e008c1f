package org.toktrace.model;

import java.util.Objects;

/**
 * One finished flow: who talked to whom, when, how much in each direction (IP bytes: the IP total
 * length of every packet, fragments included), and its volume over time.
 *
 * @param id          1-based, in the order the flows were first seen
 * @param clientMac   the link-layer source address of the client's packets (48 bits), or -1 when
 *                    the link type has none
 * @param names       what the flow's own payload said about its server (SNI, ALPN, HTTP Host)
 * @param attribution the server name decided from all the evidence, its service and category
 */
public record FlowRecord(
        long id,
        FlowKey key,
        long firstSeenNanos,
        long lastSeenNanos,
        long packetsUp,
        long packetsDown,
        long bytesUp,
        long bytesDown,
        FlowEnd end,
        long clientMac,
        FlowBins bins,
        FlowNames names,
        Attribution attribution) {

    public FlowRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(bins, "bins");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(attribution, "attribution");
        if (lastSeenNanos < firstSeenNanos) {
            throw new IllegalArgumentException("flow ends before it starts");
        }
        if (packetsUp < 0 || packetsDown < 0 || bytesUp < 0 || bytesDown < 0) {
            throw new IllegalArgumentException("negative counter");
        }
    }

    /** This flow with {@code n} as the names its payload revealed. */
    public FlowRecord withNames(FlowNames n) {
        return new FlowRecord(id, key, firstSeenNanos, lastSeenNanos, packetsUp, packetsDown, bytesUp, bytesDown,
                end, clientMac, bins, n, attribution);
    }

    /** This flow with {@code a} as its attribution. */
    public FlowRecord withAttribution(Attribution a) {
        return new FlowRecord(id, key, firstSeenNanos, lastSeenNanos, packetsUp, packetsDown, bytesUp, bytesDown,
                end, clientMac, bins, names, a);
    }

    public long packets() {
        return packetsUp + packetsDown;
    }

    public long bytes() {
        return bytesUp + bytesDown;
    }

    /** The device this flow belongs to: its client's address. */
    public IpAddress device() {
        return key.client();
    }
}
