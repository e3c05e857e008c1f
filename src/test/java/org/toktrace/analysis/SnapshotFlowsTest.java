package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.toktrace.capture.CaptureFiles;
import org.toktrace.capture.FrameSource;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowRecord;

/**
 * Live snapshots: the flows so far, open ones included, attributed from what the capture showed,
 * taken while the table keeps following them. Taken at the end of the sample, a snapshot names the
 * same flows the same way as the finished analysis.
 */
class SnapshotFlowsTest {

    @Test
    void aSnapshotAtTheEndHasTheFinalFlowsAndNames() throws Exception {
        AnalysisResult fin = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(SampleCaptureTest.SAMPLE);
        PacketPipeline pipeline = new PacketPipeline(AnalysisOptions.defaults(), "snapshot");
        List<FlowRecord> snapshot;
        List<FlowRecord> second;
        try (FrameSource source = CaptureFiles.open(SampleCaptureTest.SAMPLE)) {
            pipeline.run(source, AnalysisListener.NONE, () -> false);
            snapshot = take(pipeline);
            second = take(pipeline); // the table still follows its flows: the same again
            pipeline.finish();
        }
        assertEquals(fin.flows().size(), snapshot.size());
        assertTrue(snapshot.stream().anyMatch(f -> f.end() == FlowEnd.CAPTURE_END), "open flows are in");
        for (int i = 0; i < snapshot.size(); i++) {
            FlowRecord s = snapshot.get(i);
            FlowRecord f = fin.flows().get(i);
            assertEquals(f.id(), s.id());
            assertEquals(f.key(), s.key());
            assertEquals(f.packetsUp() + f.packetsDown(), s.packetsUp() + s.packetsDown());
            assertEquals(f.attribution().service(), s.attribution().service(), f.toString());
            assertEquals(f.attribution().category(), s.attribution().category(), f.toString());
            assertEquals(f.names().serverName(), s.names().serverName(), f.toString());
        }
        assertEquals(snapshot.size(), second.size());
        assertEquals(fin.flows().size(), pipeline.statedFlows(java.time.Duration.ofSeconds(1), pipeline.lastNanos()).flows().size(),
                "finishing after snapshots loses nothing");
    }

    @Test
    void aSnapshotRequestedWhileOneIsPendingIsSkipped() throws Exception {
        PacketPipeline pipeline = new PacketPipeline(AnalysisOptions.defaults(), "pending");
        CompletableFuture<Void> release = new CompletableFuture<>();
        List<Integer> served = new ArrayList<>();
        try (FrameSource source = CaptureFiles.open(SampleCaptureTest.SAMPLE)) {
            pipeline.run(source, AnalysisListener.NONE, () -> false);
            pipeline.snapshotFlows(flows -> {
                served.add(1);
                release.join(); // keep the worker busy with the first
            });
            pipeline.snapshotFlows(flows -> served.add(2));
            release.complete(null);
            pipeline.finish();
        }
        assertEquals(List.of(1), served);
    }

    private static List<FlowRecord> take(PacketPipeline pipeline) throws Exception {
        CompletableFuture<List<FlowRecord>> f = new CompletableFuture<>();
        // the worker clears its pending flag just after handing the flows over: ask until accepted
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!pipeline.snapshotFlows(f::complete)) {
            assertTrue(System.nanoTime() < deadline, "a snapshot request was never accepted");
            Thread.sleep(1);
        }
        List<FlowRecord> flows = f.get(60, TimeUnit.SECONDS);
        assertNotNull(flows);
        return flows;
    }
}
