package org.toktrace.testkit.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;

/**
 * How well an analysis's foreground/background states match a generated capture's truth, counted
 * over truly-TikTok traffic (flows to servers the {@link GroundTruth} says are TikTok's, whatever
 * the attribution said). A sample is one device's time bin with such traffic; its truth is what the
 * app was doing at the end of the bin (a user's action starts the new state's traffic at once, while
 * the old state's last exchange lies seconds back, so a bin that holds a change carries the new
 * state's bytes; the middle of the bin would judge them by the wrong side), its verdict the device's state at the bin's start (an
 * unclassified device or bin counts as wrong). Totals compare the analysis's own foreground and
 * background bytes, as a user reads them, with the truth.
 *
 * @param bins         samples per true state (indexed by {@link AppState#ordinal()})
 * @param correctBins  samples per true state the analysis got right
 * @param bytes        truly-TikTok bytes per true state
 * @param correctBytes of those, the bytes in samples the analysis got right
 * @param measured     the analysis's foreground and background bytes (all devices)
 * @param absError     |measured - truth| per state; summed over seeds when scores are added, so
 *                     errors of opposite sign do not cancel
 * @param seconds      true time per state, summed over the devices with truth
 * @param measuredSeconds the analysis's time per state, summed over devices
 * @param unknownTruth samples outside every truth period (should be none)
 * @param substates    background samples by true activity (0 minimized, 1 closed) and verdict (indexed by
 *                     {@link AppState#ordinal()}; no verdict counts as foreground)
 * @param boundaryErrors per true change between foreground and background, seconds to the nearest such
 *                     change of the analysis
 * @param leftDuring   background bytes the analysis calls foreground that belong to a connection the
 *                     truth opened on screen: the rest of a transfer the user left during, which the
 *                     traffic cannot place on either side of the departure
 * @param absErrorBesideLeftDuring |measured - truth| of the background bytes with {@code leftDuring} set
 *                     aside from the truth; summed over seeds like {@code absError}
 * @param inFlight     background bytes and bins (index 0, 1) of a video or live transfer that was running
 *                     on screen and goes on after the departure without a pause of more than
 *                     {@link #PAUSE_BINS} bins: whatever the analysis says, one that keeps a transfer in
 *                     one state and ends the screen with the last viewing transfer calls them foreground
 */
public record StateScore(long[] bins, long[] correctBins, long[] bytes, long[] correctBytes, long[] measured,
        long[] absError, double[] seconds, double[] measuredSeconds, long unknownTruth, long[][] substates,
        List<Double> boundaryErrors, long leftDuring, long absErrorBesideLeftDuring, long[] inFlight) {

    /** The longest pause, in bins, inside one transfer: chunks fetched back to back run together. */
    public static final int PAUSE_BINS = 3;

    private static final int FG = AppState.FOREGROUND.ordinal();
    private static final int BG = AppState.BACKGROUND.ordinal();

    /** Scores {@code result} against {@code truth}. */
    public static StateScore of(AnalysisResult result, GroundTruth truth) {
        Map<String, DeviceStates> states = new HashMap<>();
        for (DeviceStates d : result.states()) {
            states.put(d.device().label(), d);
        }
        Map<String, TreeMap<Long, long[]>> samples = samples(result, truth);
        long binNanos = binNanos(result);
        long[] bins = new long[2];
        long[] correctBins = new long[2];
        long[] bytes = new long[2];
        long[] correctBytes = new long[2];
        long unknown = 0;
        long leftDuring = 0;
        long[] inFlight = new long[2];
        long[][] substates = new long[2][AppState.values().length];
        for (Map.Entry<String, TreeMap<Long, long[]>> e : samples.entrySet()) {
            DeviceStates d = states.get(e.getKey());
            for (Map.Entry<Long, long[]> s : e.getValue().entrySet()) {
                GroundTruth.Activity a = truth.activityAt(e.getKey(), s.getKey() + binNanos - 1);
                if (a == null) {
                    a = truth.activityAt(e.getKey(), s.getKey()); // the capture's last, cut bin
                }
                if (a == null) {
                    unknown++;
                    continue;
                }
                int t = a.state().ordinal();
                if (t == BG && s.getValue()[3] > 0) {
                    inFlight[0] += s.getValue()[3];
                    inFlight[1]++;
                }
                AppState verdict = d == null ? null : d.stateAt(s.getKey());
                long b = s.getValue()[0];
                bins[t]++;
                bytes[t] += b;
                if (verdict != null && verdict.isBackground() == a.state().isBackground()) {
                    correctBins[t]++;
                    correctBytes[t] += b;
                } else if (verdict != null && a.state().isBackground()) {
                    leftDuring += s.getValue()[2];
                }
                if (a != GroundTruth.Activity.SCROLLING) {
                    substates[a == GroundTruth.Activity.MINIMIZED ? 0 : 1][verdict == null ? AppState.FOREGROUND.ordinal()
                            : verdict.ordinal()]++;
                }
            }
        }
        double[] seconds = new double[2];
        for (String device : truth.devices()) {
            for (GroundTruth.Period p : truth.periods(device)) {
                seconds[p.activity().state().ordinal()] += (p.endNanos() - p.startNanos()) / 1e9;
            }
        }
        DeviceStates total = result.totalStates();
        long[] measured = new long[2];
        measured[FG] = total.foregroundBytes();
        measured[BG] = total.backgroundBytes();
        double[] measuredSeconds = {0, 0};
        measuredSeconds[FG] = total.foregroundNanos() / 1e9;
        measuredSeconds[BG] = total.backgroundNanos() / 1e9;
        long[] absError = {Math.abs(measured[FG] - bytes[FG]), Math.abs(measured[BG] - bytes[BG])};
        return new StateScore(bins, correctBins, bytes, correctBytes, measured, absError, seconds, measuredSeconds, unknown,
                substates, boundaryErrors(result, truth), leftDuring, Math.abs(measured[BG] - (bytes[BG] - leftDuring)), inFlight);
    }

    /**
     * Per device, per bin start, the bytes of the flows the truth calls TikTok's: the samples scored;
     * then of those, the bytes of named flows, the bytes of video and live connections the truth
     * opened while the app was on screen, and the bytes of video and live transfers that ran on screen
     * and go on into the bin without a pause of more than {@link #PAUSE_BINS} bins, when the truth
     * has the bin in background.
     */
    static Map<String, TreeMap<Long, long[]>> samples(AnalysisResult result, GroundTruth truth) {
        Map<String, TreeMap<Long, long[]>> samples = new HashMap<>();
        for (FlowRecord f : result.flows()) {
            if (!truth.at(f.key().server()).map(GroundTruth.Server::tiktok).orElse(false)) {
                continue;
            }
            FlowBins b = f.bins();
            TreeMap<Long, long[]> m = samples.computeIfAbsent(Device.Id.of(f).label(), d -> new TreeMap<>());
            boolean named = f.attribution().isTikTok();
            GroundTruth.Flow media = truth.flow(f.key()).filter(t -> t.purpose() == GroundTruth.Purpose.VIDEO
                    || t.purpose() == GroundTruth.Purpose.LIVE).orElse(null);
            boolean openedOnScreen = media != null && Optional.ofNullable(truth.activityAt(media.device(), media.startNanos()))
                    .map(a -> !a.state().isBackground()).orElse(false);
            boolean seenOnScreen = false; // the transfer this bin belongs to ran while the app was on screen
            for (int i = 0; i < b.size(); i++) {
                long start = b.binStartNanos(i);
                long[] v = m.computeIfAbsent(start, k -> new long[4]);
                long bytes = b.bytesUp(i) + b.bytesDown(i);
                v[0] += bytes;
                v[1] += named ? bytes : 0;
                v[2] += openedOnScreen ? bytes : 0;
                if (media != null) {
                    if (i > 0 && start - b.binStartNanos(i - 1) > PAUSE_BINS * b.binNanos()) {
                        seenOnScreen = false;
                    }
                    GroundTruth.Activity a = truth.activityAt(media.device(), start + b.binNanos() - 1);
                    if (a != null && !a.state().isBackground()) {
                        seenOnScreen = true;
                    } else if (a != null && seenOnScreen) {
                        v[3] += bytes;
                    }
                }
            }
        }
        return samples;
    }

    /** The width of the analysis's bins (all flows share it); 1 without flows. */
    static long binNanos(AnalysisResult result) {
        return result.flows().isEmpty() ? 1 : result.flows().get(0).bins().binNanos();
    }

    /**
     * For every change of the truth between foreground and background inside the capture, the
     * distance in seconds to the nearest change of the same direction in the analysis of that device
     * (the whole capture when it has none). A device's intervals begin with its first TikTok bin; an
     * app on screen always makes traffic, so a first interval on screen is a change from background
     * at its start (a capture that begins with the app closed and the user opening it).
     */
    static List<Double> boundaryErrors(AnalysisResult result, GroundTruth truth) {
        Map<String, DeviceStates> states = new HashMap<>();
        for (DeviceStates d : result.states()) {
            states.put(d.device().label(), d);
        }
        List<Double> errors = new ArrayList<>();
        long span = Math.max(1, result.capture().durationNanos());
        for (String device : truth.devices()) {
            DeviceStates d = states.get(device);
            List<GroundTruth.Period> periods = truth.periods(device);
            for (int i = 1; i < periods.size(); i++) {
                boolean wasFg = !periods.get(i - 1).activity().state().isBackground();
                boolean isFg = !periods.get(i).activity().state().isBackground();
                if (wasFg == isFg) {
                    continue;
                }
                long at = periods.get(i).startNanos();
                long best = span;
                if (d != null) {
                    List<StateInterval> l = d.intervals();
                    if (!wasFg && isFg && !l.isEmpty() && !l.get(0).state().isBackground()
                            && l.get(0).startNanos() > result.capture().firstNanos()) {
                        best = Math.abs(l.get(0).startNanos() - at);
                    }
                    for (int j = 1; j < l.size(); j++) {
                        boolean pf = !l.get(j - 1).state().isBackground();
                        boolean nf = !l.get(j).state().isBackground();
                        if (pf == wasFg && nf == isFg) {
                            best = Math.min(best, Math.abs(l.get(j).startNanos() - at));
                        }
                    }
                }
                errors.add(best / 1e9);
            }
        }
        return errors;
    }

    /** The sum of several scores, for figures over all seeds. */
    public static StateScore sum(Iterable<StateScore> scores) {
        long[] bins = new long[2];
        long[] correctBins = new long[2];
        long[] bytes = new long[2];
        long[] correctBytes = new long[2];
        long[] measured = new long[2];
        double[] seconds = new double[2];
        double[] measuredSeconds = new double[2];
        long unknown = 0;
        long[] absError = new long[2];
        long[][] substates = new long[2][AppState.values().length];
        List<Double> boundaries = new ArrayList<>();
        long leftDuring = 0;
        long besideLeftDuring = 0;
        long[] inFlight = new long[2];
        for (StateScore s : scores) {
            leftDuring += s.leftDuring;
            besideLeftDuring += s.absErrorBesideLeftDuring;
            inFlight[0] += s.inFlight[0];
            inFlight[1] += s.inFlight[1];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < substates[i].length; j++) {
                    substates[i][j] += s.substates[i][j];
                }
            }
            boundaries.addAll(s.boundaryErrors);
            for (int i = 0; i < 2; i++) {
                bins[i] += s.bins[i];
                correctBins[i] += s.correctBins[i];
                bytes[i] += s.bytes[i];
                correctBytes[i] += s.correctBytes[i];
                measured[i] += s.measured[i];
                seconds[i] += s.seconds[i];
                measuredSeconds[i] += s.measuredSeconds[i];
                absError[i] += s.absError[i];
            }
            unknown += s.unknownTruth;
        }
        return new StateScore(bins, correctBins, bytes, correctBytes, measured, absError, seconds, measuredSeconds, unknown,
                substates, boundaries, leftDuring, besideLeftDuring, inFlight);
    }

    /** Share of truly-TikTok bytes whose bin got the true state. */
    public double byteAccuracy() {
        long all = bytes[FG] + bytes[BG];
        return all == 0 ? 1 : (correctBytes[FG] + correctBytes[BG]) / (double) all;
    }

    /** Share of {@code state}'s samples (bins with TikTok traffic) the analysis got right; 1 without any. */
    public double recall(AppState state) {
        int i = state.ordinal();
        return bins[i] == 0 ? 1 : correctBins[i] / (double) bins[i];
    }

    /** Share of {@code state}'s bytes the analysis got right; 1 without any. */
    public double byteRecall(AppState state) {
        int i = state.ordinal();
        return bytes[i] == 0 ? 1 : correctBytes[i] / (double) bytes[i];
    }

    /** The mean of the per-state recalls over samples. */
    public double balancedAccuracy() {
        return (recall(AppState.FOREGROUND) + recall(AppState.BACKGROUND)) / 2;
    }

    /** |measured - truth| / truth of {@code state}'s total bytes (over seeds: summed absolute errors / summed truth). */
    public double totalError(AppState state) {
        int i = state.ordinal();
        return bytes[i] == 0 ? (absError[i] == 0 ? 0 : 1) : absError[i] / (double) bytes[i];
    }

    /**
     * The background total's error with the rest of the transfers the user left during
     * ({@link #leftDuring()}) set aside from the truth: what the model's reading of the traffic
     * itself gets wrong.
     */
    public double backgroundErrorBesideLeftDuring() {
        long truth = bytes[BG] - leftDuring;
        return truth <= 0 ? (absErrorBesideLeftDuring == 0 ? 0 : 1) : absErrorBesideLeftDuring / (double) truth;
    }

    /**
     * The share of the background's bytes (index 0) and bins (index 1) that are {@link #inFlight()}:
     * what an analysis that keeps transfers whole and ends the screen with them cannot call background.
     */
    public double[] inFlightShare() {
        return new double[] {bytes[BG] == 0 ? 0 : inFlight[0] / (double) bytes[BG], bins[BG] == 0 ? 0 : inFlight[1] / (double) bins[BG]};
    }

    /** |sum of measured - sum of truth| / sum of truth: errors of opposite sign (over seeds) cancel here. */
    public double pooledError(AppState state) {
        int i = state.ordinal();
        return bytes[i] == 0 ? (measured[i] == 0 ? 0 : 1) : Math.abs(measured[i] - bytes[i]) / (double) bytes[i];
    }

    /** How many of {@code scores} have {@code state}'s total within {@code bar} of the truth. */
    public static long within(Iterable<StateScore> scores, AppState state, double bar) {
        long n = 0;
        for (StateScore s : scores) {
            if (s.totalError(state) <= bar) {
                n++;
            }
        }
        return n;
    }

    /** The median of {@link #boundaryErrors()} in seconds; 0 without any change. */
    public double medianBoundaryError() {
        if (boundaryErrors.isEmpty()) {
            return 0;
        }
        double[] sorted = boundaryErrors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Of the background samples truly {@code minimized} (or closed), the share the analysis named exactly. */
    public double substateRecall(boolean closed) {
        long[] row = substates[closed ? 1 : 0];
        long all = 0;
        for (long v : row) {
            all += v;
        }
        return all == 0 ? 1 : row[(closed ? AppState.CLOSED : AppState.MINIMIZED).ordinal()] / (double) all;
    }

    /** Of the background samples truly minimized or closed, the share named the other one (a wrong split). */
    public double substateConfusion() {
        long wrong = substates[0][AppState.CLOSED.ordinal()] + substates[1][AppState.MINIMIZED.ordinal()];
        long all = 0;
        for (long[] row : substates) {
            for (long v : row) {
                all += v;
            }
        }
        return all == 0 ? 0 : wrong / (double) all;
    }

    /** One line of figures. */
    public String line(String label) {
        return String.format(Locale.ROOT,
                "%-8s bytes %6.2f %%  balanced %6.2f %% (fg %6.2f %%, bg %6.2f %% of %,d/%,d bins)"
                        + "  fg %8.2f MB vs %8.2f MB (%5.2f %%)  bg %8.1f kB vs %8.1f kB (%5.2f %%)"
                        + "  time fg %5.0f s vs %5.0f s, bg %5.0f s vs %5.0f s  boundary %.1f s (%d)"
                        + "  minimized %.0f %% closed %.0f %% swapped %.1f %%",
                label, 100 * byteAccuracy(), 100 * balancedAccuracy(), 100 * recall(AppState.FOREGROUND),
                100 * recall(AppState.BACKGROUND), bins[FG], bins[BG], measured[FG] / 1e6, bytes[FG] / 1e6,
                100 * totalError(AppState.FOREGROUND), measured[BG] / 1e3, bytes[BG] / 1e3,
                100 * totalError(AppState.BACKGROUND), measuredSeconds[FG], seconds[FG], measuredSeconds[BG], seconds[BG],
                medianBoundaryError(), boundaryErrors.size(), 100 * substateRecall(false), 100 * substateRecall(true),
                100 * substateConfusion());
    }
}
