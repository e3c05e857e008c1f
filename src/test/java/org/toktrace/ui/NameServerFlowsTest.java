package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.toktrace.model.Attribution;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;

/** A flow to a name server says what it is, in the table and its evidence, instead of "no name". */
class NameServerFlowsTest {

    private static FlowRecord flow(int protocol, int serverPort, Attribution a) {
        FlowKey key = new FlowKey(protocol, IpAddress.parse("192.168.137.23"), 40001, IpAddress.parse("192.168.137.1"),
                serverPort);
        return new FlowRecord(1, key, 1_000, 2_000, 1, 1, 68, 148, FlowEnd.FIN, 0x0200_0000_0001L,
                FlowBins.empty(1_000_000_000L), FlowNames.NONE, a);
    }

    @Test
    void dnsFlowsAreLookupsNotNamelessServers() {
        FlowRecord dns = flow(17, 53, Attribution.NONE);
        assertEquals("DNS lookups", FlowsPane.serverNameText(dns));
        String evidence = EvidenceText.of(dns);
        assertTrue(evidence.startsWith("DNS lookups: the device asks the name server at 192.168.137.1"), evidence);
        assertFalse(evidence.contains("No name"), evidence);
        assertEquals("DNS lookups", FlowsPane.serverNameText(flow(6, 53, Attribution.NONE)));
        assertEquals("DNS over TLS lookups", FlowsPane.serverNameText(flow(6, 853, Attribution.NONE)));
        assertTrue(EvidenceText.of(flow(6, 853, Attribution.NONE)).contains("encrypted"));
        assertEquals("mDNS announcements", FlowsPane.serverNameText(flow(17, 5353, Attribution.NONE)));
        // what the table shows is what the search finds
        assertTrue(new FlowFilter(false, null, null, null, "dns lookups").test(dns));
        assertFalse(new FlowFilter(false, null, null, null, "dns lookups").test(flow(6, 443, Attribution.NONE)));
    }

    @Test
    void otherFlowsKeepTheirNameOrNone() {
        assertEquals("", FlowsPane.serverNameText(flow(6, 443, Attribution.NONE)));
        assertTrue(EvidenceText.of(flow(6, 443, Attribution.NONE)).startsWith("No name"));
        FlowRecord named = flow(6, 53, new Attribution(new Evidence(NameSource.DNS, "dns.google", 0, ""), null, null));
        assertEquals("dns.google", FlowsPane.serverNameText(named), "a name server with a name is shown by it");
    }
}
