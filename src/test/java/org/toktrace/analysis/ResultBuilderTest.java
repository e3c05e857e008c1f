package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.capture.CaptureFiles;
import org.toktrace.capture.FrameSource;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureWarning;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.Frames;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/**
 * One builder for the final result, the partial results of a file and a live capture's snapshots: the
 * same input gives the same result by either path, and a snapshot carries the pipeline's warnings.
 */
class ResultBuilderTest {

    @TempDir
    Path dir;

    @Test
    void aSnapshotAtTheEndIsTheFinalResultButForCompletenessAndLearnedNames() throws Exception {
        AnalysisResult file = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(SampleCaptureTest.SAMPLE);
        PacketPipeline pipeline = new PacketPipeline(AnalysisOptions.defaults(),
                SampleCaptureTest.SAMPLE.getFileName().toString());
        AnalysisResult snapshot;
        AnalysisResult fin;
        try (FrameSource source = CaptureFiles.open(SampleCaptureTest.SAMPLE)) {
            ResultBuilder results = new ResultBuilder(pipeline, source, SampleCaptureTest.SAMPLE.toString(),
                    AnalysisOptions.defaults());
            pipeline.run(source, AnalysisListener.NONE, () -> false);
            snapshot = take(results, pipeline.lastNanos());
            pipeline.finish();
            fin = results.result(true);
        }
        assertFalse(snapshot.complete());
        assertTrue(fin.complete());
        assertTrue(file.equals(fin), "the builder's final result is the analyzer's");
        assertEquals(fin.capture(), snapshot.capture());
        assertEquals(fin.counters(), snapshot.counters());
        assertEquals(fin.warnings(), snapshot.warnings());
        assertEquals(fin.catalogVersion(), snapshot.catalogVersion());
        assertEquals(fin.announcedDevices(), snapshot.announcedDevices());
        assertEquals(fin.hotspotDevices(), snapshot.hotspotDevices());
        assertEquals(fin.breakdown(), snapshot.breakdown());
        assertFalse(fin.states().isEmpty(), "the sample has TikTok states to compare");
        assertEquals(fin.states(), snapshot.states());
        assertEquals(fin.flows().size(), snapshot.flows().size());
        for (int i = 0; i < fin.flows().size(); i++) {
            assertEquals(fin.flows().get(i).attribution(), snapshot.flows().get(i).attribution(),
                    fin.flows().get(i).toString());
        }
    }

    @Test
    void aSnapshotCarriesThePipelinesWarnings() throws Exception {
        CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng().iface(105).iface(1);
        byte[] ip = Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.udp(40000, 443).payload(100)).build();
        for (int i = 0; i < 3; i++) {
            w.epb(0, GoldenCorpus.T0 + i, new byte[60]);
        }
        w.epb(1, GoldenCorpus.T0 + 10, Frames.ethernet(ip));
        Path capture = w.writeTo(dir.resolve("wifi.pcapng"));
        PacketPipeline pipeline = new PacketPipeline(AnalysisOptions.defaults(), "live");
        AnalysisResult snapshot;
        try (FrameSource source = CaptureFiles.open(capture)) {
            ResultBuilder results = new ResultBuilder(pipeline, source, "wlan0", AnalysisOptions.defaults());
            pipeline.run(source, AnalysisListener.NONE, () -> false);
            snapshot = take(results, pipeline.lastNanos() + 1_000_000_000L);
            pipeline.finish();
        }
        assertEquals(List.of(new CaptureWarning(-1,
                "3 frame(s) of link type 105 (IEEE 802.11) skipped: TokTrace does not decode that link type")),
                snapshot.warnings());
    }

    @Test
    void afterPartialSnapshotsTheFinalStatesEqualAClassificationFromScratch() throws Exception {
        Path capture = dir.resolve("two-phones.pcap");
        HotspotTrafficGenerator.write(Scenario.sample().withSeed(11), capture);
        AnalysisOptions options = AnalysisOptions.defaults();
        PacketPipeline pipeline = new PacketPipeline(options, "chunked");
        IncrementalStates states = new IncrementalStates(options.bin());
        List<AnalysisResult> snapshots = new ArrayList<>();
        AnalysisResult fin;
        try (Chunked source = new Chunked(CaptureFiles.open(capture), 300)) {
            ResultBuilder results = new ResultBuilder(pipeline, source, capture.toString(), states);
            while (!source.ended()) {
                source.nextChunk();
                pipeline.run(source, AnalysisListener.NONE, () -> false);
                snapshots.add(take(results, pipeline.lastNanos()));
            }
            pipeline.finish();
            fin = results.result(true);
        }
        assertTrue(snapshots.size() > 5, snapshots.size() + " snapshots");
        assertTrue(snapshots.stream().anyMatch(s -> s.states().size() == 2), "both phones in a snapshot");
        AnalysisResult plain = new CaptureAnalyzer(options).analyze(capture);
        assertEquals(plain.states(), fin.states());
        assertEquals(plain.flows(), fin.flows());
        StateAnalysis.Outcome scratch = StateAnalysis.run(fin.flows(), options.bin(), fin.capture().lastNanos());
        assertEquals(scratch.states(), fin.states());
        assertEquals(scratch.flows(), fin.flows());
        assertTrue(states.classifications() > 0);
    }

    /** Waits for a snapshot; asks again while the previous one is being built. */
    private static AnalysisResult take(ResultBuilder results, long end) throws Exception {
        CompletableFuture<AnalysisResult> f = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!results.snapshot(end, f::complete)) {
            assertTrue(System.nanoTime() < deadline, "a snapshot request was never accepted");
            Thread.sleep(1);
        }
        return f.get(60, TimeUnit.SECONDS);
    }

    /** A source that ends after every {@code chunk} frames until {@link #nextChunk()}, so a run stops there. */
    private static final class Chunked implements FrameSource {
        private final FrameSource in;
        private final int chunk;
        private int left;
        private boolean ended;

        Chunked(FrameSource in, int chunk) {
            this.in = in;
            this.chunk = chunk;
        }

        void nextChunk() {
            left = chunk;
        }

        boolean ended() {
            return ended;
        }

        @Override
        public boolean next() throws IOException {
            if (left == 0 || ended) {
                return false;
            }
            left--;
            ended = !in.next();
            return !ended;
        }

        @Override
        public ByteBuffer buffer() {
            return in.buffer();
        }

        @Override
        public int frameOffset() {
            return in.frameOffset();
        }

        @Override
        public int capturedLength() {
            return in.capturedLength();
        }

        @Override
        public int originalLength() {
            return in.originalLength();
        }

        @Override
        public long timestampNanos() {
            return in.timestampNanos();
        }

        @Override
        public int linkType() {
            return in.linkType();
        }

        @Override
        public int interfaceId() {
            return in.interfaceId();
        }

        @Override
        public long recordOffset() {
            return in.recordOffset();
        }

        @Override
        public long position() {
            return in.position();
        }

        @Override
        public long size() {
            return in.size();
        }

        @Override
        public CaptureFormat format() {
            return in.format();
        }

        @Override
        public List<CaptureWarning> warnings() {
            return in.warnings();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
