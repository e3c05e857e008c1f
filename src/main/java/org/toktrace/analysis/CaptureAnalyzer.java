package org.toktrace.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.toktrace.attribute.IpRanges;
import org.toktrace.attribute.ServiceCatalog;
import org.toktrace.attribute.TrafficBreakdowns;
import org.toktrace.capture.CaptureFiles;
import org.toktrace.capture.CaptureOpenException;
import org.toktrace.capture.FrameSource;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.HotspotDevice;
import org.toktrace.model.PacketCounters;

/**
 * Analyses a capture file in one streaming pass and returns an immutable result. Used by the CLI
 * and the desktop app alike; call it off the UI thread.
 */
public final class CaptureAnalyzer {

    private final AnalysisOptions options;

    /**
     * Starts loading, on another thread, what every analysis needs and a fresh JVM takes a while
     * to get ready (the service catalog, the IP ranges), so a
     * caller can overlap it with its own start-up, e.g. the command line's parsing. Optional: an
     * analysis loads whatever is not ready yet itself.
     */
    public static void prepareInBackground() {
        Thread t = new Thread(() -> {
            ServiceCatalog.bundled();
            IpRanges.bundled();
        }, "toktrace-prepare");
        t.setDaemon(true);
        t.start();
    }

    public CaptureAnalyzer(AnalysisOptions options) {
        this.options = options;
    }

    /** Analyses {@code file} to its end. */
    public AnalysisResult analyze(Path file) throws UnreadableCaptureException, IOException {
        return analyze(file, AnalysisListener.NONE, () -> false);
    }

    /**
     * Analyses {@code file}, reporting progress to {@code listener}; stops early, with the flows
     * found so far and {@code complete() == false}, once {@code cancelled} returns true.
     *
     * @throws UnreadableCaptureException when the file cannot be read as a capture at all
     * @throws IOException when reading fails part-way (a disk error, not damaged content)
     * @throws MemoryExhaustedException when the heap ran out before anything could be reported; when
     *         it only ran low, the result holds the flows so far, is not complete, and says so in a warning
     */
    public AnalysisResult analyze(Path file, AnalysisListener listener, BooleanSupplier cancelled)
            throws UnreadableCaptureException, IOException {
        FrameSource source;
        try {
            source = CaptureFiles.open(file);
        } catch (CaptureOpenException e) {
            throw new UnreadableCaptureException(e.getMessage(), e);
        }
        try (source) {
            Path name = file.getFileName();
            PacketPipeline pipeline = new PacketPipeline(options, name == null ? file.toString() : name.toString());
            long partialEvery = listener.partialResultIntervalNanos();
            try {
                boolean complete;
                try {
                    complete = pipeline.run(source, listener, cancelled, partialEvery,
                            partialEvery > 0 ? () -> publishPartial(pipeline, source, file.toString(), listener) : null);
                } catch (IOException | RuntimeException e) {
                    pipeline.abandon();
                    throw e;
                }
                pipeline.finish();
                listener.progress(pipeline.progress(source));
                return result(pipeline, source, file.toString(), complete, options);
            } catch (OutOfMemoryError e) {
                // anywhere on this thread: what the run holds goes with the pipeline, and the caller gets one line
                pipeline.abandon();
                throw new MemoryExhaustedException(pipeline.frames());
            }
        }
    }

    /**
     * Builds the analysis so far on the pipeline's worker and hands it to {@code listener}: what the
     * packet thread knows is read here, on it; flows, attribution and states on the worker.
     */
    private void publishPartial(PacketPipeline pipeline, FrameSource source, String sourceName,
            AnalysisListener listener) {
        CaptureInfo info = new CaptureInfo(sourceName, source.size(), source.format(), pipeline.linkTypes(),
                pipeline.firstNanos(), pipeline.lastNanos());
        PacketCounters counters = pipeline.counters();
        List<CaptureWarning> warnings = new ArrayList<>(source.warnings());
        warnings.addAll(pipeline.warnings());
        long end = pipeline.lastNanos();
        List<HotspotDevice> announced = pipeline.announcedDevices();
        pipeline.snapshotFlows(attributed -> {
            StateAnalysis.Outcome states = StateAnalysis.run(attributed, options.bin(), end);
            List<FlowRecord> flows = states.flows();
            AnalysisResult partial = new AnalysisResult(info, flows, counters, warnings, false, List.of(),
                    pipeline.catalogVersionOnWorker(), TrafficBreakdowns.of(flows), states.states(), announced);
            try {
                listener.partialResult(partial);
            } catch (RuntimeException e) {
                // a partial result is a courtesy to the viewer: its failure must not cost the analysis
            }
        });
    }

    /** The result of a finished {@code pipeline} over {@code source}: files and live capture alike. */
    static AnalysisResult result(PacketPipeline pipeline, FrameSource source, String sourceName, boolean complete,
            AnalysisOptions options) {
        List<CaptureWarning> warnings = new ArrayList<>(source.warnings());
        warnings.addAll(pipeline.warnings());
        CaptureInfo info = new CaptureInfo(sourceName, source.size(), source.format(),
                pipeline.linkTypes(), pipeline.firstNanos(), pipeline.lastNanos());
        StateAnalysis.Outcome states = pipeline.statedFlows(options.bin(), pipeline.lastNanos());
        List<FlowRecord> flows = states.flows();
        return new AnalysisResult(info, flows, pipeline.counters(), warnings, complete,
                pipeline.learnedNames(), pipeline.catalogVersion(), TrafficBreakdowns.of(flows), states.states(),
                pipeline.announcedDevices());
    }
}
