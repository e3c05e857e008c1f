package org.toktrace.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.toktrace.attribute.TrafficBreakdowns;
import org.toktrace.capture.FrameSource;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.LearnedName;
import org.toktrace.model.PacketCounters;

/**
 * Builds every result of one run of a {@link PacketPipeline} over a source: the partial results while
 * a file loads, a live capture's snapshots and the final result of either, all from the same parts (the
 * capture's description, the counters, the source's and the pipeline's warnings, the devices that
 * announced themselves, the flows, TikTok's states, the breakdown), so that one input gives one result
 * whichever way it is asked for. The results differ only where the run does:
 * <ul>
 * <li>a snapshot's flows are those in the heap and the open ones, attributed from what the capture
 *     showed (the flows a spilled {@link FlowStore} keeps on disk, and the name memory, come in the
 *     final result only), it is not complete, and it has taught no names yet;</li>
 * <li>a snapshot's states keep the intervals of devices whose TikTok traffic did not change
 *     ({@link IncrementalStates}); the final result's equal a classification from scratch.</li>
 * </ul>
 */
final class ResultBuilder {

    private final PacketPipeline pipeline;
    private final FrameSource source;
    private final String sourceName;
    private final IncrementalStates states;

    ResultBuilder(PacketPipeline pipeline, FrameSource source, String sourceName, AnalysisOptions options) {
        this(pipeline, source, sourceName, new IncrementalStates(options.bin()));
    }

    ResultBuilder(PacketPipeline pipeline, FrameSource source, String sourceName, IncrementalStates states) {
        this.pipeline = pipeline;
        this.source = source;
        this.sourceName = sourceName;
        this.states = states;
    }

    /**
     * Builds the result so far and hands it to {@code consumer} on the pipeline's worker: what the
     * packet thread knows is read here, on it (call on the packet thread); flows, attribution and
     * states on the worker. Does nothing while the previous snapshot is still being built.
     *
     * @param endNanos where the states end: the last packet's time, or now in a live capture, so that
     *                 a device leaves foreground during silence too
     * @return false when skipped for that reason
     */
    boolean snapshot(long endNanos, Consumer<AnalysisResult> consumer) {
        CaptureInfo info = info();
        PacketCounters counters = pipeline.counters();
        List<CaptureWarning> warnings = warnings();
        List<Device> announced = pipeline.announcedDevices();
        return pipeline.snapshotFlows(attributed -> {
            StateAnalysis.Outcome stated = states.provisional(attributed, endNanos);
            consumer.accept(assemble(info, stated, counters, warnings, false, List.of(),
                    pipeline.catalogVersionOnWorker(), announced));
        });
    }

    /** The final result; call once, after {@link PacketPipeline#finish()}, on the thread that called it. */
    AnalysisResult result(boolean complete) {
        StateAnalysis.Outcome stated = pipeline.statedFlows(tiktok -> states.exact(tiktok, pipeline.lastNanos()));
        return assemble(info(), stated, pipeline.counters(), warnings(), complete, pipeline.learnedNames(),
                pipeline.catalogVersion(), pipeline.announcedDevices());
    }

    private CaptureInfo info() {
        return new CaptureInfo(sourceName, source.size(), source.format(), pipeline.linkTypes(),
                pipeline.firstNanos(), pipeline.lastNanos());
    }

    private List<CaptureWarning> warnings() {
        List<CaptureWarning> warnings = new ArrayList<>(source.warnings());
        warnings.addAll(pipeline.warnings());
        return warnings;
    }

    private static AnalysisResult assemble(CaptureInfo info, StateAnalysis.Outcome stated, PacketCounters counters,
            List<CaptureWarning> warnings, boolean complete, List<LearnedName> learned, String catalogVersion,
            List<Device> announced) {
        List<FlowRecord> flows = stated.flows();
        return new AnalysisResult(info, flows, counters, warnings, complete, learned, catalogVersion,
                TrafficBreakdowns.of(flows), stated.states(), announced);
    }
}
