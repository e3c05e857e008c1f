package org.toktrace.model;

import java.util.List;

/**
 * What TikTok did in foreground and background on one device (or, with a null device, on all
 * devices together, with device time summed): volumes, time, rates, the scrolling sessions, the
 * background cadence by category, the video downloads seen in the background, and the claims checked.
 *
 * @param backgroundDownloads     video downloads (bursts of at least the classifier's download size)
 *                                that started in the background
 * @param backgroundDownloadBytes their bytes
 */
public record DeviceStateReport(Device.Id device, long foregroundBytes, long backgroundBytes, long foregroundNanos,
        long backgroundNanos, List<ScrollingSession> sessions, List<BackgroundCadence> cadence, int backgroundDownloads,
        long backgroundDownloadBytes, List<ClaimCheck> claims) {

    public DeviceStateReport {
        sessions = List.copyOf(sessions);
        cadence = List.copyOf(cadence);
        claims = List.copyOf(claims);
        if (foregroundBytes < 0 || backgroundBytes < 0 || foregroundNanos < 0 || backgroundNanos < 0
                || backgroundDownloads < 0 || backgroundDownloadBytes < 0) {
            throw new IllegalArgumentException("negative total");
        }
    }

    public long bytes() {
        return foregroundBytes + backgroundBytes;
    }

    /** Share of the TikTok bytes in foreground, in [0, 1]; 0 without bytes. */
    public double foregroundShare() {
        return bytes() == 0 ? 0 : foregroundBytes / (double) bytes();
    }

    /** Foreground bytes per minute of foreground; 0 without foreground time. */
    public double foregroundBytesPerMinute() {
        return perMinute(foregroundBytes, foregroundNanos);
    }

    /** Background bytes per minute of background; 0 without background time. */
    public double backgroundBytesPerMinute() {
        return perMinute(backgroundBytes, backgroundNanos);
    }

    private static double perMinute(long bytes, long nanos) {
        return nanos <= 0 ? 0 : bytes / (nanos / 60e9);
    }
}
