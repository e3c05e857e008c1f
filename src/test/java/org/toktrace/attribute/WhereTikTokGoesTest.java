package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;
import org.toktrace.model.NetworkShare;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.TikTokDestinations;

class WhereTikTokGoesTest {

    private static final ServerNetworkDirectory NETWORKS = ServerNetworkDirectory.bundled();

    private static FlowRecord flow(String server, String name, AppState state, long bytesDown) {
        FlowKey key = new FlowKey(6, IpAddress.parse("192.168.137.23"), 50000, IpAddress.parse(server), 443);
        Attribution a = name == null ? Attribution.NONE
                : new Attribution(new Evidence(NameSource.TLS_SNI, name, 0, ""), Attribution.TIKTOK, Category.VIDEO, state);
        return new FlowRecord(1, key, 0, 1, 1, 1, 100, bytesDown, FlowEnd.FIN, -1, FlowBins.empty(1_000_000_000L),
                FlowNames.NONE, a);
    }

    @Test
    void sumsTikTokByOperatorCountryAndGroupPerState() {
        List<FlowRecord> flows = List.of(
                flow("2.16.4.1", "v16-webapp.tiktok.com", AppState.FOREGROUND, 900),     // Akamai
                flow("2.16.4.2", "v16-webapp.tiktok.com", AppState.MINIMIZED, 400),      // Akamai
                flow("71.18.0.1", "api16-normal-c-useast1a.tiktokv.com", AppState.BACKGROUND, 200), // Bytedance Inc.
                flow("8.8.8.8", null, null, 5000));                                      // not TikTok's
        TikTokDestinations d = WhereTikTokGoes.of(flows, NETWORKS);
        NetworkShare akamai = d.byOperator().get(0);
        assertEquals("Akamai International B.V. (AS20940)", akamai.name());
        assertEquals(2, akamai.flows());
        assertEquals(1000, akamai.foregroundBytes());
        assertEquals(500, akamai.backgroundBytes());
        assertEquals(2, d.byOperator().size(), "the flow without TikTok's name is not counted");
        assertEquals(new NetworkShare(ServerNetwork.BYTEDANCE, 1, 0, 300), d.byGroup().get(1));
        assertEquals(300 / 1800.0, d.share(ServerNetwork.BYTEDANCE), 1e-9);
        assertEquals(1500 / 1800.0, d.share(ServerNetwork.CDN), 1e-9);
        assertEquals(1800, d.bytes());
        assertEquals(1, d.regionHints().size());
        assertEquals("useast1a", d.regionHints().get(0).hint().token());
        assertEquals("US", d.regionHints().get(0).network().country());
        assertEquals(NETWORKS.dataDate(), d.dataDate());
    }
}
