package org.toktrace.attribute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.NetworkShare;
import org.toktrace.model.RegionHint;
import org.toktrace.model.RegionHintCheck;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.ServerNetworks;
import org.toktrace.model.TikTokDestinations;

/** Sums TikTok's flows by the network, country and group of their server addresses into {@link TikTokDestinations}. */
public final class WhereTikTokGoes {
    private WhereTikTokGoes() {
    }

    private static final Comparator<NetworkShare> MOST_BYTES =
            Comparator.comparingLong(NetworkShare::bytes).reversed().thenComparing(NetworkShare::name);

    public static TikTokDestinations of(List<FlowRecord> flows, ServerNetworks networks) {
        Map<String, NetworkShare> operators = new LinkedHashMap<>();
        Map<String, NetworkShare> countries = new LinkedHashMap<>();
        Map<String, NetworkShare> groups = new LinkedHashMap<>();
        Map<List<Object>, RegionHintCheck> hints = new LinkedHashMap<>();
        for (FlowRecord f : flows) {
            if (!f.attribution().isTikTok()) {
                continue;
            }
            ServerNetwork n = networks.network(f.key().server());
            add(operators, n.operatorText(), f);
            add(countries, n.country().isEmpty() ? "unknown" : n.country(), f);
            add(groups, n.group(), f);
            String name = f.attribution().serverName();
            RegionHint hint = networks.regionHint(name);
            if (hint != null) {
                hints.merge(List.of(name, n), new RegionHintCheck(name, hint, n, 1, f.bytes()),
                        (a, b) -> new RegionHintCheck(a.serverName(), a.hint(), a.network(), a.flows() + 1, a.bytes() + b.bytes()));
            }
        }
        List<RegionHintCheck> checks = new ArrayList<>(hints.values());
        checks.sort(Comparator.comparingLong(RegionHintCheck::bytes).reversed().thenComparing(RegionHintCheck::serverName));
        return new TikTokDestinations(networks.source(), networks.dataDate(), sorted(operators), sorted(countries),
                sorted(groups), checks);
    }

    private static void add(Map<String, NetworkShare> into, String key, FlowRecord f) {
        into.put(key, into.getOrDefault(key, new NetworkShare(key, 0, 0, 0)).plus(f));
    }

    private static List<NetworkShare> sorted(Map<String, NetworkShare> m) {
        List<NetworkShare> out = new ArrayList<>(m.values());
        out.sort(MOST_BYTES);
        return out;
    }
}
