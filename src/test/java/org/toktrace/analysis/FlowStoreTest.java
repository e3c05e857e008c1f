package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.export.SummaryJsonWriter;
import org.toktrace.export.TimelineCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.FixedFlowList;
import org.toktrace.model.FlowRecord;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/** Flows kept on disk read back as they went in, and an analysis that keeps them there gives the same files. */
class FlowStoreTest {
    private static final Path SAMPLE = Path.of("captures", "hotspot-sample.pcap");

    @TempDir
    Path dir;

    @Test
    void everyFlowOfTheSampleSurvivesTheCodecUnchanged() throws Exception {
        List<FlowRecord> flows = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(SAMPLE).flows();
        FlowCodec codec = new FlowCodec();
        for (FlowRecord f : flows) {
            codec.encode(f);
            ByteBuffer in = ByteBuffer.wrap(codec.bytes(), 0, codec.length());
            assertEquals(f, FlowCodec.decode(in));
            assertFalse(in.hasRemaining(), "the record ends where its bytes do");
        }
        assertTrue(flows.size() > 50);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7})
    void anAnalysisWithItsFlowsOnDiskWritesTheSameFiles(int inMemory) throws Exception {
        Path capture = dir.resolve("two-phones.pcap");
        HotspotTrafficGenerator.write(Scenario.sample().withSeed(42), capture);
        AnalysisResult heap = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture);
        AnalysisResult disk = new CaptureAnalyzer(AnalysisOptions.defaults().withFlowsInMemory(inMemory)).analyze(capture);
        assertFalse(heap.flows() instanceof FixedFlowList, "an ordinary capture stays in the heap");
        assertInstanceOf(FixedFlowList.class, disk.flows(), "past the limit the flows are read from disk");
        assertEquals(heap.flows(), disk.flows());
        assertEquals(text(heap), text(disk));
        assertThrows(UnsupportedOperationException.class, () -> disk.flows().add(heap.flows().get(0)));
    }

    private static String text(AnalysisResult r) throws Exception {
        StringBuilder out = new StringBuilder();
        new FlowsCsvWriter(TikTokReport.networks()).write(r.flows(), out);
        new TimelineCsvWriter().write(r, out);
        new SummaryJsonWriter().write(r, TikTokReport.of(r), TikTokReport.destinations(r), out);
        return out.toString();
    }
}
