package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * The immutable outcome of analysing a capture: its flows in order of first appearance, the packet
 * counters, and the warnings (a damaged file still yields the flows read before the damage).
 */
public record AnalysisResult(
        CaptureInfo capture,
        List<FlowRecord> flows,
        PacketCounters counters,
        List<CaptureWarning> warnings,
        boolean complete) {

    public AnalysisResult {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(counters, "counters");
        flows = List.copyOf(flows);
        warnings = List.copyOf(warnings);
    }

    /** Distinct devices (client addresses) among the flows. */
    public long deviceCount() {
        return flows.stream().map(FlowRecord::device).distinct().count();
    }
}
