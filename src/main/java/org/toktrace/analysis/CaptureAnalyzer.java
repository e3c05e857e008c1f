package org.toktrace.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.toktrace.attribute.IpRanges;
import org.toktrace.attribute.ServiceCatalog;
import org.toktrace.capture.CaptureFiles;
import org.toktrace.capture.CaptureOpenException;
import org.toktrace.capture.FrameSource;
import org.toktrace.model.AnalysisResult;

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
            ResultBuilder results = new ResultBuilder(pipeline, source, file.toString(), options);
            long partialEvery = listener.partialResultIntervalNanos();
            try {
                boolean complete;
                try {
                    complete = pipeline.run(source, listener, cancelled, partialEvery,
                            partialEvery > 0 ? () -> publishPartial(pipeline, results, listener) : null);
                } catch (IOException | RuntimeException e) {
                    pipeline.abandon();
                    throw e;
                }
                pipeline.finish();
                listener.progress(pipeline.progress(source));
                return results.result(complete);
            } catch (OutOfMemoryError e) {
                // anywhere on this thread: what the run holds goes with the pipeline, and the caller gets one line
                pipeline.abandon();
                throw new MemoryExhaustedException(pipeline.frames());
            }
        }
    }

    /** Hands the analysis so far to {@code listener}, on the pipeline's worker. */
    private static void publishPartial(PacketPipeline pipeline, ResultBuilder results, AnalysisListener listener) {
        results.snapshot(pipeline.lastNanos(), partial -> {
            try {
                listener.partialResult(partial);
            } catch (RuntimeException e) {
                // a partial result is a courtesy to the viewer: its failure must not cost the analysis
            }
        });
    }
}
