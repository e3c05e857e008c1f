package org.toktrace.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TikTokBins;

/**
 * TikTok's bytes over time for the timeline chart, per display bin and state, for all devices or
 * one. A long capture is shown in wider bins (whole multiples of the analysis bin) so a chart never
 * holds more than {@link #MAX_POINTS} bars; the totals stay exact.
 *
 * @param binNanos   width of one display bin
 * @param points     bins with TikTok traffic, in time order
 * @param intervals  the state intervals to shade: the device's, or every device's foreground ones
 */
public record TimelineSeries(long binNanos, List<Point> points, List<StateInterval> intervals) {

    /**
     * Most bars a timeline draws: about two pixels per bar on a full-width chart, more than the eye
     * separates, and few enough that drawing the chart stays well under a frame's budget.
     */
    public static final int MAX_POINTS = 600;

    /** One display bin: TikTok bytes (up and down) by the state of their device at the time. */
    public record Point(long startNanos, long foregroundBytes, long backgroundBytes, long unclassifiedBytes) {
        public long bytes() {
            return foregroundBytes + backgroundBytes + unclassifiedBytes;
        }
    }

    public TimelineSeries {
        points = List.copyOf(points);
        intervals = List.copyOf(intervals);
    }

    public long foregroundBytes() {
        return points.stream().mapToLong(Point::foregroundBytes).sum();
    }

    public long backgroundBytes() {
        return points.stream().mapToLong(Point::backgroundBytes).sum();
    }

    /** The timeline of {@code device} (null: all devices) in {@code result}. */
    public static TimelineSeries of(AnalysisResult result, Device.Id device) {
        Map<Device.Id, DeviceStates> states = new HashMap<>();
        for (DeviceStates d : result.states()) {
            states.put(d.device(), d);
        }
        long analysisBin = analysisBin(result);
        long span = Math.max(1, result.capture().durationNanos());
        long factor = Math.max(1, (span / analysisBin + MAX_POINTS) / MAX_POINTS);
        long width = analysisBin * factor;
        TreeMap<Long, long[]> bins = new TreeMap<>();
        TikTokBins.of(result.flows()).forEach((dev, list) -> {
            if (!Device.includes(device, dev)) {
                return;
            }
            DeviceStates d = states.get(dev);
            for (TikTokBins.Bin b : list) {
                AppState s = d == null ? null : d.stateAt(b.binStartNanos());
                long[] sums = bins.computeIfAbsent(Math.floorDiv(b.binStartNanos(), width) * width, k -> new long[3]);
                sums[s == null ? 2 : s.isBackground() ? 1 : 0] += b.bytes();
            }
        });
        List<Point> points = new ArrayList<>(bins.size());
        bins.forEach((start, s) -> points.add(new Point(start, s[0], s[1], s[2])));
        List<StateInterval> shade = new ArrayList<>();
        for (DeviceStates d : result.states()) {
            if (device == null) {
                d.intervals().stream().filter(i -> i.state() == AppState.FOREGROUND).forEach(shade::add);
            } else if (device.equals(d.device())) {
                shade.addAll(d.intervals());
            }
        }
        return new TimelineSeries(width, points, shade);
    }

    /** One flow's own bytes per analysis bin (up and down), for the flows table's details. */
    public static List<long[]> ofFlow(FlowRecord flow) {
        FlowBins b = flow.bins();
        List<long[]> out = new ArrayList<>(b.size());
        for (int i = 0; i < b.size(); i++) {
            out.add(new long[] {b.binStartNanos(i), b.bytesUp(i), b.bytesDown(i)});
        }
        return out;
    }

    private static long analysisBin(AnalysisResult result) {
        for (FlowRecord f : result.flows()) {
            return f.bins().binNanos();
        }
        return 1_000_000_000L;
    }
}
