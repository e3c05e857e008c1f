package org.toktrace.testkit.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.toktrace.testkit.traffic.GroundTruth.Activity;

/**
 * What one user does with TikTok on one phone, phase after phase: on screen (scrolling the feed or
 * watching a live stream), minimized behind another app, closed. A plan holds the user's side only;
 * {@link ViewingBehaviour} turns it into traffic, and the capture's truth takes its activity periods
 * from it, each change at the instant the plan says.
 *
 * <p>The plan begins when the phone's behaviour begins, which may be before the capture does
 * ({@link UsageScenario#leadInSeconds()}); its last phase goes on until the capture ends, whatever
 * its length says.
 */
public record UsagePlan(List<Phase> phases) {

    public UsagePlan {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one phase");
        }
        for (int i = 1; i < phases.size(); i++) {
            Phase prev = phases.get(i - 1);
            Phase p = phases.get(i);
            // the app is minimized from the screen and closed from anywhere, once; only the user reopens it
            if (p instanceof Minimized && !prev.foreground()) {
                throw new IllegalArgumentException("phase " + i + ": minimized follows a phase on screen");
            }
            if (p instanceof Closed && prev instanceof Closed) {
                throw new IllegalArgumentException("phase " + i + ": closed twice in a row");
            }
        }
    }

    public static UsagePlan of(Phase... phases) {
        return new UsagePlan(List.of(phases));
    }

    /** The nominal length of the plan, seconds (the last phase may run on). */
    public double seconds() {
        double s = 0;
        for (Phase p : phases) {
            s += p.seconds();
        }
        return s;
    }

    /** When phase {@code i} begins, seconds after the plan's start. */
    public double startOf(int i) {
        double s = 0;
        for (int k = 0; k < i; k++) {
            s += phases.get(k).seconds();
        }
        return s;
    }

    /** One stretch of the plan: what the app does, and for how long (seconds, positive). */
    public sealed interface Phase permits Scrolling, Live, Minimized, Closed {
        double seconds();

        /** The truth's activity for this phase. */
        Activity activity();

        /** Whether the app is on screen. */
        default boolean foreground() {
            return activity() == Activity.SCROLLING;
        }
    }

    /**
     * One video the user swipes to and stays on for {@code dwellSeconds}.
     *
     * @param videoSeconds         the video's length; 0 to draw it (5-180 s, median near 15 s)
     * @param bitrateBitsPerSecond its bitrate; 0 to draw it (0.5-3 Mbit/s)
     */
    public record Swipe(double dwellSeconds, double videoSeconds, double bitrateBitsPerSecond) {
        public Swipe {
            if (!(dwellSeconds > 0) || videoSeconds < 0 || bitrateBitsPerSecond < 0) {
                throw new IllegalArgumentException("a swipe's dwell is positive, its video's length and bitrate not negative");
            }
        }

        /** A swipe to a video of drawn length and bitrate. */
        public static Swipe of(double dwellSeconds) {
            return new Swipe(dwellSeconds, 0, 0);
        }
    }

    /**
     * Scrolling the feed for {@code seconds}: the listed swipes first, in order, then swipes drawn from
     * the user's {@link ViewingStyle} until the phase ends (a swipe still running then is cut).
     */
    public record Scrolling(double seconds, List<Swipe> swipes) implements Phase {
        public Scrolling {
            swipes = List.copyOf(swipes);
            positive(seconds);
        }

        /** Scrolling for {@code seconds} with every swipe drawn. */
        public static Scrolling of(double seconds) {
            return new Scrolling(seconds, List.of());
        }

        /** Exactly these swipes: the phase lasts their dwells' sum. */
        public static Scrolling swipes(Swipe... swipes) {
            double s = 0;
            for (Swipe w : swipes) {
                s += w.dwellSeconds();
            }
            return new Scrolling(s, List.of(swipes));
        }

        @Override
        public Activity activity() {
            return Activity.SCROLLING;
        }
    }

    /** Watching a live stream instead of the feed for {@code seconds}: SCROLLING in the truth. */
    public record Live(double seconds) implements Phase {
        public Live {
            positive(seconds);
        }

        @Override
        public Activity activity() {
            return Activity.SCROLLING;
        }
    }

    /** A pre-load: the first chunk of one video, {@code bytes} long, {@code delaySeconds} after leaving the app. */
    public record Preload(double delaySeconds, long bytes) {
        public Preload {
            if (delaySeconds < 0 || bytes <= 0) {
                throw new IllegalArgumentException("a pre-load has a delay of 0 s or more and some bytes");
            }
        }
    }

    /** The app open behind another app for {@code seconds}, pre-loading at the given delays (each within the phase). */
    public record Minimized(double seconds, List<Preload> preloads) implements Phase {
        public Minimized {
            preloads = List.copyOf(preloads);
            positive(seconds);
            List<Preload> sorted = new ArrayList<>(preloads);
            sorted.sort((a, b) -> Double.compare(a.delaySeconds(), b.delaySeconds()));
            if (!sorted.equals(preloads)) {
                throw new IllegalArgumentException("pre-loads in the order of their delays");
            }
            for (Preload p : preloads) {
                if (p.delaySeconds() >= seconds) {
                    throw new IllegalArgumentException("a pre-load " + p.delaySeconds() + " s after leaving does not fall in "
                            + seconds + " s minimized");
                }
            }
        }

        public static Minimized of(double seconds, Preload... preloads) {
            return new Minimized(seconds, List.of(preloads));
        }

        @Override
        public Activity activity() {
            return Activity.MINIMIZED;
        }
    }

    /** The app swiped away for {@code seconds}: only the system's push connection stays. */
    public record Closed(double seconds) implements Phase {
        public Closed {
            positive(seconds);
        }

        @Override
        public Activity activity() {
            return Activity.CLOSED;
        }
    }

    private static void positive(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("a phase lasts a positive, finite time: " + seconds);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Phase p : phases) {
            if (!sb.isEmpty()) {
                sb.append(" | ");
            }
            sb.append(Objects.toString(p));
        }
        return sb.toString();
    }
}
