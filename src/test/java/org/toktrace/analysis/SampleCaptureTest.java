package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AnalysisResult;

/** The bundled sample: every flow's packets and IP bytes, per 5-tuple and direction, equal tshark's. */
class SampleCaptureTest {

    static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");

    @Test
    void flowTotalsEqualTsharks() throws Exception {
        AnalysisResult result = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(SAMPLE);
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        assertEquals(0, result.counters().malformed());
        assertTrue(Files.size(SAMPLE) < 5_000_000, "the sample stays under 5 MB");
        Path expected = Path.of("src/test/resources/sample-expected/hotspot-sample.pcap.flows.tsv");
        assertEquals(ConversationTotals.listing(ConversationTotals.read(expected)),
                ConversationTotals.listing(ConversationTotals.of(result.flows())));
        assertEquals(2, result.devices().size(), "two phones, one of them dual-stack");
    }
}
