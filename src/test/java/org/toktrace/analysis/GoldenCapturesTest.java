package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.PacketCounters;

/**
 * Every capture in {@code src/test/resources/golden} beside its expected listing ({@code NAME.expected.txt}:
 * the packet counters, the warnings and the flows CSV) and tshark's per-5-tuple totals
 * ({@code NAME.tshark.tsv}). Run with {@code -Dgolden.regenerate=true} to rewrite the listings after a
 * deliberate change, then review the diff; the tshark files come from {@code src/test/scripts/tshark-flow-totals.py}.
 * The captures are written by {@link GoldenCorpus} (link layers, IP, TCP, fragments, file formats) and
 * {@link org.toktrace.testkit.traffic.DissectorGoldens} (the {@code dissect-*} files: one flow per way
 * a name reaches TokTrace: TLS SNI whole and reassembled out of order, QUIC Initials whole and over two
 * packets, HTTP Host, SMTP STARTTLS, DNS over UDP through a CNAME and over TCP, one message across two
 * segments; their names are the ones tshark reads, with {@code tcp.reassemble_out_of_order} on; and
 * {@code catalog-categories.pcap}, one flow per kind of name the catalog tells apart, whose service
 * and category columns {@link CatalogGoldenTest} also checks against the catalog's rows).
 */
class GoldenCapturesTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
            assertFalse(list.isEmpty(), "no golden captures in " + GOLDEN);
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void listingMatches(Path capture) throws Exception {
        AnalysisResult result = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture);
        String actual = listing(result);
        Path expected = GOLDEN.resolve(capture.getFileName() + ".expected.txt");
        if (Boolean.getBoolean("toktrace.golden.regenerate")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(expected), "no expected listing " + expected + " (regenerate with -Dgolden.regenerate=true)");
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void totalsMatchTshark(Path capture) throws Exception {
        Path expected = GOLDEN.resolve(capture.getFileName() + ".tshark.tsv");
        assertTrue(Files.exists(expected), "no tshark totals " + expected);
        AnalysisResult result = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture);
        assertEquals(ConversationTotals.listing(ConversationTotals.read(expected)),
                ConversationTotals.listing(ConversationTotals.of(result.flows())));
    }

    static String listing(AnalysisResult result) throws IOException {
        PacketCounters c = result.counters();
        StringBuilder sb = new StringBuilder();
        sb.append("# frames=").append(c.frames()).append(" ip=").append(c.ipPackets())
                .append(" ip_bytes=").append(c.ipBytes()).append(" non_ip=").append(c.nonIp())
                .append(" malformed=").append(c.malformed()).append(" unsupported_link=").append(c.unsupportedLink())
                .append(" fragments=").append(c.fragments()).append(" orphan_fragments=").append(c.orphanFragments())
                .append(" link_types=").append(result.capture().linkTypes()).append('\n');
        for (CaptureWarning w : result.warnings()) {
            sb.append("# warning: ").append(w).append('\n');
        }
        StringBuilder csv = new StringBuilder();
        new FlowsCsvWriter(TikTokReport.networks()).write(result.flows(), csv);
        sb.append(csv.toString().replace("\r\n", "\n"));
        return sb.toString();
    }
}
