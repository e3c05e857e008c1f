package org.toktrace.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.toktrace.classify.StateClassifier;
import org.toktrace.model.AppState;
import org.toktrace.model.Device;
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

    /** Gives one device's intervals from its TikTok flows, as {@link StateClassifier#classify} does. */
    @FunctionalInterface
    interface DeviceClassifier {
        List<StateInterval> classify(Device.Id device, List<FlowRecord> deviceFlows, long binNanos, long endNanos);
    }

    private static final AppState[] STATES = AppState.values(); // values() copies the array at each call

    private StateAnalysis() {
    }

    /** The longest bin the states are decoded in: beyond it one bin holds whole sessions. */
    static final Duration MAX_BIN = Duration.ofMinutes(10);

    /**
     * @param endNanos the capture's last timestamp: where the last interval of every device ends
     */
    static Outcome run(List<FlowRecord> flows, Duration bin, long endNanos) {
        if (!decodable(bin)) {
            return new Outcome(flows, List.of());
        }
        return run(flows, new StateClassifier(), endNanos);
    }

    /** Whether states are decoded in bins of {@code bin}: positive and at most {@link #MAX_BIN}. */
    static boolean decodable(Duration bin) {
        return !(bin.isNegative() || bin.isZero() || bin.compareTo(MAX_BIN) > 0);
    }

    /** {@link #run(List, Duration, long)} with a given classifier. */
    static Outcome run(List<FlowRecord> flows, StateClassifier classifier, long endNanos) {
        return run(flows, (device, deviceFlows, binNanos, end) -> classifier.classify(deviceFlows, binNanos, end),
                endNanos);
    }

    /**
     * {@link #run(List, Duration, long)} with the intervals of each device from {@code classifier}; every
     * figure but the intervals is computed here, so a classifier that reuses earlier intervals changes
     * nothing else.
     */
    static Outcome run(List<FlowRecord> flows, DeviceClassifier classifier, long endNanos) {
        Map<Device.Id, List<TikTokBins.Bin>> perDevice = TikTokBins.of(flows);
        Map<Device.Id, List<FlowRecord>> flowsPerDevice = new HashMap<>();
        for (FlowRecord f : flows) {
            if (f.attribution().isTikTok()) {
                flowsPerDevice.computeIfAbsent(Device.Id.of(f), k -> new ArrayList<>()).add(f);
            }
        }
        Map<Device.Id, DeviceStates> byDevice = new HashMap<>();
        List<DeviceStates> states = new ArrayList<>();
        for (Map.Entry<Device.Id, List<TikTokBins.Bin>> e : perDevice.entrySet()) {
            List<FlowRecord> deviceFlows = flowsPerDevice.get(e.getKey());
            List<StateInterval> intervals = classifier.classify(e.getKey(), deviceFlows,
                    deviceFlows.get(0).bins().binNanos(), endNanos);
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
            DeviceStates d = f.attribution().isTikTok() ? byDevice.get(Device.Id.of(f)) : null;
            out.add(d == null ? f : f.withAttribution(f.attribution().withState(stateOf(f.bins(), d))));
        }
        // the most TikTok bytes first, ties in order of first appearance (the sort is stable)
        states.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return new Outcome(out, states);
    }

    /**
     * The state holding most of the flow's bytes; between foreground and the background states a tie
     * goes to the background, and a flow without bins is background.
     */
    static AppState stateOf(FlowBins bins, DeviceStates device) {
        long[] bytes = new long[STATES.length];
        for (int i = 0; i < bins.size(); i++) {
            AppState s = device.stateAt(bins.binStartNanos(i));
            bytes[(s == null ? AppState.BACKGROUND : s).ordinal()] += bins.bytesUp(i) + bins.bytesDown(i);
        }
        AppState best = AppState.BACKGROUND;
        for (AppState s : STATES) {
            if (bytes[s.ordinal()] > bytes[best.ordinal()]) {
                best = s;
            }
        }
        return best;
    }
}
