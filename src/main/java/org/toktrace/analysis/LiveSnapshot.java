package org.toktrace.analysis;

import java.util.List;
import java.util.Objects;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Device;

/**
 * The analysis of a live capture so far, as if it ended now: flows (open ones included, with
 * their counts so far), attribution, TikTok's states per device, and the devices on the hotspot.
 */
public record LiveSnapshot(AnalysisResult result, List<Device> devices, LiveProgress progress) {

    public LiveSnapshot {
        Objects.requireNonNull(result, "result");
        devices = List.copyOf(devices);
        Objects.requireNonNull(progress, "progress");
    }
}
