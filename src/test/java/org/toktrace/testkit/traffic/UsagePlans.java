package org.toktrace.testkit.traffic;

import org.toktrace.testkit.traffic.UsagePlan.Closed;
import org.toktrace.testkit.traffic.UsagePlan.Minimized;
import org.toktrace.testkit.traffic.UsagePlan.Preload;
import org.toktrace.testkit.traffic.UsagePlan.Scrolling;
import org.toktrace.testkit.traffic.UsagePlan.Swipe;

/**
 * Hand-written scenarios for tests of one behaviour each: one IPv4 phone, recorded from its plan's
 * start, with the fixed {@link #STYLE}. Each says in its name what happens and when.
 */
public final class UsagePlans {

    /**
     * The style of the hand-written scenarios: mid-range shares, two prefetched videos, every session
     * opening with the app-open burst, every departure posting its event and every close its log (so
     * a test can find them), no other apps' video.
     */
    public static final ViewingStyle STYLE = new ViewingStyle(8, 0.6, 0.05, 0.6, 0.5, 2, 1.0, 0, 0, 1.0, 1.0, 0, 0.3,
            15, 90, 300, 120);

    /** The scrolling session of the pre-load and cut scenarios, seconds: within the 2-3 min they stand for. */
    public static final double SESSION_SECONDS = 150;

    private UsagePlans() {
    }

    /**
     * Scrolling for {@link #SESSION_SECONDS}, then minimized until the end, with one pre-load of
     * {@code bytes} exactly {@code delaySeconds} after leaving; the capture ends a minute after it.
     */
    public static UsageScenario scrollThenPreload(long seed, double delaySeconds, long bytes) {
        double minimized = delaySeconds + 60;
        return UsageScenario.of(seed, SESSION_SECONDS + minimized, STYLE, UsagePlan.of(Scrolling.of(SESSION_SECONDS),
                Minimized.of(minimized, new Preload(delaySeconds, bytes))));
    }

    /** The length, seconds, of the single video in {@link #oneLongVideo}. */
    public static final double LONG_VIDEO_SECONDS = 90;
    /** Its bitrate, bits per second. */
    public static final double LONG_VIDEO_BITRATE = 1.5e6;

    /**
     * A session whose only swipe is to a {@link #LONG_VIDEO_SECONDS} video watched whole (fetched
     * while it plays), then a minute minimized.
     */
    public static UsageScenario oneLongVideo(long seed) {
        return UsageScenario.of(seed, LONG_VIDEO_SECONDS + 60, STYLE, UsagePlan.of(
                Scrolling.swipes(new Swipe(LONG_VIDEO_SECONDS, LONG_VIDEO_SECONDS, LONG_VIDEO_BITRATE)),
                Minimized.of(600)));
    }

    /** Scrolling for {@link #SESSION_SECONDS}, then minimized; the capture ends {@code secondsAfterLeaving} after leaving. */
    public static UsageScenario cutAfterLeaving(long seed, double secondsAfterLeaving) {
        return UsageScenario.of(seed, SESSION_SECONDS + secondsAfterLeaving, STYLE,
                UsagePlan.of(Scrolling.of(SESSION_SECONDS), Minimized.of(600)));
    }

    /** The minimized period of {@link #minimizedThenClosed}, seconds. */
    public static final double MINIMIZED_SECONDS = 150;
    /** Its closed period, seconds, until the capture ends. */
    public static final double CLOSED_SECONDS = 300;

    /** A 90 s session, {@link #MINIMIZED_SECONDS} minimized, then closed for {@link #CLOSED_SECONDS} until the end. */
    public static UsageScenario minimizedThenClosed(long seed) {
        return UsageScenario.of(seed, 90 + MINIMIZED_SECONDS + CLOSED_SECONDS, STYLE, UsagePlan.of(Scrolling.of(90),
                Minimized.of(MINIMIZED_SECONDS), new Closed(CLOSED_SECONDS)));
    }
}
