package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.FlowRecord;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/** A long analysis hands out partial results on the way, and they leave the final result untouched. */
class PartialResultsTest {

    @TempDir
    Path dir;

    @Test
    void partialResultsGrowTowardsTheFinalOneWhichTheyDoNotChange() throws Exception {
        Path capture = dir.resolve("bulk.pcap");
        HotspotTrafficGenerator.write(Scenario.bulk(7, 40_000_000), capture);
        List<AnalysisResult> partials = new CopyOnWriteArrayList<>();
        AnalysisListener listener = new AnalysisListener() {
            @Override
            public void progress(AnalysisProgress progress) {
            }

            @Override
            public long partialResultIntervalNanos() {
                return 1;
            }

            @Override
            public void partialResult(AnalysisResult partial) {
                partials.add(partial);
            }
        };
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisOptions.defaults());
        // the cancel check runs every 16,384 frames on the packet thread: slowed down, time passes
        // between progress reports whatever the machine, and each report is due a partial result
        AnalysisResult last = analyzer.analyze(capture, listener, () -> {
            sleep(250);
            return false;
        });
        AnalysisResult plain = analyzer.analyze(capture);

        assertFalse(partials.isEmpty(), "no partial result during a slowed analysis of " + last.counters().frames() + " frames");
        long previousFrames = 0;
        for (AnalysisResult p : partials) {
            assertFalse(p.complete());
            assertTrue(p.counters().frames() > previousFrames, "each partial result reads further");
            assertTrue(p.counters().frames() < last.counters().frames());
            previousFrames = p.counters().frames();
            List<FlowRecord> flows = p.flows();
            for (int i = 1; i < flows.size(); i++) {
                assertTrue(flows.get(i - 1).id() < flows.get(i).id(), "flows in id order, each once");
            }
            assertTrue(flows.size() <= last.flows().size());
            assertTrue(tiktokBytes(p) <= tiktokBytes(last));
        }
        assertTrue(tiktokBytes(partials.get(partials.size() - 1)) > 0, "the last partial result already shows TikTok");
        assertEquals(csv(plain), csv(last), "partial results do not change the final one");
    }

    private static long tiktokBytes(AnalysisResult r) {
        return r.flows().stream().filter(f -> f.attribution().isTikTok()).mapToLong(FlowRecord::bytes).sum();
    }

    private static String csv(AnalysisResult r) throws IOException {
        StringWriter out = new StringWriter();
        new FlowsCsvWriter(TikTokReport.networks()).write(r.flows(), out);
        return out.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
