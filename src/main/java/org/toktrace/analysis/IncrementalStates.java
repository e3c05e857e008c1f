package org.toktrace.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.toktrace.classify.StateClassifier;
import org.toktrace.model.AppState;
import org.toktrace.model.Device;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;

/**
 * TikTok's states per device across the results of one run, classifying again only the devices whose
 * TikTok flows changed since the previous result: a snapshot then costs in proportion to what changed,
 * not to everything captured so far.
 *
 * <p>The classifier is a pure function of a device's flows, the bin width and the end, so intervals
 * kept for the same three inputs are the intervals a fresh classification gives; the exact form
 * ({@link #exact}) keeps nothing else, and the final result equals a classification from scratch.
 * The provisional form ({@link #provisional}) also keeps the intervals of a device whose flows are
 * unchanged while only the end moved on, its last interval stretched to the new end: a snapshot's
 * newest interval is provisional anyway. It does not keep them when that last interval is foreground
 * (the screen ends with the last viewing download, so silence must be able to end it) nor once they
 * are {@link #REFRESH_NANOS} older than the end (a silent device's background may turn from minimized
 * to closed), so the cost of a silent device is one classification per refresh, not per snapshot.
 *
 * <p>Used by one thread at a time: the pipeline's worker for snapshots, then whoever builds the final
 * result after the worker has stopped.
 */
final class IncrementalStates {

    /** How far the end may move past a device's classification before a provisional result redoes it. */
    static final long REFRESH_NANOS = 10_000_000_000L;

    /** One device's classification: the inputs it was made from and its intervals. */
    private record Classified(List<FlowRecord> flows, long binNanos, long endNanos, List<StateInterval> intervals) {
    }

    private final Duration bin;
    private final StateClassifier classifier;
    private Map<Device.Id, Classified> previous = new HashMap<>();
    /** Classifications run so far, for tests of what is redone. */
    private long classifications;

    IncrementalStates(Duration bin) {
        this(bin, new StateClassifier());
    }

    IncrementalStates(Duration bin, StateClassifier classifier) {
        this.bin = bin;
        this.classifier = classifier;
    }

    /** The states of a snapshot or partial result; see the class comment for what is kept. */
    StateAnalysis.Outcome provisional(List<FlowRecord> flows, long endNanos) {
        return run(flows, endNanos, false);
    }

    /** The states as {@link StateAnalysis#run(List, Duration, long)} gives them, reusing only identical classifications. */
    StateAnalysis.Outcome exact(List<FlowRecord> flows, long endNanos) {
        return run(flows, endNanos, true);
    }

    /** How many device classifications have run (package-private: tests count what is redone). */
    long classifications() {
        return classifications;
    }

    private StateAnalysis.Outcome run(List<FlowRecord> flows, long endNanos, boolean exact) {
        if (!StateAnalysis.decodable(bin)) {
            return new StateAnalysis.Outcome(flows, List.of());
        }
        Map<Device.Id, Classified> next = new HashMap<>();
        StateAnalysis.Outcome out = StateAnalysis.run(flows, (device, deviceFlows, binNanos, end) -> {
            Classified kept = previous.get(device);
            boolean same = kept != null && kept.binNanos() == binNanos && kept.flows().equals(deviceFlows);
            if (same && kept.endNanos() == end) {
                next.put(device, kept);
                return kept.intervals();
            }
            if (same && !exact && stretchable(kept, end)) {
                next.put(device, kept); // still the inputs it was made from, so the refresh comes in time
                return stretched(kept.intervals(), end);
            }
            classifications++;
            List<StateInterval> intervals = classifier.classify(deviceFlows, binNanos, end);
            next.put(device, new Classified(List.copyOf(deviceFlows), binNanos, end, intervals));
            return intervals;
        }, endNanos);
        previous = next; // devices gone from the flows (none, as flows only grow) are forgotten
        return out;
    }

    private static boolean stretchable(Classified kept, long end) {
        List<StateInterval> intervals = kept.intervals();
        return end > kept.endNanos() && end - kept.endNanos() < REFRESH_NANOS && !intervals.isEmpty()
                && intervals.get(intervals.size() - 1).state() != AppState.FOREGROUND
                && intervals.get(intervals.size() - 1).endNanos() == kept.endNanos();
    }

    private static List<StateInterval> stretched(List<StateInterval> intervals, long end) {
        List<StateInterval> out = new ArrayList<>(intervals);
        StateInterval last = out.get(out.size() - 1);
        out.set(out.size() - 1, new StateInterval(last.state(), last.startNanos(), end, last.confidence(), last.reason()));
        return out;
    }
}
