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

    /**
     * Addresses whose answer is kept at most: a capture of millions of servers (a scan, a flood) must
     * not grow the heap with them; past it a lookup is a binary search, which is cheap enough.
     */
    static final int MAX_KEPT = 65_536;

    @Override
    public ServerNetwork network(IpAddress server) {
        ServerNetwork known = seen.get(server);
        if (known != null) {
            return known;
        }
        ServerNetwork n = networks.lookup(server);
        if (seen.size() < MAX_KEPT) {
            seen.putIfAbsent(server, n);
        }
        return n;
    }

    /** How many addresses' answers are kept. */
    int kept() {
        return seen.size();
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
