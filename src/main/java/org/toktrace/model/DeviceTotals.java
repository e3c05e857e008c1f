package org.toktrace.model;

import java.util.Objects;

/** What one device (a client address) did in a capture, over all its flows. */
public record DeviceTotals(IpAddress device, long flows, long packetsUp, long packetsDown, long bytesUp, long bytesDown) {

    public DeviceTotals {
        Objects.requireNonNull(device, "device");
    }

    public long bytes() {
        return bytesUp + bytesDown;
    }
}
