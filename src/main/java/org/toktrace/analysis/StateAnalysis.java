package org.toktrace.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.toktrace.classify.StateClassifier;
import org.toktrace.classify.StateThresholds;
import org.toktrace.model.AppState;
import org.toktrace.model.Category;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TikTokBins;

/**
 * After attribution: classifies TikTok's foreground/background state per device from the merged
 * bins of its TikTok flows, and gives each TikTok flow the state that holds most of its bytes.
 */
final class StateAnalysis {

    /** The flows (TikTok ones with their state) and the states per device. */
    record Outcome(List<FlowRecord> flows, List<DeviceStates> states) {
    }

    private static final Category[] CATEGORIES = Category.values(); // values() copies the array at each call

    private StateAnalysis() {
    }

    /** The classifier's thresholds for the analysis's bin, or null when the bin does not suit it. */
    static StateThresholds thresholdsFor(Duration bin) {
        return StateThresholds.forBin(bin).orElse(null);
    }

    /**
     * @param endNanos the capture's last timestamp: where the last interval of every device ends
     */
    static Outcome run(List<FlowRecord> flows, Duration bin, long endNanos) {
        StateThresholds thresholds = thresholdsFor(bin);
        if (thresholds == null) {
            return new Outcome(flows, List.of());
        }
        return run(flows, thresholds, endNanos);
    }

    /** {@link #run(List, Duration, long)} with given thresholds, whose bin must be the flows' bin. */
    static Outcome run(List<FlowRecord> flows, StateThresholds thresholds, long endNanos) {
        Map<String, List<TikTokBins.Bin>> perDevice = TikTokBins.of(flows);
        Map<String, DeviceStates> byDevice = new HashMap<>();
        List<DeviceStates> states = new ArrayList<>();
        for (Map.Entry<String, List<TikTokBins.Bin>> e : perDevice.entrySet()) {
            StateClassifier classifier = new StateClassifier(thresholds);
            for (TikTokBins.Bin b : e.getValue()) {
                for (Category c : CATEGORIES) {
                    long down = b.downByCategory()[c.ordinal()];
                    long up = b.upByCategory()[c.ordinal()];
                    if (down != 0 || up != 0) {
                        classifier.onBin(b.binStartNanos(), c, down, up);
                    }
                }
            }
            classifier.finish(endNanos);
            List<StateInterval> intervals = classifier.intervals();
            DeviceStates partial = new DeviceStates(e.getKey(), intervals, 0, 0, 0, 0);
            long fgBytes = 0;
            long bgBytes = 0;
            for (TikTokBins.Bin b : e.getValue()) {
                if (partial.stateAt(b.binStartNanos()) == AppState.FOREGROUND) {
                    fgBytes += b.bytes();
                } else {
                    bgBytes += b.bytes();
                }
            }
            long fgNanos = 0;
            long bgNanos = 0;
            for (StateInterval i : intervals) {
                if (i.state() == AppState.FOREGROUND) {
                    fgNanos += i.durationNanos();
                } else {
                    bgNanos += i.durationNanos();
                }
            }
            DeviceStates d = new DeviceStates(e.getKey(), intervals, fgBytes, bgBytes, fgNanos, bgNanos);
            byDevice.put(e.getKey(), d);
            states.add(d);
        }
        List<FlowRecord> out = new ArrayList<>(flows.size());
        for (FlowRecord f : flows) {
            DeviceStates d = f.attribution().isTikTok() ? byDevice.get(TikTokBins.deviceOf(f)) : null;
            out.add(d == null ? f : f.withAttribution(f.attribution().withState(stateOf(f.bins(), d))));
        }
        // the most TikTok bytes first, ties in order of first appearance (the sort is stable)
        states.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return new Outcome(out, states);
    }

    /** The state holding most of the flow's bytes (background on a tie, and for a flow without bins). */
    static AppState stateOf(FlowBins bins, DeviceStates device) {
        long fg = 0;
        long bg = 0;
        for (int i = 0; i < bins.size(); i++) {
            long bytes = bins.bytesUp(i) + bins.bytesDown(i);
            if (device.stateAt(bins.binStartNanos(i)) == AppState.FOREGROUND) {
                fg += bytes;
            } else {
                bg += bytes;
            }
        }
        return fg > bg ? AppState.FOREGROUND : AppState.BACKGROUND;
    }
}
