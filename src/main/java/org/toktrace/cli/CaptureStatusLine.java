package org.toktrace.cli;

import java.util.Locale;
import org.toktrace.analysis.LiveProgress;
import org.toktrace.analysis.LiveSnapshot;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.LiveCaptureStats;

/** The one-line status of a running capture: packets, bytes, drops, TikTok foreground/background so far, time. */
final class CaptureStatusLine {
    private CaptureStatusLine() {
    }

    /** @param latest the last snapshot, or null before the first */
    static String of(LiveProgress progress, LiveSnapshot latest) {
        LiveCaptureStats s = progress.capture();
        StringBuilder sb = new StringBuilder(120);
        sb.append(String.format(Locale.ROOT, "%,d packets, %s", s.framesCaptured(), ByteUnits.format(s.bytesCaptured())));
        sb.append(", ").append(String.format(Locale.ROOT, "%,d", s.dropped())).append(" dropped");
        if (latest != null) {
            DeviceStates all = latest.result().totalStates();
            sb.append(" | TikTok foreground ").append(ByteUnits.format(all.foregroundBytes()))
                    .append(", background ").append(ByteUnits.format(all.backgroundBytes()));
        } else {
            sb.append(" | TikTok foreground 0 B, background 0 B");
        }
        long seconds = progress.elapsedNanos() / 1_000_000_000L;
        sb.append(String.format(Locale.ROOT, " | %d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
        return sb.toString();
    }
}
