package org.toktrace.model;

import java.util.Objects;

/** Flows, packets and IP bytes of one slice of the traffic: a service, a category, a reason. */
public record ServiceTotals(String name, long flows, long packets, long bytesUp, long bytesDown) {

    public ServiceTotals {
        Objects.requireNonNull(name, "name");
    }

    public static ServiceTotals empty(String name) {
        return new ServiceTotals(name, 0, 0, 0, 0);
    }

    public long bytes() {
        return bytesUp + bytesDown;
    }

    /** These totals with {@code flow} added. */
    public ServiceTotals plus(FlowRecord flow) {
        return new ServiceTotals(name, flows + 1, packets + flow.packets(), bytesUp + flow.bytesUp(),
                bytesDown + flow.bytesDown());
    }
}
