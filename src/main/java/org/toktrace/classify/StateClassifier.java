package org.toktrace.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.toktrace.model.AppState;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;

/**
 * TikTok's state on one device over a whole capture (DESIGN.md section 5, decision record 0026): the
 * device's TikTok flows become per-step {@link Evidence}, a {@link StateModel} gives every step the
 * posterior probability of each state with the whole capture in view ({@link Decoder}), and the
 * likelier state of each step becomes intervals, each with the mean posterior of its state as its
 * confidence and the evidence behind it in words.
 *
 * <p>Boundaries lie where the evidence is: a foreground interval starts with the first step of its
 * first download and ends with the last step of its last one (downloads are never split between two
 * states). A background stretch is {@link AppState#MINIMIZED} or {@link AppState#CLOSED} where the
 * posterior gives that state at least {@link #SURE} of the background's probability, and
 * {@link AppState#BACKGROUND} where it does not.
 *
 * <p>The decoding is a pure function of the flows and the end of the capture, so a live capture's
 * snapshots, a file's partial results and the finished analysis all run the same code; a snapshot's
 * newest interval may change when later traffic arrives. Thread-safe: it holds only the model.
 */
public final class StateClassifier {
    /** At most this many steps are decoded per device; longer captures are decoded in coarser steps. */
    static final int MAX_STEPS = 1 << 19;
    /**
     * The share of background probability that names minimized or closed rather than just background,
     * and the on-screen probability that carries a foreground on past its last download.
     */
    static final double SURE = 0.8;
    /** Rounds of fitting the chatter rates to the device before the final decoding. */
    static final int ADAPT_ROUNDS = 2;
    /** On-screen intervals between posts it takes to fit the device's own telemetry interval. */
    static final int CADENCE_GAPS = 5;
    /** How far three in four of those intervals may spread past their median for the device to show a clock. */
    static final double CADENCE_SPREAD = 1.5;
    /** Posts at the model's own rate each fitted rate starts from, so a few posts move it little. */
    static final double PRIOR_EVENTS = 3;

    private static final int LEAVING = StateModel.Hidden.LEAVING.ordinal();
    private static final int MINIMIZED = StateModel.Hidden.MINIMIZED.ordinal();
    private static final int S = StateModel.STATES;

    private final StateModel model;

    public StateClassifier(StateModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    public StateClassifier() {
        this(StateModel.defaults());
    }

    /** The step the model decodes for flows binned at {@code binNanos}: whole bins of about a second, or more when the span is long. */
    static long stepNanos(long binNanos, long firstNanos, long endNanos) {
        long k = Math.max(1, (1_000_000_000L + binNanos - 1) / binNanos);
        long step = k * binNanos;
        long span = Math.max(0, endNanos - firstNanos);
        if (span / step >= MAX_STEPS) {
            long need = span / MAX_STEPS + 1;
            step = ((need + binNanos - 1) / binNanos) * binNanos;
        }
        return step;
    }

    /**
     * The intervals of one device, contiguous from the start of its first TikTok bin to
     * {@code endNanos} (the end of the capture; later when the last bin starts later); empty when the
     * flows hold no bin.
     *
     * @param flows the device's TikTok flows (never platform push), all binned at {@code binNanos}
     */
    public List<StateInterval> classify(List<FlowRecord> flows, long binNanos, long endNanos) {
        long first = Long.MAX_VALUE;
        long lastBin = Long.MIN_VALUE;
        for (FlowRecord f : flows) {
            if (f.bins().size() > 0) {
                first = Math.min(first, f.bins().binStartNanos(0));
                lastBin = Math.max(lastBin, f.bins().binStartNanos(f.bins().size() - 1));
            }
        }
        if (first > lastBin) {
            return List.of();
        }
        long end = Math.max(endNanos, lastBin + 1);
        Evidence e = Evidence.of(flows, stepNanos(binNanos, first, end), end);
        float[] posterior = posteriors(e);
        return intervals(e, foreground(posterior, e, end), posterior, end);
    }

    /** Per step and hidden state (index {@code step * S + state}), the posterior given all the device's evidence. */
    float[] posteriors(Evidence e) {
        double dt = e.stepNanos / 1e9;
        float[] posterior = new Decoder(model, dt).posteriors(e.events);
        for (int round = 0; round < ADAPT_ROUNDS; round++) {
            e.markSilences(silenceSeconds(e, posterior));
            posterior = new Decoder(adapted(e, posterior, dt), dt).posteriors(e.events);
        }
        return posterior;
    }

    /**
     * The silence that is no longer a pause between this device's on-screen posts, or none. Telemetry
     * keeps a clock of its own (a post every 5-30 s on screen), but not every app version or phone
     * shows one, so the rule holds only where the device's own posts do: at least
     * {@link #CADENCE_GAPS} intervals between posts the posterior is sure are on screen, three in four
     * of them within {@link #CADENCE_SPREAD} times their median. The silence is then twice that
     * median (room for any jitter), between {@link Evidence#SHORTEST_SILENCE_SECONDS} and
     * {@link Evidence#SILENCE_SECONDS}.
     */
    static double silenceSeconds(Evidence e, float[] posterior) {
        List<Integer> gaps = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < e.steps; i++) {
            if (onScreen(posterior, i) < SURE) {
                previous = -1;
                continue;
            }
            if (e.has(i, Evidence.CHATTER)) {
                if (previous >= 0) {
                    gaps.add(i - previous);
                }
                previous = i;
            }
        }
        if (gaps.size() < CADENCE_GAPS) {
            return Double.POSITIVE_INFINITY;
        }
        Collections.sort(gaps);
        double median = gaps.get(gaps.size() / 2);
        if (gaps.get(gaps.size() * 3 / 4) > CADENCE_SPREAD * median) {
            return Double.POSITIVE_INFINITY;
        }
        double seconds = 2 * median * e.stepNanos / 1e9;
        return Math.max(Evidence.SHORTEST_SILENCE_SECONDS, Math.min(Evidence.SILENCE_SECONDS, seconds));
    }

    /** The states whose chatter rate is fitted together: swiping; a look; away (just left, minimized); others keep theirs. */
    private static final int[] CHATTER_GROUP = new int[S];

    static {
        for (StateModel.Hidden h : StateModel.Hidden.values()) {
            CHATTER_GROUP[h.ordinal()] = switch (h) {
                case SCROLLING -> 0;
                case WATCHING, LONG_LOOK_1, LONG_LOOK_2, LONG_LOOK_3, LONG_LOOK_4 -> 1;
                case LEFT, MINIMIZED -> 2;
                default -> -1;
            };
        }
    }

    /**
     * The model with its chatter rates fitted to this device's own cadence (a step of EM): per group of
     * states, the posterior's count of posts against the count the model predicts, each with
     * {@link #PRIOR_EVENTS} of the model's own added so a few posts move it little, kept within the
     * documented ranges (a post every 5-30 s on screen, every 20-300 s away) and never more often away
     * than in a look.
     */
    private StateModel adapted(Evidence e, float[] posterior, double dt) {
        double[] seen = new double[3];
        double[] expected = new double[3];
        for (int i = 0; i < e.steps; i++) {
            boolean post = e.has(i, Evidence.CHATTER);
            for (int s = 0; s < S; s++) {
                int g = CHATTER_GROUP[s];
                if (g >= 0) {
                    double p = posterior[i * S + s];
                    seen[g] += post ? p : 0;
                    expected[g] += p * (1 - Math.exp(-model.emissionRate(s, Evidence.CHATTER) * dt));
                }
            }
        }
        double[] f = new double[3];
        for (int g = 0; g < 3; g++) {
            f[g] = (seen[g] + PRIOR_EVENTS) / (expected[g] + PRIOR_EVENTS);
        }
        double look = model.emissionRate(StateModel.Hidden.WATCHING.ordinal(), Evidence.CHATTER);
        double away = model.emissionRate(MINIMIZED, Evidence.CHATTER);
        f[0] = clamp(f[0], 0.5, 3);
        f[1] = clamp(f[1], (1 / 30.0) / look / 1.5, (1 / 5.0) / look);
        f[2] = clamp(f[2], (1 / 300.0) / away, Math.min((1 / 20.0) / away * 1.5, f[1] * look / away));
        return model.withRates(Evidence.CHATTER, CHATTER_GROUP, f);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * Per step, whether the app is more likely on screen than not, widened to whole downloads; the
     * capture ends at {@code endNanos}.
     */
    private static boolean[] foreground(float[] posterior, Evidence e, long endNanos) {
        boolean[] fg = new boolean[e.steps];
        for (int i = 0; i < fg.length; i++) {
            fg[i] = onScreen(posterior, i) > 0.5;
        }
        // a download the screen begins or ends in is on screen from its first step to its last
        for (Evidence.Download d : e.downloads) {
            boolean any = false;
            for (int i = d.first(); i <= d.last() && !any; i++) {
                any = fg[i];
            }
            if (any) {
                for (int i = d.first(); i <= d.last(); i++) {
                    fg[i] = true;
                }
            }
        }
        // the screen begins with its first viewing download and ends with its last: the quiet seconds around
        // them are no evidence of either state, and the user may have left at any of them
        int i = 0;
        while (i < fg.length) {
            if (!fg[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < fg.length && fg[j + 1]) {
                j++;
            }
            // the first and the last viewing download: a lone first chunk at either end is a pre-load
            int first = -1;
            int last = -1;
            for (int k = i; k <= j; k++) {
                if (e.viewingAt(k)) {
                    first = first < 0 ? k : first;
                    last = k;
                }
            }
            if (first < 0) {
                // on screen on covers and calls alone: from the first of them to the last download or call
                for (int k = i; k <= j; k++) {
                    if (e.downloadAt[k] >= 0 || e.has(k, Evidence.IMAGE) || e.has(k, Evidence.API)) {
                        first = first < 0 ? k : first;
                        last = k;
                    }
                }
            }
            // the covers and calls that came with the first and the last download are viewing evidence too
            int ctx = e.stepsOf(Evidence.CONTEXT_SECONDS);
            if (first >= 0 && e.downloadAt[first] >= 0) {
                for (int k = Math.max(i, first - ctx); k < first; k++) {
                    if (e.image[k] + e.api[k] > 0) {
                        first = k;
                        break;
                    }
                }
            }
            if (last >= 0 && e.downloadAt[last] >= 0) {
                for (int k = Math.min(j, last + ctx); k > last; k--) {
                    if (e.image[k] + e.api[k] > 0) {
                        last = k;
                        break;
                    }
                }
            }
            // posts and calls that lead up to the first viewing download without a pause are the app
            // opening, on screen with it; one before a pause is as likely the background's own
            for (int k = first - 1; first >= 0 && k >= i && first - k <= ctx; k--) {
                if (onScreenEvidence(e, k)) {
                    first = k;
                }
            }
            // after the last viewing download the user still looks at its video: the posts the model
            // is sure are on screen, each within a telemetry interval of the evidence before, are that
            // look; one it is less sure of is as likely the event posted on leaving
            int reach = e.stepsOf(Evidence.TELEMETRY_GAP_SECONDS);
            for (int k = last + 1; first >= 0 && k <= j && k - last <= reach; k++) {
                if (onScreenEvidence(e, k) && onScreen(posterior, k) >= SURE) {
                    last = k;
                }
            }
            for (int k = i; k <= j; k++) {
                fg[k] = first >= 0 && k >= first && k <= last;
            }
            i = j + 1;
        }
        // a last step the capture cuts short is too short to show the user leaving: with no download
        // of its own it stays on the screen of the step before, as the capture ends
        int n = fg.length;
        if (n >= 2 && fg[n - 2] && !fg[n - 1] && e.stepStart(n - 1) + e.stepNanos > endNanos && e.downloadAt[n - 1] < 0) {
            fg[n - 1] = true;
        }
        return fg;
    }

    /** A post, call or cover at step {@code k} outside any lone download (a pre-load at a session's edge stays out). */
    private static boolean onScreenEvidence(Evidence e, int k) {
        int d = e.downloadAt[k];
        if (d >= 0 && !e.viewingAt(k)) {
            return false;
        }
        return e.has(k, Evidence.CHATTER) || e.has(k, Evidence.API) || e.has(k, Evidence.IMAGE) || e.viewingAt(k);
    }

    static double minimized(float[] posterior, int step) {
        return posterior[step * S + LEAVING] + posterior[step * S + StateModel.Hidden.LEFT.ordinal()]
                + posterior[step * S + MINIMIZED];
    }

    /** The posterior of the on-screen states, which come before {@link StateModel.Hidden#LEAVING}. */
    static double onScreen(float[] posterior, int step) {
        double p = 0;
        for (int s = 0; s < LEAVING; s++) {
            p += posterior[step * S + s];
        }
        return p;
    }

    /** A run of steps {@code [from, to]} of one decoded kind, and the state it is named. */
    private record Run(int from, int to, AppState kind, AppState state, Stats stats) {
    }

    private List<StateInterval> intervals(Evidence e, boolean[] fg, float[] posterior, long end) {
        // runs of one decoded kind, each named; neighbours of the same name become one interval
        List<Run> runs = new ArrayList<>();
        int n = e.steps;
        int start = 0;
        while (start < n) {
            int stop = start;
            AppState kind = kindAt(fg, posterior, start);
            while (stop + 1 < n && kindAt(fg, posterior, stop + 1) == kind) {
                stop++;
            }
            Stats stats = Stats.of(e, start, stop);
            AppState state = name(kind, mean(posterior, start, stop), stats);
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.state() == state) {
                runs.set(runs.size() - 1, new Run(last.from(), stop, last.kind(), state, last.stats().plus(stats)));
            } else {
                runs.add(new Run(start, stop, kind, state, stats));
            }
            start = stop + 1;
        }
        List<StateInterval> out = new ArrayList<>();
        for (Run r : runs) {
            double[] p = mean(posterior, r.from(), r.to());
            double confidence = switch (r.state()) {
                case FOREGROUND -> p[0];
                case MINIMIZED -> p[1];
                case CLOSED -> p[2];
                case BACKGROUND -> p[1] + p[2];
            };
            long from = e.stepStart(r.from());
            long to = r.to() == n - 1 ? end : e.stepStart(r.to() + 1);
            out.add(new StateInterval(r.state(), from, to, clamp(confidence), reason(r.state(), r.kind(), r.stats(),
                    r.from() == 0 && r.to() < n - 1, r.to() == n - 1, to - from)));
        }
        return out;
    }

    /** The mean posterior over steps {@code [from, to]} of on screen, minimized and closed. */
    private static double[] mean(float[] posterior, int from, int to) {
        double pf = 0;
        double pm = 0;
        for (int i = from; i <= to; i++) {
            pf += onScreen(posterior, i);
            pm += minimized(posterior, i);
        }
        int len = to - from + 1;
        return new double[] {pf / len, pm / len, Math.max(0, 1 - pf / len - pm / len)};
    }

    /**
     * A background run is named minimized or closed when that state holds at least {@link #SURE} of
     * its background probability and the background is the likelier on the whole; minimized needs
     * traffic of the app's own to point at, as only a close can be told from silence.
     */
    private static AppState name(AppState kind, double[] p, Stats stats) {
        if (kind == AppState.FOREGROUND) {
            return AppState.FOREGROUND;
        }
        double bg = p[1] + p[2];
        double share = bg <= 0 ? 0 : (kind == AppState.MINIMIZED ? p[1] : p[2]) / bg;
        boolean named = bg >= 0.5 && share >= SURE && (kind == AppState.CLOSED || stats.appTraffic() > 0);
        return named ? kind : AppState.BACKGROUND;
    }

    /** On screen, or the likelier of the two background states. */
    private static AppState kindAt(boolean[] fg, float[] posterior, int i) {
        if (fg[i]) {
            return AppState.FOREGROUND;
        }
        double minimized = minimized(posterior, i);
        return minimized >= 1 - onScreen(posterior, i) - minimized ? AppState.MINIMIZED : AppState.CLOSED;
    }

    private static double clamp(double c) {
        return Double.isFinite(c) ? Math.max(0, Math.min(1, c)) : 0;
    }

    /** What one interval's steps hold, for its reason. */
    record Stats(int viewing, long viewingBytes, int lone, long loneBytes, int large, long largeBytes, int sustainedSteps,
            int images, int calls, int chatter, int teardowns, long pushBytes, long stepNanos) {

        /** The stats of this interval and the one right after it, together. */
        Stats plus(Stats o) {
            return new Stats(viewing + o.viewing, viewingBytes + o.viewingBytes, lone + o.lone, loneBytes + o.loneBytes,
                    large + o.large, largeBytes + o.largeBytes, sustainedSteps + o.sustainedSteps, images + o.images,
                    calls + o.calls, chatter + o.chatter, teardowns + o.teardowns, pushBytes + o.pushBytes, stepNanos);
        }

        /** Exchanges of the app's own in the interval, beside push keepalives. */
        int appTraffic() {
            return viewing + lone + large + images + calls + chatter;
        }

        static Stats of(Evidence e, int from, int to) {
            // per kind of download (viewing, lone, larger than a pre-load) its count and bytes, by first step
            int[] downloads = new int[3];
            long[] bytes = new long[3];
            int[] events = new int[Evidence.EVENTS];
            long push = 0;
            for (int i = from; i <= to; i++) {
                int index = e.downloadAt[i];
                Evidence.Download d = index < 0 ? null : e.downloads.get(index);
                if (d != null && d.first() == i) {
                    int kind = d.viewing() ? 0 : d.bytes() > Evidence.PRELOAD_MAX_BYTES ? 2 : 1;
                    downloads[kind]++;
                    bytes[kind] += d.bytes();
                }
                for (int k = 0; k < Evidence.EVENTS; k++) {
                    events[k] += e.has(i, k) ? 1 : 0;
                }
                push += e.push[i];
            }
            return new Stats(downloads[0], bytes[0], downloads[1], bytes[1], downloads[2], bytes[2], events[Evidence.SUSTAINED],
                    events[Evidence.IMAGE], events[Evidence.API], events[Evidence.CHATTER], events[Evidence.TEARDOWN], push,
                    e.stepNanos);
        }
    }

    static String reason(AppState state, AppState decoded, Stats s, boolean atStart, boolean atEnd, long nanos) {
        StringBuilder b = new StringBuilder();
        switch (state) {
            case FOREGROUND -> {
                b.append("on screen: ").append(count(s.viewing(), "viewing download"));
                if (s.viewing() > 0) {
                    b.append(" (").append(ByteUnits.format(s.viewingBytes()))
                            .append(", videos with covers or feed calls around them, or several at once)");
                }
                if (s.lone() + s.large() > 0) {
                    b.append(", ").append(count(s.lone() + s.large(), "more video download")).append(" between them (")
                            .append(ByteUnits.format(s.loneBytes() + s.largeBytes())).append(")");
                }
                if (s.sustainedSteps() * s.stepNanos() >= 10_000_000_000L) {
                    b.append(", video streaming for ").append(duration(s.sustainedSteps() * s.stepNanos()));
                }
                b.append(atEnd ? "; the capture ends on screen" : "; it ends with the last viewing download or the look at it");
            }
            case MINIMIZED -> {
                b.append("minimized: no viewing download, and the app's own traffic goes on (")
                        .append(count(s.chatter(), "ping or post", "pings or posts")).append(", ").append(count(s.calls(), "API call"));
                if (s.images() > 0) {
                    b.append(", ").append(count(s.images(), "image fetch", "image fetches"));
                }
                b.append(")");
                preloads(b, s);
            }
            case CLOSED -> {
                b.append("closed: no viewing download, ");
                if (s.teardowns() > 0) {
                    b.append("the app's own connections torn down (").append(count(s.teardowns(), "long-lived connection"))
                            .append(" closed), ");
                }
                b.append("then nothing of the app's own for ").append(duration(nanos)).append(" but ")
                        .append(s.pushBytes() > 0 ? "push keepalives (" + ByteUnits.format(s.pushBytes()) + ")" : "silence");
                if (s.chatter() + s.calls() > 0) {
                    b.append(" and ").append(count(s.chatter() + s.calls(), "stray post"));
                }
                preloads(b, s);
            }
            case BACKGROUND -> {
                b.append("background: no viewing download; minimized or closed cannot be told apart: ");
                if (nanos < 120_000_000_000L) {
                    b.append(duration(nanos)).append(" is too short to see whether the app's own traffic goes on");
                } else if (decoded == AppState.MINIMIZED) {
                    b.append("the app's own traffic is sparse (").append(count(s.chatter() + s.calls(), "ping, post or call", "pings, posts or calls"))
                            .append(" in ").append(duration(nanos)).append(") and no connection was torn down");
                } else {
                    b.append("nothing but push keepalives for ").append(duration(nanos))
                            .append(", but no connection of the app's own was seen torn down");
                }
                if (atStart) {
                    b.append(", at the start of the capture");
                }
                preloads(b, s);
            }
            default -> throw new IllegalStateException();
        }
        return b.toString();
    }

    private static void preloads(StringBuilder b, Stats s) {
        if (s.lone() > 0) {
            b.append("; ").append(count(s.lone(), "lone video download")).append(" of ")
                    .append(ByteUnits.format(s.loneBytes()))
                    .append(s.lone() == 1 ? " (a pre-load: no covers or feed calls around it)"
                            : " (pre-loads: no covers or feed calls around them)");
        }
        if (s.large() > 0) {
            b.append("; ").append(count(s.large(), "lone video download")).append(" of ")
                    .append(ByteUnits.format(s.largeBytes())).append(", larger than a pre-load (at most ")
                    .append(ByteUnits.format(Evidence.PRELOAD_MAX_BYTES)).append(") but without a session around it");
        }
        if (s.viewing() > 0) {
            b.append("; ").append(count(s.viewing(), "video download")).append(" with covers or calls around it (")
                    .append(ByteUnits.format(s.viewingBytes())).append("), too little to be a session");
        }
        if (s.sustainedSteps() * s.stepNanos() >= 10_000_000_000L) {
            b.append("; video bytes for ").append(duration(s.sustainedSteps() * s.stepNanos())).append(" on end");
        }
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** {@code 45 s}, {@code 3 min 5 s}, {@code 2 h 5 min}. */
    static String duration(long nanos) {
        long s = Math.max(0, nanos) / 1_000_000_000L;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, s % 3600 / 60);
    }
}
