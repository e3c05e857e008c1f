package org.toktrace.testkit.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.toktrace.testkit.traffic.UsagePlan.Closed;
import org.toktrace.testkit.traffic.UsagePlan.Live;
import org.toktrace.testkit.traffic.UsagePlan.Minimized;
import org.toktrace.testkit.traffic.UsagePlan.Phase;
import org.toktrace.testkit.traffic.UsagePlan.Preload;
import org.toktrace.testkit.traffic.UsagePlan.Scrolling;
import org.toktrace.testkit.traffic.UsagePlan.Swipe;

/**
 * Whole scenarios drawn from a seed, every behaviour from the full range docs/traffic-behaviour.md
 * gives: the capture (1-30 min, 1-2 phones, starting and ending in any state), each user's plan
 * (sessions of 5 s-30 min, one-video sessions among them, live streams, minimized 10 s-30 min, closes,
 * pre-loads) and the style all users share. {@link UsageScenario#knobs()} says what was drawn.
 *
 * <p>Two disjoint seed sets: {@link #DEVELOPMENT_SEEDS} for whoever studies or changes a rule, and
 * {@link #HELDOUT_SEEDS} for the final report alone: a rule or threshold is never chosen by looking
 * at a held-out seed's figures, or they no longer measure it.
 */
public final class WideScenarios {

    /** Seeds for developing and tuning against; figures on them may be looked at freely. */
    public static final List<Long> DEVELOPMENT_SEEDS = LongStream.rangeClosed(1001, 1030).boxed().toList();

    /**
     * Earlier held-out sets (7001-7080, 9001-9080, 11001-11080, 13001-13080): each reported once for an
     * earlier model, and free to study since, so they no longer measure anything and count as
     * development.
     */
    public static final List<Long> EARLIER_HELDOUT_SEEDS = LongStream.of(7001, 9001, 11001, 13001)
            .flatMap(first -> LongStream.range(first, first + 80)).boxed().toList();

    /**
     * The held-out sets of the two models before the current one (15001-15080, 17001-17080): each
     * reported once for its model and never studied, so no choice rests on them, but their figures
     * have been seen. Run again for comparison only.
     */
    public static final List<Long> PREVIOUS_HELDOUT_SEEDS = LongStream.of(15001, 17001)
            .flatMap(first -> LongStream.range(first, first + 80)).boxed().toList();

    /** Seeds for the final accuracy report only, run once the rules are settled; disjoint from the others. */
    public static final List<Long> HELDOUT_SEEDS = LongStream.rangeClosed(19001, 19080).boxed().toList();

    /** The plan's dice are not the generator's: the same seed drives both, so the plan draws from a stream of its own. */
    private static final long PLAN_STREAM = 0x5F3C_9A1D_77E2_4B06L;

    private WideScenarios() {
    }

    /** The scenario of {@code seed}: the same seed always gives the same plans, knobs and bytes. */
    public static UsageScenario scenario(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ PLAN_STREAM);
        double capture = logUniform(r, 60, 1800);
        // a third of the captures start with the phones' plans; the rest some way in, mid-phase
        double leadIn = r.nextInt(3) == 0 ? 0 : uniform(r, 2, 180);
        int phones = 1 + r.nextInt(2);
        ViewingStyle style = style(r);
        List<UsageScenario.PhoneUse> uses = new ArrayList<>();
        for (int i = 0; i < phones; i++) {
            boolean dual = r.nextBoolean();
            boolean privateDns = r.nextInt(4) == 0;
            uses.add(new UsageScenario.PhoneUse(plan(r, style, leadIn + capture), dual, privateDns));
        }
        return new UsageScenario(seed, capture, leadIn, style, uses);
    }

    /** A style from the documented ranges. */
    static ViewingStyle style(SplittableRandom r) {
        return new ViewingStyle(
                logUniform(r, 4, 20),       // median swipe gap: most dwells under 20 s
                uniform(r, 0.3, 0.9),       // their spread
                uniform(r, 0, 0.2),         // long looks
                uniform(r, 0.2, 0.9),       // covers
                uniform(r, 0.2, 0.8),       // API calls
                r.nextInt(4),               // prefetched videos
                uniform(r, 0.4, 1.0),       // app-open bursts
                uniform(r, 0, 0.15),        // live streams
                uniform(r, 0, 0.6),         // background periods ending closed
                uniform(r, 0, 1.0),         // leaving events
                uniform(r, 0, 0.5),         // crash logs
                uniform(r, 0, 0.2),         // other apps' video
                uniform(r, 0, 0.6),         // QUIC
                uniform(r, 5, 30),          // telemetry on screen
                logUniform(r, 20, 300),     // telemetry minimized
                logUniform(r, 60, 900),     // account sync
                logUniform(r, 30, 300));    // push keepalives
    }

    /** A user's plan covering at least {@code seconds}, starting on screen, minimized or closed. */
    static UsagePlan plan(SplittableRandom r, ViewingStyle style, double seconds) {
        List<Phase> phases = new ArrayList<>();
        double t = 0;
        int first = r.nextInt(20);
        boolean foreground = first < 8;
        if (first >= 15) {
            // closed when the plan begins: the user opens the app later, if at all
            Closed c = new Closed(logUniform(r, 10, 1800));
            phases.add(c);
            t += c.seconds();
            foreground = true;
        }
        while (t < seconds) {
            if (foreground) {
                Phase p = session(r, style);
                phases.add(p);
                t += p.seconds();
            } else {
                boolean closing = r.nextDouble() < style.closeShare();
                double length = closing ? logUniform(r, 10, 600) : logUniform(r, 10, 1800);
                phases.add(new Minimized(length, preloads(r, length)));
                t += length;
                if (closing) {
                    Closed c = new Closed(logUniform(r, 10, 1800));
                    phases.add(c);
                    t += c.seconds();
                }
            }
            foreground = !foreground;
        }
        return new UsagePlan(phases);
    }

    /** One session: a live stream, one video, or a stretch of the feed of 5 s-30 min (log-uniform, so under 30 s is common). */
    private static Phase session(SplittableRandom r, ViewingStyle style) {
        if (r.nextDouble() < style.liveShare()) {
            return new Live(uniform(r, 30, 300));
        }
        if (r.nextInt(8) == 0) {
            double dwell = uniform(r, 5, 120);
            // half of them a video of just that length, watched whole; the rest a drawn video, cut or looped
            return Scrolling.swipes(new Swipe(dwell, r.nextBoolean() ? dwell : 0, 0));
        }
        return Scrolling.of(logUniform(r, 5, 1800));
    }

    /**
     * 0-3 pre-loads of 100 kB-1.5 MB; the first 0 s-10 min after leaving (half uniform, half
     * log-uniform, so the first seconds and minutes are both well covered), the next 5 s-5 min after
     * the one before. Those that would fall after the user's return do not happen.
     */
    private static List<Preload> preloads(SplittableRandom r, double length) {
        int n = r.nextInt(4);
        List<Preload> out = new ArrayList<>();
        double d = r.nextBoolean() ? uniform(r, 0, 600) : logUniform(r, 0.5, 600);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                d += uniform(r, 5, 300);
            }
            long bytes = 100_000 + (long) (r.nextDouble() * 1_400_000);
            if (d < length) {
                out.add(new Preload(d, bytes));
            }
        }
        return out;
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + r.nextDouble() * (hi - lo);
    }

    private static double logUniform(SplittableRandom r, double lo, double hi) {
        return Math.exp(uniform(r, Math.log(lo), Math.log(hi)));
    }
}
