package org.toktrace.model;

import java.util.List;

/**
 * The foreground/background states of TikTok on one device over a capture, and how TikTok's bytes
 * and the time split between them (DESIGN.md section 5).
 *
 * @param device          which device; null in the {@link #total} over every device
 * @param intervals       contiguous, in time order, from the device's first TikTok bin to the end of
 *                        the capture
 * @param foregroundBytes TikTok bytes (up and down) in bins inside foreground intervals
 * @param backgroundBytes TikTok bytes in bins inside background intervals
 * @param foregroundNanos time spent in foreground
 * @param backgroundNanos time spent in background
 */
public record DeviceStates(Device.Id device, List<StateInterval> intervals, long foregroundBytes, long backgroundBytes,
        long foregroundNanos, long backgroundNanos) {

    public DeviceStates {
        intervals = List.copyOf(intervals);
        if (foregroundBytes < 0 || backgroundBytes < 0 || foregroundNanos < 0 || backgroundNanos < 0) {
            throw new IllegalArgumentException("negative total");
        }
    }

    /** The state at {@code nanos} (epoch ns), or null outside the intervals. */
    public AppState stateAt(long nanos) {
        int lo = 0;
        int hi = intervals.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            StateInterval i = intervals.get(mid);
            if (nanos < i.startNanos()) {
                hi = mid - 1;
            } else if (nanos >= i.endNanos()) {
                lo = mid + 1;
            } else {
                return i.state();
            }
        }
        return null;
    }

    public long bytes() {
        return foregroundBytes + backgroundBytes;
    }

    /** Share of this device's TikTok bytes that came in foreground, in [0, 1]; 0 without bytes. */
    public double foregroundShare() {
        long all = bytes();
        return all == 0 ? 0 : foregroundBytes / (double) all;
    }

    /** The sum over {@code devices}, without intervals, as every device's (a null device). */
    public static DeviceStates total(List<DeviceStates> devices) {
        long fb = 0;
        long bb = 0;
        long fn = 0;
        long bn = 0;
        for (DeviceStates d : devices) {
            fb += d.foregroundBytes;
            bb += d.backgroundBytes;
            fn += d.foregroundNanos;
            bn += d.backgroundNanos;
        }
        return new DeviceStates(null, List.of(), fb, bb, fn, bn);
    }
}
