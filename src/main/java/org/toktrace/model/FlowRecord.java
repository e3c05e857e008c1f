package org.toktrace.model;

import java.util.Objects;

/**
 * One finished flow: who talked to whom, when, how much in each direction (IP bytes: the IP total
 * length of every packet, fragments included), and its volume over time.
 *
 * @param id          1-based, in the order the flows were first seen
 * @param clientMac   the link-layer source address of the client's packets (48 bits), or -1 when
 *                    the link type has none
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
        FlowBins bins) {

    public FlowRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(bins, "bins");
        if (lastSeenNanos < firstSeenNanos) {
            throw new IllegalArgumentException("flow ends before it starts");
        }
        if (packetsUp < 0 || packetsDown < 0 || bytesUp < 0 || bytesDown < 0) {
            throw new IllegalArgumentException("negative counter");
        }
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
