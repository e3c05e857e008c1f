package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.toktrace.testkit.InteropCaptures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.capture.CaptureFiles;
import org.toktrace.capture.FrameSource;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;

/**
 * On every real capture in {@code ../shared/interop}, the server name read from each TCP
 * ClientHello equals the one tshark 4.0 reads ({@code expected/NAME.sni.tsv}), and no TCP flow is
 * given a name tshark did not see (QUIC lines are another dissector's); and every DNS response
 * reads as tshark reads it.
 *
 * <p>A ClientHello tshark found inside a tunnel (CAPWAP data carrying 802.11 frames) is listed with
 * outer and inner addresses comma-separated; the decoder follows the inner packet, so the inner
 * addresses are the flow's.
 */
@Tag("interop")
class InteropDissectTest {

    static Stream<Path> captures() throws IOException {
        return InteropCaptures.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void tcpServerNamesEqualTsharks(Path capture) throws Exception {
        Path expected = capture.getParent().resolveSibling("expected").resolve(capture.getFileName() + ".sni.tsv");
        assertTrue(Files.exists(expected), "no tshark listing for " + capture.getFileName());

        FlowHarness harness = new FlowHarness();
        try (FrameSource source = CaptureFiles.open(capture)) {
            while (source.next()) {
                harness.frame(source.buffer(), source.frameOffset(), source.capturedLength(), source.originalLength(),
                        source.linkType(), source.timestampNanos());
            }
        }
        Map<String, FlowHarness.Flow> tcpFlows = new HashMap<>();
        for (FlowHarness.Flow f : harness.flows.values()) {
            if (f.protocol == 6) {
                tcpFlows.put(key(f.client, f.clientPort, f.server, f.serverPort), f);
            }
        }

        List<String> mismatches = new ArrayList<>();
        int tunnelled = 0;
        java.util.Set<String> named = new java.util.HashSet<>();
        for (String line : Files.readAllLines(expected)) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (!c[1].equals("tcp")) {
                continue;
            }
            String sni = c[6].isEmpty() ? null : c[6];
            if (c[2].contains(",")) {
                tunnelled++; // the inner flow of a CAPWAP tunnel, which the decoder unwraps
                c[2] = c[2].substring(c[2].lastIndexOf(',') + 1);
                c[4] = c[4].substring(c[4].lastIndexOf(',') + 1);
            }
            String key = key(IpAddress.parse(c[2]), Integer.parseInt(c[3]), IpAddress.parse(c[4]), Integer.parseInt(c[5]));
            named.add(key);
            FlowHarness.Flow f = tcpFlows.get(key);
            String ours = f == null ? null : f.serverName();
            if (f == null || !java.util.Objects.equals(sni, ours)) {
                mismatches.add("frame " + c[0] + " " + key + ": tshark " + sni + ", ours " + ours + " (" + f + ")");
            }
        }
        for (Map.Entry<String, FlowHarness.Flow> e : tcpFlows.entrySet()) {
            // HTTP Host names are not in tshark's ClientHello listing; only an SNI can be invented here
            if (!named.contains(e.getKey()) && e.getValue().serverName() != null
                    && e.getValue().inspection.names().source() == NameSource.TLS_SNI) {
                mismatches.add("invented " + e.getValue());
            }
        }
        assertEquals(List.of(), mismatches, capture.getFileName() + (tunnelled > 0 ? " (" + tunnelled
                + " ClientHello inside a tunnel, not decoded)" : ""));
    }

    /**
     * Every DNS response on port 53 reads as tshark reads it: client, question, and the A, AAAA and
     * CNAME records with their TTLs ({@code src/test/resources/interop-expected/NAME.dns.tsv},
     * written by {@code src/test/scripts/tshark-dns-answers.py}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void dnsAnswersEqualTsharks(Path capture) throws Exception {
        Path expected = Path.of("src/test/resources/interop-expected", capture.getFileName() + ".dns.tsv");
        List<String> want = Files.exists(expected) ? Files.readAllLines(expected) : List.of();
        FlowHarness harness = new FlowHarness();
        try (FrameSource source = CaptureFiles.open(capture)) {
            while (source.next()) {
                harness.frame(source.buffer(), source.frameOffset(), source.capturedLength(), source.originalLength(),
                        source.linkType(), source.timestampNanos());
            }
        }
        List<String> got = new ArrayList<>();
        for (org.toktrace.model.DnsAnswer a : harness.answers) {
            StringBuilder records = new StringBuilder();
            for (org.toktrace.model.DnsAnswer.Record r : a.records()) {
                if (records.length() > 0) {
                    records.append(';');
                }
                records.append(r.name()).append(' ').append(r.ttlSeconds()).append(' ');
                if (r.target() != null) {
                    records.append("CNAME ").append(r.target());
                } else {
                    records.append(r.address().v6() ? "AAAA " : "A ").append(r.address());
                }
            }
            got.add(a.client() + "\t" + a.queryName() + "\t" + records);
        }
        assertEquals(want, got, capture.getFileName().toString());
    }

    private static String key(IpAddress client, int clientPort, IpAddress server, int serverPort) {
        return client + " " + clientPort + " " + server + " " + serverPort;
    }
}
