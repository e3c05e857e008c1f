package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;
import org.toktrace.testkit.traffic.Extras;
import org.toktrace.testkit.traffic.Extras.AddedServer;
import org.toktrace.testkit.traffic.Extras.Visit;
import org.toktrace.testkit.traffic.GroundTruth;
import org.toktrace.testkit.traffic.Hello;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;
import org.toktrace.testkit.traffic.ServerDirectory.Role;

/**
 * Attribution end to end: generated hotspot captures whose every server is known
 * ({@link GroundTruth}), analysed as a user would, each on several seeds. The assertion messages
 * carry the counts (flows, TikTok flows, correctly attributed, false positives).
 */
class AttributionScenarioTest {

    static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    /** Across the seeds of the regular scenario: flows named by QUIC SNI and by DNS alone. */
    private static long quicNamed;
    private static long regularCaptures;

    /**
     * Three phones (one dual-stack) for 150 s: 20-40 s in the background, then scrolling for
     * 30-90 s; short videos so a capture stays a few MB; a third of the videos over QUIC.
     */
    static Scenario hotspot(long seed) {
        return new Scenario(seed, 3, 1, 150 * SECOND, 0, false, 30, 90, 20, 40, 150_000, 500_000, 0.35);
    }

    static AnalysisResult generateAndAnalyze(Path file, Scenario s, Extras e, AnalysisOptions options) throws Exception {
        HotspotTrafficGenerator.write(s, e, file);
        AnalysisResult r = new CaptureAnalyzer(options).analyze(file);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(0, r.counters().malformed(), "malformed frames");
        return r;
    }

    // ---------------------------------------------------------------- the regular hotspot

    static Stream<Arguments> regularCases() {
        List<Arguments> cases = new ArrayList<>();
        for (long seed : new long[] {1, 2, 3, 4, 5}) {
            cases.add(Arguments.of(seed, false));
            cases.add(Arguments.of(seed, true));
        }
        return cases.stream();
    }

    /**
     * DNS with CNAME chains via Akamai and ByteDance edges, ClientHellos over two TCP segments, QUIC
     * Initials (split over two packets; with {@code shuffled}, cut into CRYPTO frames in random
     * order), IPv4 and IPv6: every TikTok flow is TikTok with its category, nothing else is TikTok,
     * the platform push channel is Google FCM.
     */
    @ParameterizedTest(name = "seed {0}, shuffled CRYPTO {1}")
    @MethodSource("regularCases")
    void regularHotspot(long seed, boolean shuffled) throws Exception {
        GroundTruth truth = GroundTruth.standard();
        AnalysisResult r = generateAndAnalyze(dir.resolve("regular.pcap"), hotspot(seed),
                Extras.NONE.withShuffledCrypto(shuffled), AnalysisOptions.defaults());
        Audit a = Audit.of(r, truth, Set.of());
        a.assertClean("regular seed " + seed + (shuffled ? " shuffled" : ""));
        assertTrue(a.tiktok > 20, a.counts());
        assertTrue(a.fcm >= 3, "every phone keeps an FCM connection; " + a.counts());
        assertTrue(a.v6TikTok > 0, "the dual-stack phone reaches TikTok over IPv6; " + a.counts());
        assertTrue(a.bySource[NameSource.TLS_SNI.ordinal()] > 0, a.counts());
        synchronized (AttributionScenarioTest.class) {
            quicNamed += a.bySource[NameSource.QUIC_SNI.ordinal()];
            regularCaptures++;
        }
    }

    @AfterAll
    static void quicWasCovered() {
        if (regularCaptures >= 5) {
            assertTrue(quicNamed > 0, "over " + regularCaptures + " regular captures, no flow was named by QUIC SNI");
        }
    }

    // ---------------------------------------------------------------- lookalikes

    static final List<String> LOOKALIKES = List.of("nottiktok.com", "tiktok.com.example.net", "mytiktokcdn.com",
            "v16-webapp.tiktok.com.evil.example");

    static Extras lookalikes() {
        Extras e = Extras.NONE;
        int i = 10;
        for (String name : LOOKALIKES) {
            // CNAME chains that look like TikTok's too, ending off TikTok's domains
            e = e.withServers(AddedServer.of(name, Role.OTHER_WEB, false,
                    List.of(name + ".tiktokcdn.com.cdn.example.org", "edge" + i + ".tiktokv.com-cdn.example.org"),
                    List.of("198.51.100." + i, "203.0.113." + i), List.of("2001:db8:beef::" + i)));
            e = e.withVisits(new Visit(name, Hello.TLS_SNI, true, 3, 5, 140, false),
                    new Visit(name, Hello.HTTP_HOST, true, 1, 5, 140, false),
                    new Visit(name, Hello.TLS_NO_SNI, true, 1, 5, 140, false));
            i++;
        }
        return e;
    }

    /** Servers whose names only look like TikTok's, in SNI, Host and DNS answers: never TikTok. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void lookalikesAreNeverTikTok(long seed) throws Exception {
        Extras extras = lookalikes();
        GroundTruth truth = GroundTruth.of(extras);
        AnalysisResult r = generateAndAnalyze(dir.resolve("lookalike.pcap"), hotspot(seed), extras, AnalysisOptions.defaults());
        Audit a = Audit.of(r, truth, Set.of());
        a.assertClean("lookalikes seed " + seed);
        int flows = 0;
        List<String> unnamed = new ArrayList<>();
        for (FlowRecord f : r.flows()) {
            GroundTruth.Server s = truth.at(f.key().server()).orElse(null);
            if (s != null && LOOKALIKES.contains(s.name())) {
                flows++;
                Attribution at = f.attribution();
                if (at.evidence() == null || !s.name().equals(at.serverName())) {
                    unnamed.add(describe(f, s));
                }
            }
        }
        // 3 phones x 4 names x 5 visits, less what the capture's end cuts off
        assertTrue(flows >= 3 * 4 * 4, "lookalike flows: " + flows + "; " + a.counts());
        assertEquals(List.of(), unnamed, "lookalike flows are named (by SNI, Host or DNS) but not TikTok; " + flows
                + " lookalike flows");
    }

    // ---------------------------------------------------------------- DNS only

    static final List<String> DNS_ONLY = List.of("v16-webapp-prime.tiktok.com", "v77.tiktokcdn-us.com",
            "p16-sign-va.tiktokcdn.com", "p16-sign.tiktokcdn-us.com", "api16-core-c-useast1a.tiktokv.com",
            "mon16-normal-useast5.tiktokv.us");

    /**
     * ClientHellos without SNI, and cleartext requests without Host, after a DNS answer with a CNAME
     * chain: named by that answer, with the name that was asked, not the chain's end.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void dnsAloneNamesFlowsByTheNameAsked(long seed) throws Exception {
        Extras extras = Extras.NONE;
        for (String name : DNS_ONLY) {
            extras = extras.withVisits(new Visit(name, Hello.TLS_NO_SNI, true, 2, 5, 140, false),
                    new Visit(name, Hello.HTTP_NO_HOST, true, 1, 5, 140, false));
        }
        GroundTruth truth = GroundTruth.of(extras);
        AnalysisResult r = generateAndAnalyze(dir.resolve("dns.pcap"), hotspot(seed), extras, AnalysisOptions.defaults());
        Audit a = Audit.of(r, truth, Set.of());
        a.assertClean("dns-only seed " + seed);
        int nameless = 0;
        List<String> wrong = new ArrayList<>();
        for (FlowRecord f : r.flows()) {
            GroundTruth.Server s = truth.at(f.key().server()).orElse(null);
            if (s == null || !s.tiktok() || f.names().serverName() != null || f.key().protocol() != 6) {
                continue;
            }
            nameless++;
            Attribution at = f.attribution();
            boolean ok = at.evidence() != null && at.evidence().source() == NameSource.DNS
                    && s.name().equals(at.serverName()) && s.category() == at.category() && at.isTikTok()
                    && at.evidence().detail().contains(s.cnames().get(s.cnames().size() - 1));
            if (!ok) {
                wrong.add(describe(f, s));
            }
        }
        assertTrue(nameless >= 3 * DNS_ONLY.size() * 2, "TCP TikTok flows without a name of their own: " + nameless);
        assertEquals(List.of(), wrong, nameless + " TikTok flows without SNI/Host, " + (nameless - wrong.size())
                + " named by DNS with the asked name and the right category");
    }

    // ---------------------------------------------------------------- connections older than the capture

    /** TikTok servers only long connections reach, so nothing in the later capture looks them up. */
    static Extras longConnections() {
        return Extras.NONE
                .withServers(
                        AddedServer.of("im-ws-va.tiktokv.com", Role.PUSH, true,
                                List.of("im-ws-va.tiktokv.com.ttdns2.com", "tiktokv.com.c.bytefcdn-oversea.com"),
                                List.of("128.1.201.33", "161.117.95.40"), List.of("2001:db8:cafe::21")),
                        AddedServer.of("api22-normal-c-useast2a.tiktokv.com", Role.API, true,
                                List.of("api22-normal-c-useast2a.tiktokv.com.ttdns2.com"),
                                List.of("128.1.202.34", "161.117.96.41"), List.of("2001:db8:cafe::22")),
                        AddedServer.of("mcs-va.tiktokv.com", Role.TELEMETRY, true,
                                List.of("mcs-va.tiktokv.com.ttdns2.com", "tiktokv.com.c.bytefcdn-oversea.com"),
                                List.of("128.1.203.35"), List.of()))
                .withVisits(new Visit("im-ws-va.tiktokv.com", Hello.TLS_SNI, true, 1, 1, 20, true),
                        new Visit("api22-normal-c-useast2a.tiktokv.com", Hello.TLS_SNI, true, 1, 1, 20, true),
                        new Visit("mcs-va.tiktokv.com", Hello.TLS_SNI, true, 1, 1, 20, true));
    }

    static final long CUT = 45 * SECOND;

    /**
     * The same phones, recorded in two captures: the first saw the lookups, the second starts with
     * the connections already open (no handshake, no DNS). Alone, the second cannot name them; with
     * what the first taught (its learned names as the name memory), it names them all.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33, 34, 35})
    void nameMemoryNamesConnectionsOpenedBeforeTheCapture(long seed) throws Exception {
        Extras extras = longConnections();
        GroundTruth truth = GroundTruth.of(extras);
        Scenario s = hotspot(seed);
        AnalysisResult earlier = generateAndAnalyze(dir.resolve("earlier.pcap"), s, extras.withCaptureWindow(0, CUT),
                AnalysisOptions.defaults());
        Audit.of(earlier, truth, Set.of()).assertClean("earlier capture seed " + seed);

        Path later = dir.resolve("later.pcap");
        AnalysisResult alone = generateAndAnalyze(later, s, extras.withCaptureWindow(CUT, 0), AnalysisOptions.defaults());
        AnalysisResult remembered = new CaptureAnalyzer(AnalysisOptions.defaults().withKnownNames(earlier.learnedNames()))
                .analyze(later);

        Set<FlowKey> before = new HashSet<>();
        earlier.flows().forEach(f -> before.add(f.key()));
        List<FlowRecord> open = alone.flows().stream().filter(f -> openBefore(f, before)).toList();
        List<FlowRecord> openRemembered = remembered.flows().stream().filter(f -> openBefore(f, before)).toList();
        assertEquals(open.size(), openRemembered.size());

        int tiktokOpen = 0;
        List<String> namedAlone = new ArrayList<>();
        for (FlowRecord f : open) {
            GroundTruth.Server t = truth.at(f.key().server()).orElse(null);
            if (t != null && t.tiktok()) {
                tiktokOpen++;
                Evidence ev = f.attribution().evidence();
                // alone, only another flow of the same capture to the same server may name it, and rightly
                boolean byThisCapture = ev != null && ev.source() == NameSource.NAME_MEMORY
                        && ev.detail().contains("in another flow of this capture") && t.name().equals(f.attribution().serverName());
                if (ev != null && ev.source() != NameSource.IP_RANGE && !byThisCapture) {
                    namedAlone.add(describe(f, t));
                }
            }
        }
        // each phone: its three long connections and TikTok's push channel
        assertTrue(tiktokOpen >= 3 * 4, "TikTok connections open at the cut: " + tiktokOpen + " of " + open.size());
        assertEquals(List.of(), namedAlone,
                "without memory, connections open before the capture are unnamed, ip-range, or named by the capture's other flows");

        int right = 0;
        List<String> wrong = new ArrayList<>();
        for (FlowRecord f : openRemembered) {
            GroundTruth.Server t = truth.at(f.key().server()).orElse(null);
            if (t == null || !t.tiktok()) {
                continue;
            }
            Attribution at = f.attribution();
            NameSource how = at.evidence() == null ? null : at.evidence().source();
            if (how == NameSource.NAME_MEMORY && t.name().equals(at.serverName())
                    && at.isTikTok() && t.category() == at.category()) {
                right++;
            } else {
                wrong.add(describe(f, t));
            }
        }
        assertEquals(List.of(), wrong, tiktokOpen + " TikTok connections open at the cut, " + right + " named by the name memory");
        Audit.of(remembered, truth, Set.of()).assertClean("later capture with memory, seed " + seed);
    }

    /**
     * A connection open before the capture began, to a server the app reaches again later in the
     * same capture: the later flow's ClientHello names the server, and so the open connection, with
     * no earlier capture to remember it.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {36, 37, 38})
    void aConnectionOpenBeforeTheCaptureTakesTheNameALaterFlowShowsForItsServer(long seed) throws Exception {
        // mcs-va has one address, so the later visit reaches the very server of the open connection
        Extras extras = longConnections().withVisits(new Visit("mcs-va.tiktokv.com", Hello.TLS_SNI, false, 1, 60, 80, false));
        GroundTruth truth = GroundTruth.of(extras);
        Path first = dir.resolve("first.pcap");
        AnalysisResult whole = generateAndAnalyze(first, hotspot(seed), extras.withCaptureWindow(0, CUT), AnalysisOptions.defaults());
        Set<FlowKey> before = new HashSet<>();
        whole.flows().forEach(f -> before.add(f.key()));
        AnalysisResult later = generateAndAnalyze(dir.resolve("later.pcap"), hotspot(seed), extras.withCaptureWindow(CUT, 0),
                AnalysisOptions.defaults());
        IpAddress mcs = IpAddress.parse("128.1.203.35");
        List<FlowRecord> open = later.flows().stream().filter(f -> openBefore(f, before) && f.key().server().equals(mcs)).toList();
        assertFalse(open.isEmpty(), "the telemetry connections were open at the cut");
        for (FlowRecord f : open) {
            Attribution a = f.attribution();
            assertEquals(NameSource.NAME_MEMORY, a.evidence().source(), f.toString());
            assertEquals("mcs-va.tiktokv.com", a.serverName(), f.toString());
            assertEquals(Category.TELEMETRY, a.category(), f.toString());
            assertTrue(a.evidence().detail().contains("tls-sni in another flow of this capture to 128.1.203.35"), a.evidence().detail());
        }
        // the other open connections stay unnamed (no flow of this capture names their servers): none is named wrong
        for (FlowRecord f : later.flows()) {
            GroundTruth.Server t = truth.at(f.key().server()).orElse(null);
            if (f.attribution().isTikTok()) {
                assertTrue(t != null && t.tiktok(), "no false TikTok: " + f);
            }
        }
    }

    /** The flow was already open in the earlier capture (either orientation, in case the cut confuses who is the client). */
    static boolean openBefore(FlowRecord f, Set<FlowKey> before) {
        FlowKey k = f.key();
        return before.contains(k) || before.contains(new FlowKey(k.protocol(), k.server(), k.serverPort(), k.client(), k.clientPort()));
    }

    // ---------------------------------------------------------------- IP ranges

    static final String RANGED = "v45-origin.tiktokcdn-us.com";
    static final String AKAMAI_UNNAMED = "v26-edge.tiktokcdn.com";

    /**
     * No SNI, no DNS: a server in ByteDance's own network is TikTok by IP range (category other);
     * an Akamai-hosted TikTok server is not (Akamai serves everyone).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42, 43, 44, 45})
    void ipRangeNamesByteDanceNetworksOnly(long seed) throws Exception {
        Extras extras = Extras.NONE
                .withServers(AddedServer.of(RANGED, Role.VIDEO, true, List.of(), List.of("71.18.20.7"), List.of("2605:340:cd02::7")),
                        AddedServer.of(AKAMAI_UNNAMED, Role.VIDEO, true, List.of(), List.of("23.45.67.89"),
                                List.of("2600:1406:3c00:18::1730:2b5b")))
                .withVisits(new Visit(RANGED, Hello.TLS_NO_SNI, false, 3, 5, 140, false),
                        new Visit(AKAMAI_UNNAMED, Hello.TLS_NO_SNI, false, 3, 5, 140, false));
        GroundTruth truth = GroundTruth.of(extras);
        AnalysisResult r = generateAndAnalyze(dir.resolve("ranges.pcap"), hotspot(seed), extras, AnalysisOptions.defaults());
        Audit a = Audit.of(r, truth, Set.of(RANGED, AKAMAI_UNNAMED));
        a.assertClean("ip-range seed " + seed);
        int ranged = 0;
        int akamai = 0;
        List<String> wrong = new ArrayList<>();
        for (FlowRecord f : r.flows()) {
            GroundTruth.Server t = truth.at(f.key().server()).orElse(null);
            if (t == null) {
                continue;
            }
            Attribution at = f.attribution();
            if (t.name().equals(RANGED)) {
                ranged++;
                if (at.evidence() == null || at.evidence().source() != NameSource.IP_RANGE || !at.isTikTok()
                        || at.category() != Category.OTHER) {
                    wrong.add(describe(f, t));
                }
            } else if (t.name().equals(AKAMAI_UNNAMED)) {
                akamai++;
                if (at.evidence() != null || at.isTikTok()) {
                    wrong.add(describe(f, t));
                }
            }
        }
        assertTrue(ranged >= 6 && akamai >= 6, "ranged " + ranged + ", Akamai " + akamai);
        assertEquals(List.of(), wrong, ranged + " flows into ByteDance's range, " + akamai + " to an unnamed Akamai address");
    }

    // ---------------------------------------------------------------- HTTP Host

    static final List<String> HTTP_TIKTOK = List.of("v16m-default.tiktokcdn-us.com", "p77-sign.tiktokcdn-us.com",
            "api16-normal-c-useast1a.tiktokv.com");

    /** A cleartext request to a TikTok server, no lookup: named by its Host header. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {51, 52, 53, 54, 55})
    void httpHostNamesCleartextFlows(long seed) throws Exception {
        Extras extras = Extras.NONE;
        for (String name : HTTP_TIKTOK) {
            extras = extras.withVisits(new Visit(name, Hello.HTTP_HOST, false, 2, 5, 140, false));
        }
        GroundTruth truth = GroundTruth.of(extras);
        AnalysisResult r = generateAndAnalyze(dir.resolve("http.pcap"), hotspot(seed), extras, AnalysisOptions.defaults());
        Audit.of(r, truth, Set.of()).assertClean("http seed " + seed);
        int http = 0;
        List<String> wrong = new ArrayList<>();
        for (FlowRecord f : r.flows()) {
            GroundTruth.Server t = truth.at(f.key().server()).orElse(null);
            if (t == null || f.key().serverPort() != 80) {
                continue;
            }
            http++;
            Attribution at = f.attribution();
            if (at.evidence() == null || at.evidence().source() != NameSource.HTTP_HOST || !t.name().equals(at.serverName())
                    || !at.isTikTok() || at.category() != t.category()) {
                wrong.add(describe(f, t));
            }
        }
        assertTrue(http >= 3 * HTTP_TIKTOK.size() * 2 - 2, "cleartext TikTok flows: " + http);
        assertEquals(List.of(), wrong, http + " cleartext TikTok flows");
    }

    // ---------------------------------------------------------------- the audit

    static String describe(FlowRecord f, GroundTruth.Server t) {
        Attribution a = f.attribution();
        return f.key().transportName() + " " + f.key().client() + ":" + f.key().clientPort() + " -> " + f.key().server() + ":"
                + f.key().serverPort() + " truth " + (t == null ? "-" : t.name() + "/" + t.service() + "/" + t.category())
                + " own name " + f.names().serverName() + " got " + (a.evidence() == null ? "nothing"
                        : a.evidence().source().label() + " " + a.serverName() + "/" + a.service() + "/" + a.category());
    }

    /** Every flow of a result against the truth: TikTok flows right, nothing else TikTok, FCM as FCM. */
    static final class Audit {
        int flows;
        int tiktok;
        int correct;
        int v6TikTok;
        int fcm;
        /** Flows whose client address is a server's: oriented backwards (counted, not asserted: a mid-stream heuristic). */
        int backwards;
        final long[] bySource = new long[NameSource.values().length];
        final List<String> wrong = new ArrayList<>();
        final List<String> falsePositives = new ArrayList<>();
        final List<String> fcmWrong = new ArrayList<>();

        /**
         * @param special servers whose flows the test checks itself (the capture cannot name them from
         *                their own truth); they still must not make any other flow wrong
         */
        static Audit of(AnalysisResult r, GroundTruth truth, Set<String> special) {
            assertEquals(java.util.Map.of(), truth.sharedAddresses(), "ambiguous truth");
            Audit a = new Audit();
            for (FlowRecord f : r.flows()) {
                a.flows++;
                IpAddress server = f.key().server();
                GroundTruth.Server t = truth.at(server).orElse(null);
                Attribution at = f.attribution();
                assertNotNull(at);
                if (truth.at(f.key().client()).isPresent()) {
                    a.backwards++;
                }
                if (t != null && special.contains(t.name())) {
                    continue;
                }
                if (t != null && t.tiktok()) {
                    a.tiktok++;
                    if (server.v6()) {
                        a.v6TikTok++;
                    }
                    if (at.evidence() != null) {
                        a.bySource[at.evidence().source().ordinal()]++;
                    }
                    boolean nameRight = at.evidence() == null || at.evidence().source() == NameSource.IP_RANGE
                            || t.name().equals(at.serverName());
                    if (at.isTikTok() && at.category() == t.category() && nameRight) {
                        a.correct++;
                    } else {
                        a.wrong.add(describe(f, t));
                    }
                } else if (at.isTikTok()) {
                    a.falsePositives.add(describe(f, t));
                }
                if (t != null && "Google FCM".equals(t.service())) {
                    a.fcm++;
                    if (!"Google FCM".equals(at.service())) {
                        a.fcmWrong.add(describe(f, t));
                    }
                }
            }
            return a;
        }

        String counts() {
            return flows + " flows, " + tiktok + " to TikTok servers (" + v6TikTok + " over IPv6), " + correct
                    + " attributed right, " + wrong.size() + " wrong, " + falsePositives.size() + " false positives, "
                    + fcm + " FCM flows (" + fcmWrong.size() + " not named FCM), " + backwards + " oriented backwards; by source "
                    + sources();
        }

        private String sources() {
            StringBuilder sb = new StringBuilder();
            for (NameSource s : NameSource.values()) {
                if (bySource[s.ordinal()] > 0) {
                    sb.append(s.label()).append('=').append(bySource[s.ordinal()]).append(' ');
                }
            }
            return sb.toString().trim();
        }

        void assertClean(String what) {
            System.out.println("[scenario] " + what + ": " + counts());
            assertEquals(List.of(), wrong, what + ": TikTok flows attributed wrong; " + counts());
            assertEquals(List.of(), falsePositives, what + ": false positives; " + counts());
            assertEquals(List.of(), fcmWrong, what + ": FCM flows; " + counts());
        }
    }
}
