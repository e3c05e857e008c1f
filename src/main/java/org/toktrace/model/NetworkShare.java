package org.toktrace.model;

import java.util.Objects;

/**
 * TikTok's bytes to one operator, country or group of networks, split by the state that holds most
 * of each flow's bytes (as flows.csv's {@code state} column).
 *
 * @param name             the operator ({@code Akamai International B.V. (AS20940)}), the country
 *                         code, or the group
 */
public record NetworkShare(String name, long flows, long foregroundBytes, long backgroundBytes) {

    public NetworkShare {
        Objects.requireNonNull(name, "name");
        if (flows < 0 || foregroundBytes < 0 || backgroundBytes < 0) {
            throw new IllegalArgumentException("negative total");
        }
    }

    public long bytes() {
        return foregroundBytes + backgroundBytes;
    }

    /** This share with {@code f} added, its bytes to foreground or background by the flow's state. */
    public NetworkShare plus(FlowRecord f) {
        AppState s = f.attribution().state();
        boolean background = s != null && s.isBackground();
        return new NetworkShare(name, flows + 1, foregroundBytes + (background ? 0 : f.bytes()),
                backgroundBytes + (background ? f.bytes() : 0));
    }
}
