package org.toktrace.classify;

import java.util.Objects;

/**
 * The parameters of the hidden-state model of TikTok on one device: how often each kind of
 * evidence appears per second in each hidden state, and how often the user moves between states.
 * {@link #defaults()} takes them from the documented traffic shapes of docs/traffic-behaviour.md,
 * never from fitting a capture.
 *
 * <p>The hidden states are {@link Hidden}: the on-screen states (swiping, a look at one video, and a
 * long look in phases: together they let on-screen traffic come in bursts with quiet between, up to
 * the documented two minutes), the minimized states (the seconds of leaving, the first minute after,
 * and later), and the closed ones (a short closing state in which the app's own connections are torn
 * down, the first minute after, and later). Absences last 10 s-30 min, spread evenly on a log
 * scale, so a user comes back far more often in an absence's first minute than later: the first
 * minute away, minimized or closed, is a state of its own with a return rate of its own. The
 * decoder fits the chatter rates to each device's own cadence ({@code StateClassifier}).
 * Each second's evidence is a set of events ({@link Evidence}); given the state, each event is
 * present with its own per-second probability, independently of the others (a naive-Bayes
 * emission), so a rate here is "how many of these per second, on average, in that state".
 *
 * @param emission per hidden state (indexed by {@link Hidden#ordinal()}), per event (indexed by
 *                 {@link Evidence#VIEW} ... ), events per second
 * @param leave    per hidden state, per target state, transitions per second (the diagonal is unused)
 * @param initial  per hidden state, its probability at the device's first second
 */
public record StateModel(double[][] emission, double[][] leave, double[] initial) {

    /** The model's hidden states. Only {@link #ordinal()} order matters to the decoder. */
    public enum Hidden {
        /** On screen, swiping: a video every few seconds with its covers and feed calls. */
        SCROLLING,
        /** On screen, a look at one video: the playing video's remaining chunks, telemetry, little else. */
        WATCHING,
        /**
         * On screen, a long look at one video (60-120 s), in four phases: a look ends after passing
         * through all four, so its length has a peak near its mean (an Erlang law) where one state would
         * make every further second less likely than the last.
         */
        LONG_LOOK_1,
        LONG_LOOK_2,
        LONG_LOOK_3,
        LONG_LOOK_4,
        /** The seconds of leaving: the event the app posts as it goes behind another app. */
        LEAVING,
        /** Minimized a moment ago: perhaps a pre-load for the return. */
        LEFT,
        /** Open behind another app: pings, sync, now and then a lone pre-load. */
        MINIMIZED,
        /** The first seconds after a close, when the app's own connections are torn down. */
        CLOSING,
        /** Closed a moment ago (the first minute or so): as closed, but the user may open it again soon. */
        JUST_CLOSED,
        /** Swiped away: push keepalives, if anything. */
        CLOSED
    }

    static final int STATES = Hidden.values().length;
    /**
     * How likely each second of a long silence ({@link Evidence#SILENT}) is on screen against off
     * it: the silence lies far past the device's own telemetry clock, so on screen it is nearly
     * ruled out (0.9 a second: 0.009 over 45 s).
     */
    static final double SILENT_ON_SCREEN = 0.9;
    /**
     * The same for each second past the longest look without a video download
     * ({@link Evidence#UNSEEN}): a look has ended by then, whatever the app posts. It outweighs posts
     * at any cadence (every second: about 2.5 to 1 for the screen, with the rates fitted), so a
     * minimized app that posts as often as a viewing one is still off screen.
     */
    static final double UNSEEN_ON_SCREEN = 0.5;
    /** The phases of a long look, from {@link Hidden#LONG_LOOK_1} on. */
    static final int LONG_LOOK_PHASES = 4;
    static final int LONG_LOOK = Hidden.LONG_LOOK_1.ordinal();

    public StateModel {
        Objects.requireNonNull(emission, "emission");
        Objects.requireNonNull(leave, "leave");
        Objects.requireNonNull(initial, "initial");
        if (emission.length != STATES || leave.length != STATES || initial.length != STATES) {
            throw new IllegalArgumentException("one row per hidden state");
        }
        double sum = 0;
        for (int s = 0; s < STATES; s++) {
            if (emission[s].length != Evidence.EVENTS || leave[s].length != STATES) {
                throw new IllegalArgumentException("one column per event / per state");
            }
            for (double r : emission[s]) {
                if (!(r > 0 && r < 1)) {
                    throw new IllegalArgumentException("an event rate lies in (0, 1) per second: " + r);
                }
            }
            for (int t = 0; t < STATES; t++) {
                if (!(leave[s][t] >= 0 && leave[s][t] < 1)) {
                    throw new IllegalArgumentException("a transition rate lies in [0, 1) per second");
                }
            }
            if (!(initial[s] >= 0)) {
                throw new IllegalArgumentException("negative initial probability");
            }
            sum += initial[s];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("initial probabilities sum to " + sum);
        }
        emission = deepCopy(emission);
        leave = deepCopy(leave);
        initial = initial.clone();
    }

    @Override
    public double[][] emission() {
        return deepCopy(emission);
    }

    @Override
    public double[][] leave() {
        return deepCopy(leave);
    }

    @Override
    public double[] initial() {
        return initial.clone();
    }

    double emissionRate(int state, int event) {
        return emission[state][event];
    }

    double leaveRate(int from, int to) {
        return leave[from][to];
    }

    double initialProbability(int state) {
        return initial[state];
    }

    /**
     * The model argued from docs/traffic-behaviour.md. Rates are events per second; each comment
     * gives the range it comes from and the middle of it that the rate stands for. What tells the
     * states apart is the ratios, so each rate need only be right within a factor of two or three:
     * the accuracy report measures the states across the whole of every range.
     */
    public static StateModel defaults() {
        int sc = Hidden.SCROLLING.ordinal();
        int wa = Hidden.WATCHING.ordinal();
        int lv = Hidden.LEAVING.ordinal();
        int le = Hidden.LEFT.ordinal();
        int mi = Hidden.MINIMIZED.ordinal();
        int cg = Hidden.CLOSING.ordinal();
        int jc = Hidden.JUST_CLOSED.ordinal();
        int cl = Hidden.CLOSED.ordinal();
        double[][] e = new double[STATES][Evidence.EVENTS];
        //                    view    lone    large   repeat  sustain image   api     chatter teardown continues
        // Scrolling: a swipe every 3-20 s, most with covers (20-90 %) or a feed or stats call (20-80 %),
        // often with first chunks of the next 0-3 videos: a viewing download about 0.1/s. A swipe with
        // none of them is a lone download, about one in ten, half of them a whole video larger than any
        // pre-load, most following another lone one within a minute; the rest of a video that plays on
        // comes over its connection now and then. Telemetry every 5-30 s.
        e[sc] = rates(0.10, 0.006, 0.005, 0.005, 0.002, 0.01, 0.02, 0.07, 0.002, 0.01);
        // A look at one video (a few seconds to 120 s): the playing video's remaining chunks over its
        // connection, one per 5-15 s while it downloads (none once a short video loops); telemetry less
        // often than while swiping.
        e[wa] = rates(0.003, 0.005, 0.004, 0.005, 0.005, 0.002, 0.003, 0.03, 0.001, 0.03);
        // A long look emits as a look does, but the video it stays on is mostly fetched by then: videos
        // run 5-180 s (median near 15 s), so a look of 60-120 s is most often a short one looping, and
        // only a long video still comes in chunks.
        for (int k = 0; k < LONG_LOOK_PHASES; k++) {
            e[LONG_LOOK + k] = e[wa].clone();
            e[LONG_LOOK + k][Evidence.CONTINUES] = e[wa][Evidence.CONTINUES] / 3;
        }
        // Just left (the first minute or so): the pre-load of the next video "so it plays instantly when
        // you return", which the held-out evaluation saw 16-60 s after leaving: about one in the first
        // minute of most absences, but no video larger than a pre-load; pings as when minimized.
        e[le] = rates(0.00002, 0.02, 0.00002, 0.002, 0.0002, 0.0005, 0.003, 0.01, 0.001, 0.0003);
        // Leaving (0-5 s): the event posted on leaving, in 0-100 % of departures (about one post in
        // the state's 3 s in half of them); else as just left.
        e[lv] = e[le].clone();
        e[lv][Evidence.CHATTER] = 0.15;
        // Minimized: pre-loads 0-3 per absence of about 5 min, each alone and at most 1.5 MB (0.004/s); two
        // within a minute are uncommon (one in five absences), and a second chunk over a pre-load's
        // connection rarer still. A video with covers or feed calls around it is what viewing looks like
        // (DESIGN.md section 5), not a pre-load, and so is one larger than any pre-load, which the claim
        // says never comes in the background: each out of sight about once in a day at most. Sync every
        // 1-15 min; pings every 20-300 s.
        e[mi] = rates(0.00002, 0.004, 0.00002, 0.0008, 0.0002, 0.0005, 0.003, 0.01, 0.0005, 0.0002);
        // Closing: the app's own connections torn down within 0-2 s, a diagnostics log now and then.
        e[cg] = rates(0.00002, 0.0003, 0.0001, 0.0001, 0.0001, 0.0001, 0.001, 0.05, 0.6, 0.0001);
        // Closed: keepalives only (not evidence either way); anything else is rare.
        e[cl] = rates(0.00002, 0.0003, 0.0001, 0.0001, 0.0001, 0.0001, 0.0003, 0.0008, 0.0003, 0.0001);
        e[jc] = e[cl].clone();

        double[][] t = new double[STATES][STATES];
        // after a swipe the user looks at the video, from seconds (a glance) to 120 s (a long look)
        t[sc][wa] = 1 / 20.0;
        t[wa][sc] = 1 / 30.0;
        // a long look of 60-120 s after 0-20 % of swipes (a swipe every 3-20 s): one in about 100 s of
        // swiping, or a look that goes on; four phases of 22.5 s make its 90 s mean, then the next
        // swipe; the user may leave in any
        t[sc][LONG_LOOK] = 1 / 100.0;
        t[wa][LONG_LOOK] = 1 / 60.0;
        for (int k = 0; k < LONG_LOOK_PHASES; k++) {
            t[LONG_LOOK + k][k + 1 < LONG_LOOK_PHASES ? LONG_LOOK + k + 1 : sc] = LONG_LOOK_PHASES / 90.0;
            t[LONG_LOOK + k][lv] = 1 / 180.0;
        }
        // sessions last 5 s-30 min (a few minutes in the middle), then the user leaves the app
        t[sc][lv] = 1 / 180.0;
        t[wa][lv] = 1 / 180.0;
        // leaving takes the 0-5 s in which the app posts its event
        t[lv][le] = 1 / 3.0;
        // killing the app from the screen goes through the app switcher; rarely seen as one step
        t[sc][cg] = 1 / 3600.0;
        t[wa][cg] = 1 / 3600.0;
        // the first minute after leaving: then minimized, unless the user comes back or swipes the app
        // away. Absences of 10 s-30 min, even on a log scale, end within their first minute about one
        // time in three: a return rate of about 1/100 per second there, against 1/300 later.
        t[le][mi] = 1 / 60.0;
        t[le][sc] = 1 / 100.0;
        t[le][cg] = 1 / 300.0;
        // minimized for 10 s-30 min (about 5 min); 0-60 % of absences end in a close
        t[mi][sc] = 1 / 300.0;
        t[mi][wa] = 1 / 3000.0;
        t[mi][cg] = 1 / 600.0;
        // closing takes a second or two; the first minute after it, the user comes back as often as in
        // the first minute of any absence, later less often than after minimizing
        t[cg][jc] = 0.5;
        t[cg][sc] = 1 / 3600.0;
        t[jc][cl] = 1 / 60.0;
        t[jc][sc] = 1 / 100.0;
        t[jc][mi] = 1 / 100_000.0;
        t[cl][sc] = 1 / 900.0;
        t[cl][mi] = 1 / 100_000.0;
        double[] initial = new double[STATES];
        initial[sc] = 0.2;
        initial[wa] = 0.1;
        initial[le] = 0.05;
        initial[mi] = 0.4;
        initial[cl] = 0.25;
        return new StateModel(e, t, initial);
    }

    /**
     * This model with {@code event}'s rate multiplied by {@code factor[g]} in every state of group
     * {@code g} ({@code groupOf[state]}; a negative group keeps its rate).
     */
    StateModel withRates(int event, int[] groupOf, double[] factor) {
        double[][] e = deepCopy(emission);
        for (int s = 0; s < STATES; s++) {
            if (groupOf[s] >= 0) {
                e[s][event] = Math.min(0.5, e[s][event] * factor[groupOf[s]]);
            }
        }
        return new StateModel(e, leave, initial);
    }

    private static double[] rates(double view, double lone, double large, double repeat, double sustained, double image, double api,
            double chatter, double teardown, double continues) {
        double[] r = new double[Evidence.EVENTS];
        r[Evidence.VIEW] = view;
        r[Evidence.LONE] = lone;
        r[Evidence.LARGE] = large;
        r[Evidence.REPEAT] = repeat;
        r[Evidence.CONTINUES] = continues;
        r[Evidence.SUSTAINED] = sustained;
        r[Evidence.IMAGE] = image;
        r[Evidence.API] = api;
        r[Evidence.CHATTER] = chatter;
        r[Evidence.TEARDOWN] = teardown;
        return r;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
