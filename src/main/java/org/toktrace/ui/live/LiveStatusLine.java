package org.toktrace.ui.live;

import java.util.ArrayList;
import java.util.List;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Device;
import org.toktrace.model.LiveCaptureStats;
import org.toktrace.model.StateInterval;
import org.toktrace.ui.Figures;

/**
 * The one-line status of a live capture: its counters, TikTok's foreground and background bytes so
 * far, and each device's current state (that of its last interval) under the name it gave itself.
 */
final class LiveStatusLine {

    /** Devices named in the line at most; a busy hotspot would make it unreadable. */
    static final int MAX_DEVICES = 4;

    private LiveStatusLine() {
    }

    static String of(String interfaceName, LiveCaptureStats stats, AnalysisResult r, List<Device> devices) {
        StringBuilder s = new StringBuilder("Capturing on ").append(interfaceName).append(" \u00b7 ")
                .append(Figures.count(stats.framesCaptured())).append(" packets, ")
                .append(Figures.bytes(stats.bytesCaptured())).append(", ")
                .append(Figures.count(stats.dropped())).append(" dropped");
        if (r != null) {
            DeviceStates total = r.totalStates();
            s.append(" \u00b7 TikTok foreground ").append(Figures.bytes(total.foregroundBytes()))
                    .append(", background ").append(Figures.bytes(total.backgroundBytes()));
            List<String> states = deviceStates(r, devices);
            if (!states.isEmpty()) {
                s.append(" \u00b7 ").append(String.join(", ", states));
            }
        }
        return s.toString();
    }

    /** "Pixel-7 · aa:bb:… (foreground)" for each device with TikTok traffic, the busiest first. */
    static List<String> deviceStates(AnalysisResult r, List<Device> devices) {
        List<String> out = new ArrayList<>();
        for (DeviceStates d : r.states()) {
            if (out.size() == MAX_DEVICES) {
                out.add("\u2026");
                break;
            }
            List<StateInterval> intervals = d.intervals();
            String state = intervals.isEmpty() ? "no state yet" : intervals.get(intervals.size() - 1).state().label();
            out.add(nameOf(d.device(), devices) + " (" + state + ")");
        }
        return out;
    }

    /** The device as the Device picker names it ({@link Device#title()}), or its label when unknown. */
    static String nameOf(Device.Id device, List<Device> devices) {
        for (Device h : devices) {
            if (h.id().equals(device)) {
                return h.title();
            }
        }
        return device.label();
    }
}
