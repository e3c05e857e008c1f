package org.toktrace.testkit.traffic;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.toktrace.model.AnalysisResult;

/**
 * The naive baseline the state model has to beat: a device's second is foreground when TikTok's
 * bytes within {@code window} seconds either side reach {@code threshold}, scored on the same samples
 * and with the same truth as {@link StateScore} (TikTok's flows as the truth names them, the truth of a
 * bin at its end). It stands for "tshark and one volume threshold": no model, no context.
 *
 * @param bins         samples per true state (0 foreground, 1 background)
 * @param correctBins  of those, the samples the baseline got right
 * @param bytes        true bytes per state
 * @param measured     bytes the baseline puts in each state
 */
public record BaselineScore(long[] bins, long[] correctBins, long[] bytes, long[] measured) {

    /** Scores the threshold rule on {@code result}'s flows against {@code truth}. */
    public static BaselineScore of(AnalysisResult result, GroundTruth truth, long threshold, int window) {
        return of(result, truth, threshold, window, false);
    }

    /**
     * The same, counting towards the threshold only the bytes of the flows the capture itself names
     * TikTok ({@code namedOnly}), as tshark would: a connection open before the capture began shows
     * no server name, so the truth knows it for TikTok's and the traffic does not.
     */
    public static BaselineScore of(AnalysisResult result, GroundTruth truth, long threshold, int window, boolean namedOnly) {
        int volume = namedOnly ? 1 : 0;
        Map<String, TreeMap<Long, long[]>> samples = StateScore.samples(result, truth);
        long binNanos = StateScore.binNanos(result);
        long[] bins = new long[2];
        long[] correct = new long[2];
        long[] bytes = new long[2];
        long[] measured = new long[2];
        for (Map.Entry<String, TreeMap<Long, long[]>> e : samples.entrySet()) {
            TreeMap<Long, long[]> m = e.getValue();
            for (Map.Entry<Long, long[]> s : m.entrySet()) {
                GroundTruth.Activity a = truth.activityAt(e.getKey(), s.getKey() + binNanos - 1);
                if (a == null) {
                    a = truth.activityAt(e.getKey(), s.getKey());
                }
                if (a == null) {
                    continue;
                }
                long near = 0;
                for (long[] v : m.subMap(s.getKey() - window * binNanos, true, s.getKey() + window * binNanos, true).values()) {
                    near += v[volume];
                }
                int verdict = near >= threshold ? 0 : 1;
                int t = a.state().isBackground() ? 1 : 0;
                bins[t]++;
                bytes[t] += s.getValue()[0];
                measured[verdict] += s.getValue()[0];
                if (verdict == t) {
                    correct[t]++;
                }
            }
        }
        return new BaselineScore(bins, correct, bytes, measured);
    }

    /** The scores of several captures, added. */
    public static BaselineScore sum(List<BaselineScore> scores) {
        long[][] a = new long[4][2];
        for (BaselineScore s : scores) {
            for (int i = 0; i < 2; i++) {
                a[0][i] += s.bins[i];
                a[1][i] += s.correctBins[i];
                a[2][i] += s.bytes[i];
                a[3][i] += s.measured[i];
            }
        }
        return new BaselineScore(a[0], a[1], a[2], a[3]);
    }

    public double balanced() {
        return (recall(0) + recall(1)) / 2;
    }

    public double recall(int state) {
        return bins[state] == 0 ? 1 : correctBins[state] / (double) bins[state];
    }

    /** |measured - truth| / truth of a state's bytes, summed over captures as they were added. */
    public double totalError(int state) {
        return bytes[state] == 0 ? 0 : Math.abs(measured[state] - bytes[state]) / (double) bytes[state];
    }

    public String line(String label) {
        return String.format(Locale.ROOT, "%-24s balanced %6.2f %% (fg %6.2f, bg %6.2f)  fg total %6.2f %%  bg total %7.2f %%",
                label, 100 * balanced(), 100 * recall(0), 100 * recall(1), 100 * totalError(0), 100 * totalError(1));
    }
}
