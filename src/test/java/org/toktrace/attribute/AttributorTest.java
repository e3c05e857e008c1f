package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LearnedName;
import org.toktrace.model.NameSource;

class AttributorTest {

    static final IpAddress PHONE = IpAddress.parse("192.168.43.20");
    static final IpAddress CDN = IpAddress.parse("23.50.1.10");           // an Akamai-like address
    static final IpAddress BYTEDANCE = IpAddress.parse("71.18.0.10");     // in AS396986 (bundled ranges)
    static final long T0 = 1_750_000_000_000_000_000L;
    static final long DAY = Duration.ofDays(1).toNanos();

    static FlowRecord flow(IpAddress server, int port, long t, FlowNames names) {
        return new FlowRecord(1, new FlowKey(6, PHONE, 50000, server, port), t, t + 1_000_000, 10, 10, 1000, 20000,
                FlowEnd.FIN, -1, FlowBins.empty(1_000_000_000L), names, Attribution.NONE);
    }

    static FlowNames sni(String name, long t) {
        return new FlowNames(name, NameSource.TLS_SNI, t, List.of("h2"), 0, false);
    }

    static DnsAnswer dns(long t, String q, IpAddress a) {
        return new DnsAnswer(t, PHONE, -1, q, List.of(new DnsAnswer.Record(q, 60, null, a)));
    }

    static LearnedName remembered(IpAddress a, String name, long t) {
        return new LearnedName(a, name, NameSource.TLS_SNI, t - DAY, t, "monday.pcapng");
    }

    Attributor attributor(List<LearnedName> known) {
        return new Attributor(ServiceCatalog.bundled(), new DnsResolver(), new InMemoryNameMemory(known),
                IpRanges.bundled(), "today.pcap");
    }

    @Test
    void catalogAnswersStayRightPastTheBoundOfRememberedNames() {
        Attributor a = attributor(List.of());
        for (int i = 0; i < 5000; i++) { // more distinct names than the attributor remembers
            Attribution r = a.attribute(flow(CDN, 443, T0, sni("host" + i + ".example.org", T0)));
            assertNull(r.service(), r.toString());
            Attribution t = a.attribute(flow(CDN, 443, T0, sni("v" + (i % 40) + "-webapp.tiktok.com", T0)));
            assertTrue(t.isTikTok(), t.toString());
        }
        assertEquals(Category.VIDEO, a.attribute(flow(CDN, 443, T0, sni("V16-Webapp.TikTok.com.", T0))).category());
        assertNull(a.attribute(flow(CDN, 443, T0, sni("nottiktok.com", T0))).service());
    }

    @Test
    void eachFlowGetsTheEvidenceTextOfItsOwnSourceAndClientHello() {
        // the texts are made once per name: a second flow with the same name but another source or
        // an encrypted_client_hello must not get the first one's
        Attributor a = attributor(List.of());
        String name = "v16-webapp.tiktok.com";
        Evidence tls = a.attribute(flow(CDN, 443, T0, sni(name, T0))).evidence();
        Evidence quic = a.attribute(flow(CDN, 443, T0 + 1,
                new FlowNames(name, NameSource.QUIC_SNI, T0 + 2, List.of("h3"), 1, false))).evidence();
        Evidence ech = a.attribute(flow(CDN, 443, T0 + 3,
                new FlowNames(name, NameSource.TLS_SNI, T0 + 4, List.of("h2"), 0, true))).evidence();
        Evidence tlsAgain = a.attribute(flow(BYTEDANCE, 443, T0 + 5, sni(name, T0 + 6))).evidence();
        assertTrue(tls.detail().startsWith("TLS ClientHello server_name; catalog "), tls.detail());
        assertTrue(quic.detail().startsWith("server_name of the ClientHello in the QUIC Initial; catalog "), quic.detail());
        assertTrue(ech.detail().startsWith("TLS ClientHello server_name (the ClientHello carries an encrypted_client_hello"),
                ech.detail());
        assertEquals(tls.detail(), tlsAgain.detail());
        assertEquals(T0 + 6, tlsAgain.timestampNanos());
        assertTrue(tls.detail().contains(": the name ends in tiktok.com; its first label, "), tls.detail());
        assertEquals(NameSource.QUIC_SNI, quic.source());
        Evidence host = a.attribute(flow(CDN, 80, T0 + 7,
                new FlowNames("www.example.org:8080", NameSource.HTTP_HOST, T0 + 8, List.of(), 0, false))).evidence();
        assertEquals("HTTP Host header", host.detail(), "no catalog rule, no rule text");
        assertEquals("www.example.org", host.name());
    }

    @Test
    void sniBeatsDns() {
        Attributor a = attributor(List.of());
        a.onDnsAnswer(dns(T0, "www.google.com", CDN));
        Attribution r = a.attribute(flow(CDN, 443, T0 + 5, sni("v16-webapp.tiktok.com", T0 + 6)));
        assertEquals(NameSource.TLS_SNI, r.evidence().source());
        assertEquals("v16-webapp.tiktok.com", r.serverName());
        assertTrue(r.isTikTok());
        assertEquals(Category.VIDEO, r.category());
        assertEquals(T0 + 6, r.evidence().timestampNanos());
        assertTrue(r.evidence().detail().contains("the name ends in tiktok.com"), r.evidence().detail());
    }

    @Test
    void anUnknownSniStillWinsOverDnsAndItsServiceStaysUnknown() {
        Attributor a = attributor(List.of());
        a.onDnsAnswer(dns(T0, "api16-normal-c-useast1a.tiktokv.com", CDN));
        Attribution r = a.attribute(flow(CDN, 443, T0 + 5, sni("unknown.example.org", T0 + 6)));
        assertEquals("unknown.example.org", r.serverName());
        assertNull(r.service());
        assertNull(r.category());
        assertFalse(r.isTikTok());
    }

    @Test
    void quicSniAndHttpHost() {
        Attributor a = attributor(List.of());
        Attribution q = a.attribute(flow(CDN, 443, T0, new FlowNames("p16-sign-va.tiktokcdn.com", NameSource.QUIC_SNI, T0, List.of("h3"), 1, false)));
        assertEquals(NameSource.QUIC_SNI, q.evidence().source());
        assertEquals(Category.IMAGE, q.category());
        Attribution h = a.attribute(flow(CDN, 80, T0, new FlowNames("log.byteoversea.com:8080", NameSource.HTTP_HOST, T0, List.of(), 0, false)));
        assertEquals("log.byteoversea.com", h.serverName());
        assertEquals(Category.TELEMETRY, h.category());
    }

    @Test
    void anAddressLiteralInTheHostHeaderIsNoName() {
        Attributor a = attributor(List.of());
        a.onDnsAnswer(dns(T0, "mon.byteoversea.com", CDN));
        Attribution r = a.attribute(flow(CDN, 80, T0 + 5, new FlowNames("23.50.1.10:80", NameSource.HTTP_HOST, T0, List.of(), 0, false)));
        assertEquals(NameSource.DNS, r.evidence().source());
        assertEquals("mon.byteoversea.com", r.serverName());
    }

    @Test
    void dnsBeatsMemoryAndKeepsTheChain() {
        Attributor a = attributor(List.of(remembered(CDN, "www.google.com", T0)));
        a.onDnsAnswer(new DnsAnswer(T0, PHONE, -1, "v19.tiktokcdn-us.com", List.of(
                new DnsAnswer.Record("v19.tiktokcdn-us.com", 60, "v19.tiktokcdn-us.com.edgekey.net", null),
                new DnsAnswer.Record("v19.tiktokcdn-us.com.edgekey.net", 60, "e1234.dscx.akamaiedge.net", null),
                new DnsAnswer.Record("e1234.dscx.akamaiedge.net", 20, null, CDN))));
        Attribution r = a.attribute(flow(CDN, 443, T0 + 10, FlowNames.NONE));
        assertEquals(NameSource.DNS, r.evidence().source());
        assertEquals("v19.tiktokcdn-us.com", r.serverName());
        assertEquals(Category.VIDEO, r.category());
        assertEquals(T0, r.evidence().timestampNanos());
        assertTrue(r.evidence().detail().contains("v19.tiktokcdn-us.com -> v19.tiktokcdn-us.com.edgekey.net -> e1234.dscx.akamaiedge.net"),
                r.evidence().detail());
    }

    @Test
    void dnsOfAnotherDeviceIsUsedAndSaidSo() {
        Attributor a = attributor(List.of());
        a.onDnsAnswer(new DnsAnswer(T0, IpAddress.parse("192.168.43.77"), -1, "api22-normal-c-alisg.tiktokv.com",
                List.of(new DnsAnswer.Record("api22-normal-c-alisg.tiktokv.com", 60, null, CDN))));
        Attribution r = a.attribute(flow(CDN, 443, T0 + 10, FlowNames.NONE));
        assertEquals(NameSource.DNS, r.evidence().source());
        assertEquals(Category.API, r.category());
        assertTrue(r.evidence().detail().contains("another device, 192.168.43.77"), r.evidence().detail());
    }

    @Test
    void aDnsAnswerAfterTheFlowStartedDoesNotCount() {
        Attributor a = attributor(List.of());
        a.onDnsAnswer(dns(T0 + 100, "v16-webapp.tiktok.com", CDN));
        assertSame(Attribution.NONE, a.attribute(flow(CDN, 443, T0, FlowNames.NONE)));
    }

    @Test
    void memoryBeatsIpRangeAndSaysWhereItCameFrom() {
        Attributor a = attributor(List.of(remembered(BYTEDANCE, "webcast16-normal-c-useast1a.tiktokv.com", T0 - DAY)));
        Attribution r = a.attribute(flow(BYTEDANCE, 443, T0, FlowNames.NONE));
        assertEquals(NameSource.NAME_MEMORY, r.evidence().source());
        assertEquals(Category.LIVE, r.category());
        assertEquals(T0 - DAY, r.evidence().timestampNanos());
        assertTrue(r.evidence().detail().contains("capture monday.pcapng"), r.evidence().detail());
        assertTrue(r.evidence().detail().contains("tls-sni"), r.evidence().detail());
    }

    @Test
    void aStaleMemoryIsNotUsed() {
        Attributor a = attributor(List.of(remembered(CDN, "v16-webapp.tiktok.com", T0 - 60 * DAY)));
        assertSame(Attribution.NONE, a.attribute(flow(CDN, 443, T0, FlowNames.NONE)));
    }

    @Test
    void ipRangeIsTheLastResort() {
        Attributor a = attributor(List.of());
        Attribution r = a.attribute(flow(BYTEDANCE, 443, T0, FlowNames.NONE));
        assertEquals(NameSource.IP_RANGE, r.evidence().source());
        assertTrue(r.isTikTok());
        assertEquals(Category.OTHER, r.category());
        assertEquals("Bytedance Inc. (AS396986)", r.serverName());
        assertEquals(T0, r.evidence().timestampNanos());
        assertTrue(r.evidence().detail().contains("71.18.0.10 lies in"), r.evidence().detail());
        assertSame(Attribution.NONE, a.attribute(flow(CDN, 443, T0, FlowNames.NONE)));
    }

    @Test
    void platformPushIsNeverTikTok() {
        Attributor a = attributor(List.of(remembered(IpAddress.parse("142.250.10.188"), "v16-webapp.tiktok.com", T0 - DAY)));
        Attribution fcm = a.attribute(flow(IpAddress.parse("142.250.10.188"), 5228, T0, sni("mtalk.google.com", T0)));
        assertEquals("Google FCM", fcm.service());
        assertEquals(Category.PUSH, fcm.category());
        assertFalse(fcm.isTikTok());
        a.onDnsAnswer(dns(T0, "3-courier.push.apple.com", IpAddress.parse("17.57.146.20")));
        Attribution apns = a.attribute(flow(IpAddress.parse("17.57.146.20"), 5223, T0 + 1, FlowNames.NONE));
        assertEquals("Apple APNs", apns.service());
        assertFalse(apns.isTikTok());
    }

    /**
     * A connection open before the capture began shows no name; at the end of the capture, what
     * another flow of the capture showed for its server names it, before anything an earlier capture
     * remembered of that address.
     */
    @Test
    void anUnnamedFlowTakesTheNameAnotherFlowOfTheCaptureShowedForItsServer() {
        List<LearnedName> earlier = List.of(remembered(CDN, "old.example.com", T0 - DAY));
        Attributor a = attributor(earlier);
        a.attribute(flow(CDN, 443, T0 + 10, sni("v16-webapp.tiktok.com", T0 + 11)));
        FlowRecord open = flow(CDN, 443, T0, FlowNames.NONE);
        Attribution r = a.fromElsewhere(open, new InMemoryNameMemory(a.learnedNames()), new InMemoryNameMemory(earlier));
        assertEquals(NameSource.NAME_MEMORY, r.evidence().source());
        assertEquals("v16-webapp.tiktok.com", r.serverName());
        assertTrue(r.isTikTok());
        assertEquals(Category.VIDEO, r.category());
        assertTrue(r.evidence().detail().contains("tls-sni in another flow of this capture to 23.50.1.10"), r.evidence().detail());
        // without the capture's own names, the earlier capture's
        Attribution old = a.fromElsewhere(open, new InMemoryNameMemory(earlier));
        assertEquals("old.example.com", old.serverName());
        assertTrue(old.evidence().detail().contains("capture monday.pcapng"), old.evidence().detail());
    }

    @Test
    void learnedMappingsAreCollectedForTheStoreButDoNotChangeThisAnalysis() {
        Attributor a = attributor(List.of());
        a.onDnsAnswer(dns(T0, "api16-normal-c-useast1a.tiktokv.com", CDN));
        a.onDnsAnswer(dns(T0 + 50, "api16-normal-c-useast1a.tiktokv.com", CDN));
        a.attribute(flow(BYTEDANCE, 443, T0 + 10, sni("V16-WEBAPP.tiktok.com.", T0 + 11)));
        // a later flow to the same address without a name: memory holds only earlier captures
        assertEquals(NameSource.IP_RANGE, a.attribute(flow(BYTEDANCE, 443, T0 + 20, FlowNames.NONE)).evidence().source());
        List<LearnedName> learned = a.learnedNames();
        assertEquals(2, learned.size());
        LearnedName d = learned.get(0);
        assertEquals(CDN, d.address());
        assertEquals("api16-normal-c-useast1a.tiktokv.com", d.name());
        assertEquals(NameSource.DNS, d.source());
        assertEquals(T0, d.firstSeenNanos());
        assertEquals(T0 + 50, d.lastSeenNanos());
        assertEquals("today.pcap", d.capture());
        LearnedName s = learned.get(1);
        assertEquals("v16-webapp.tiktok.com", s.name());
        assertEquals(NameSource.TLS_SNI, s.source());
    }

    @Test
    void memoryPicksTheMappingNearestTheFlow() {
        InMemoryNameMemory m = new InMemoryNameMemory(List.of(
                new LearnedName(CDN, "old.example.com", NameSource.DNS, T0 - 20 * DAY, T0 - 10 * DAY, "a"),
                new LearnedName(CDN, "new.example.com", NameSource.DNS, T0 - 2 * DAY, T0 - DAY, "b")));
        assertEquals("new.example.com", m.lookup(CDN, T0).orElseThrow().name());
        assertEquals("old.example.com", m.lookup(CDN, T0 - 15 * DAY).orElseThrow().name());
        assertTrue(m.lookup(CDN, T0 + 40 * DAY).isEmpty());
        assertTrue(m.lookup(BYTEDANCE, T0).isEmpty());
        assertEquals(2, m.knownCount());
        assertEquals(Long.MAX_VALUE, InMemoryNameMemory.distance(
                new LearnedName(CDN, "x", NameSource.DNS, Long.MAX_VALUE - 1, Long.MAX_VALUE, "c"), Long.MIN_VALUE));
    }

    @Test
    void absurdNamesAreNotLearned() {
        Attributor a = attributor(List.of());
        String longName = "a".repeat(300) + ".tiktok.com";
        Attribution r = a.attribute(flow(CDN, 443, T0, sni(longName, T0)));
        assertTrue(r.isTikTok(), "the evidence is still the flow's own");
        assertTrue(a.learnedNames().isEmpty());
    }
}
