package org.toktrace.attribute;

import java.util.concurrent.ConcurrentHashMap;
import org.toktrace.model.IpAddress;
import org.toktrace.model.RegionHint;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.ServerNetworks;

/**
 * The {@link ServerNetworks} of the bundled tables, for the exports and summaries: looks each server
 * address up once and keeps the answer, since a capture's flows reach far fewer servers than there
 * are flows. Runs on finished flows only, never per packet.
 */
public final class ServerNetworkDirectory implements ServerNetworks {

    private final IpNetworks networks;
    private final RegionHints hints;
    private final ConcurrentHashMap<IpAddress, ServerNetwork> seen = new ConcurrentHashMap<>();

    public ServerNetworkDirectory(IpNetworks networks, RegionHints hints) {
        this.networks = networks;
        this.hints = hints;
    }

    /** Over the tables shipped with TokTrace (the network table is read on first use). */
    public static ServerNetworkDirectory bundled() {
        return new ServerNetworkDirectory(IpNetworks.bundled(), RegionHints.bundled());
    }

    @Override
    public ServerNetwork network(IpAddress server) {
        return seen.computeIfAbsent(server, networks::lookup);
    }

    @Override
    public RegionHint regionHint(String serverName) {
        return hints.of(serverName);
    }

    @Override
    public String source() {
        return networks.source();
    }

    @Override
    public String dataDate() {
        return networks.dataDate();
    }
}
