package org.toktrace.model;

import java.util.Objects;

/**
 * A TikTok server name with a region hint beside what the address table says about the addresses
 * it was reached at: {@code api16-normal-c-alisg.tiktokv.com}, Singapore by its name, Akamai's in DE.
 */
public record RegionHintCheck(String serverName, RegionHint hint, ServerNetwork network, long flows, long bytes) {

    public RegionHintCheck {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(network, "network");
    }

    /** Whether the address is registered in the country the name points to. */
    public boolean agrees() {
        return !hint.country().isEmpty() && hint.country().equals(network.country());
    }

    /** {@code api16-normal-c-alisg.tiktokv.com: the name says Singapore (Alibaba Cloud); the address is Akamai International B.V.'s (AS20940), in DE}. */
    public String sentence() {
        String where = network.asn() != 0
                ? "the address is " + network.operatorText() + "'s" + (network.country().isEmpty() ? "" : ", in " + network.country())
                : network.group().equals(ServerNetwork.NOT_PUBLIC) ? "the address is a " + network.country() + " one"
                : "the address is not in the table";
        return serverName + ": the name says " + hint.place() + (hint.inferred() ? " (inferred)" : "") + "; " + where;
    }
}
