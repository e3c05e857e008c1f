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
            boolean complete;
            try {
                complete = pipeline.run(source, listener, cancelled);
            } catch (IOException | RuntimeException e) {
                pipeline.abandon();
                throw e;
            }
            pipeline.finish();
            listener.progress(pipeline.progress(source));
            return result(pipeline, source, file.toString(), complete, options);
        }
    }

    /** The result of a finished {@code pipeline} over {@code source}: files and live capture alike. */
    static AnalysisResult result(PacketPipeline pipeline, FrameSource source, String sourceName, boolean complete,
            AnalysisOptions options) {
        List<CaptureWarning> warnings = new ArrayList<>(source.warnings());
        warnings.addAll(pipeline.warnings());
        CaptureInfo info = new CaptureInfo(sourceName, source.size(), source.format(),
                pipeline.linkTypes(), pipeline.firstNanos(), pipeline.lastNanos());
        List<FlowRecord> attributed = pipeline.flows();
        StateAnalysis.Outcome states = StateAnalysis.run(attributed, options.bin(), pipeline.lastNanos());
        List<FlowRecord> flows = states.flows();
        return new AnalysisResult(info, flows, pipeline.counters(), warnings, complete,
                pipeline.learnedNames(), pipeline.catalogVersion(), TrafficBreakdowns.of(flows), states.states());
    }
}
