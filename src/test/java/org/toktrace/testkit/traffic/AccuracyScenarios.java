package org.toktrace.testkit.traffic;

import java.util.List;

/**
 * The scenarios the foreground/background accuracy is measured on (docs/accuracy.md), and the two
 * disjoint seed sets: {@link #TUNING_SEEDS} for whoever studies or changes the classifier's
 * thresholds (the {@code StateTuning} harness runs them), {@link #TEST_SEEDS} for the accuracy test
 * alone. A threshold is never chosen by looking at a test seed's figures.
 */
public final class AccuracyScenarios {

    /** Seeds for studying and tuning the classifier; never asserted on. */
    public static final List<Long> TUNING_SEEDS = List.of(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L,
            111L, 112L);

    /** Seeds the accuracy test asserts on; disjoint from {@link #TUNING_SEEDS}. */
    public static final List<Long> TEST_SEEDS = List.of(201L, 202L, 203L, 204L, 205L, 206L, 207L, 208L, 209L, 210L,
            211L, 212L);

    /**
     * Seeds first run after the rules of decision record 0011 were final, when the test seeds'
     * figures had already been studied. Disjoint from the two sets above.
     */
    public static final List<Long> FRESH_SEEDS = List.of(301L, 302L, 303L, 304L, 305L, 306L, 307L, 308L, 309L, 310L,
            311L, 312L);

    /**
     * Seeds drawn before a later round of rule changes and run once after it, when the fresh seeds'
     * errors had been studied. Twenty seeds, disjoint from the three sets above.
     */
    public static final List<Long> HELDOUT_SEEDS = List.of(401L, 402L, 403L, 404L, 405L, 406L, 407L, 408L, 409L, 410L,
            411L, 412L, 413L, 414L, 415L, 416L, 417L, 418L, 419L, 420L);

    static final long SECOND = 1_000_000_000L;

    /**
     * The behaviour of the accuracy scenarios: two background periods in five have the app closed;
     * the first phone resolves over private DNS (its flows are named by SNI alone); one swipe in seven
     * is followed by a 25-40 s look at the video; one background tick in eight is a pre-load of 200 kB
     * to 1 MB (over QUIC as often as videos); now and then the user watches another app's videos;
     * leaving the app posts a telemetry event at once.
     */
    public static final Habits HABITS = new Habits(0.4, 1, 0.15, 25, 40, 12, 1_000_000, true, 0.08, true);

    private AccuracyScenarios() {
    }

    /**
     * Fifteen minutes of three phones (the first IPv4-only on private DNS, the last dual-stack),
     * starting in the background, then alternating 30-150 s of scrolling (videos of 0.5-4 MB, a third
     * over QUIC) with 60-360 s minimized or closed.
     */
    public static Scenario scenario(long seed) {
        return new Scenario(seed, 3, 1, 15 * 60 * SECOND, 0, false, 30, 150, 60, 360, 500_000, 4_000_000, 0.35, HABITS);
    }
}
