package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.traffic.Extras;
import org.toktrace.testkit.traffic.Extras.AddedServer;
import org.toktrace.testkit.traffic.Extras.Visit;
import org.toktrace.testkit.traffic.GroundTruth;
import org.toktrace.testkit.traffic.Hello;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;
import org.toktrace.testkit.traffic.ServerDirectory.Role;

/**
 * {@code toktrace analyze CAPTURE --flows-csv F --db DB} on generated captures: the CSV's
 * server_name, name_source, service and category hold the truth for TikTok's flows; a second capture
 * of the same phones, starting with connections already open, analysed with the same database,
 * names those connections by the name memory the first run saved.
 */
class AnalyzeAttributionCliTest {

    static final long SECOND = 1_000_000_000L;
    static final long CUT = 45 * SECOND;

    @TempDir
    Path dir;

    static Scenario hotspot(long seed) {
        return new Scenario(seed, 3, 1, 150 * SECOND, 0, false, 30, 90, 20, 40, 150_000, 500_000, 0.35);
    }

    /** Long connections to TikTok servers nothing else looks up, opened in the first 20 s. */
    static Extras longConnections() {
        return Extras.NONE
                .withServers(AddedServer.of("im-ws-va.tiktokv.com", Role.PUSH, true,
                                List.of("im-ws-va.tiktokv.com.ttdns2.com", "tiktokv.com.c.bytefcdn-oversea.com"),
                                List.of("128.1.201.33"), List.of("2001:db8:cafe::21")),
                        AddedServer.of("api22-normal-c-useast2a.tiktokv.com", Role.API, true,
                                List.of("api22-normal-c-useast2a.tiktokv.com.ttdns2.com"), List.of("128.1.202.34"), List.of()))
                .withVisits(new Visit("im-ws-va.tiktokv.com", Hello.TLS_SNI, true, 1, 1, 20, true),
                        new Visit("api22-normal-c-useast2a.tiktokv.com", Hello.TLS_SNI, true, 1, 1, 20, true));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {71, 72, 73})
    void flowsCsvCarriesTheAttributionAndTheDatabaseRemembers(long seed) throws Exception {
        Extras extras = longConnections();
        GroundTruth truth = GroundTruth.of(extras);
        Path earlier = dir.resolve("earlier.pcap");
        Path later = dir.resolve("later.pcap");
        HotspotTrafficGenerator.write(hotspot(seed), extras.withCaptureWindow(0, CUT), earlier);
        HotspotTrafficGenerator.write(hotspot(seed), extras.withCaptureWindow(CUT, 0), later);
        Path db = dir.resolve("db").resolve("toktrace");
        Files.createDirectories(db.getParent());

        Path csvA = dir.resolve("earlier.csv");
        CliRun a = CliRun.of("analyze", earlier.toString(), "--flows-csv", csvA.toString(), "--db", db.toString(), "--quiet");
        assertEquals(0, a.exit(), a.err());
        List<CSVRecord> rowsA = read(csvA);
        int tiktok = 0;
        List<String> wrong = new ArrayList<>();
        int falsePositives = 0;
        for (CSVRecord r : rowsA) {
            GroundTruth.Server t = truth.at(IpAddress.parse(r.get("server_ip"))).orElse(null);
            if (t != null && t.tiktok()) {
                tiktok++;
                String source = r.get("name_source");
                boolean nameRight = t.name().equals(r.get("server_name"));
                boolean ok = (source.equals("tls-sni") || source.equals("quic-sni") || source.equals("dns")) && nameRight
                        && r.get("service").equals("TikTok") && r.get("category").equals(t.category().label());
                if (!ok) {
                    wrong.add(row(r));
                }
            } else if (r.get("service").equals("TikTok")) {
                falsePositives++;
            }
        }
        assertTrue(tiktok >= 3 * 3, "TikTok rows in the earlier capture: " + tiktok);
        assertEquals(List.of(), wrong, rowsA.size() + " rows, " + tiktok + " TikTok");
        assertEquals(0, falsePositives, "rows named TikTok to servers that are not");

        Set<String> openBefore = new HashSet<>();
        for (CSVRecord r : rowsA) {
            openBefore.add(tuple(r));
        }
        Path csvB = dir.resolve("later.csv");
        CliRun b = CliRun.of("analyze", later.toString(), "--flows-csv", csvB.toString(), "--db", db.toString(), "--quiet");
        assertEquals(0, b.exit(), b.err());
        int open = 0;
        List<String> notRemembered = new ArrayList<>();
        for (CSVRecord r : read(csvB)) {
            GroundTruth.Server t = truth.at(IpAddress.parse(r.get("server_ip"))).orElse(null);
            if (t == null || !t.tiktok() || !openBefore.contains(tuple(r))) {
                continue;
            }
            open++;
            if (!(r.get("name_source").equals("name-memory") && r.get("server_name").equals(t.name())
                    && r.get("service").equals("TikTok") && r.get("category").equals(t.category().label()))) {
                notRemembered.add(row(r));
            }
        }
        // each phone: two long connections and TikTok's push channel
        assertTrue(open >= 3 * 3, "TikTok connections open at the cut: " + open);
        assertEquals(List.of(), notRemembered, open + " TikTok connections open at the cut");
    }

    private static String tuple(CSVRecord r) {
        return r.get("transport") + " " + r.get("client_ip") + " " + r.get("client_port") + " " + r.get("server_ip") + " "
                + r.get("server_port");
    }

    private static String row(CSVRecord r) {
        return tuple(r) + " -> " + r.get("server_name") + " / " + r.get("name_source") + " / " + r.get("service") + " / "
                + r.get("category");
    }

    private static List<CSVRecord> read(Path csv) throws Exception {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }
}
