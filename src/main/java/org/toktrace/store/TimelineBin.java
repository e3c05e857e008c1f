package org.toktrace.store;

import java.util.Objects;
import org.toktrace.model.AppState;
import org.toktrace.model.Device;

/**
 * One row of a stored capture's TikTok timeline: a device's TikTok traffic in one time bin and the
 * app's state then (null when unclassified), as timeline.csv writes it; for charts that should not
 * load every flow.
 */
public record TimelineBin(Device.Id device, long binStartNanos, AppState state, long bytesUp, long bytesDown, long packets) {

    public TimelineBin {
        Objects.requireNonNull(device, "device");
    }

    public long bytes() {
        return bytesUp + bytesDown;
    }
}
