package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.NameSource;

/**
 * On every real capture in {@code ../shared/interop}, the server name TokTrace finds in each
 * ClientHello (TLS over TCP, or QUIC Initial) equals the one tshark 4.0 decodes
 * ({@code expected/NAME.sni.tsv}), and no flow gets a name from its payload that tshark does not show.
 */
@Tag("interop")
class InteropSniTest {

    static List<Path> captures() throws Exception {
        return InteropFlowTotalsTest.captures().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void serverNamesEqualTsharks(Path capture) throws Exception {
        Path tsv = capture.getParent().resolveSibling("expected").resolve(capture.getFileName() + ".sni.tsv");
        assertTrue(Files.exists(tsv), "no tshark listing " + tsv);
        // tshark's ClientHellos, per 5-tuple: the names it shows (empty when the ClientHello has none)
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(tsv)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            // a ClientHello inside a tunnel (CAPWAP) lists outer,inner addresses: TokTrace follows the inner flow
            f[2] = f[2].substring(f[2].lastIndexOf(',') + 1);
            f[4] = f[4].substring(f[4].lastIndexOf(',') + 1);
            String key = (f[1].equals("tcp") ? "TCP" : "UDP") + " " + f[2] + " " + f[3] + " " + f[4] + " " + f[5];
            expected.merge(key, f[6], (a, b) -> a.isEmpty() ? b : a);
        }
        AnalysisResult result = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture);
        Map<String, String> actual = new TreeMap<>();
        Map<String, List<String>> invented = new HashMap<>();
        for (FlowRecord f : result.flows()) {
            String key = f.key().transportName() + " " + f.key().client() + " " + f.key().clientPort() + " "
                    + f.key().server() + " " + f.key().serverPort();
            String name = f.names().serverName();
            boolean fromClientHello = f.names().source() == NameSource.TLS_SNI || f.names().source() == NameSource.QUIC_SNI;
            if (expected.containsKey(key)) {
                actual.merge(key, fromClientHello ? name : "", (a, b) -> a.isEmpty() ? b : a);
            } else if (fromClientHello) {
                invented.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
            }
        }
        assertEquals(expected, actual, "server names per 5-tuple");
        assertEquals(Map.of(), invented, "names tshark does not show");
    }
}
