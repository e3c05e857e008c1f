package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.toktrace.testkit.InteropCaptures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.model.AnalysisResult;

/**
 * On every real capture in {@code ../shared/interop}, the packets and IP bytes of every flow, summed
 * per 5-tuple and direction, equal tshark's (docs/decisions/0004-truth-from-tshark.md).
 */
@Tag("interop")
class InteropFlowTotalsTest {

    static Stream<Path> captures() throws IOException {
        return InteropCaptures.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void flowTotalsEqualTsharks(Path capture) throws Exception {
        Path expected = Path.of("src/test/resources/interop-expected", capture.getFileName() + ".flows.tsv");
        assertTrue(Files.exists(expected), "no tshark expectation for " + capture.getFileName());
        AnalysisResult result = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture);
        assertTrue(result.warnings().isEmpty(), "warnings: " + result.warnings());
        assertEquals(0, result.counters().malformed(), "malformed packets");
        assertEquals(ConversationTotals.listing(ConversationTotals.read(expected)),
                ConversationTotals.listing(ConversationTotals.of(result.flows())));
    }
}
