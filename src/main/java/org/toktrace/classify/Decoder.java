package org.toktrace.classify;

/**
 * Decodes a device's {@link Evidence} under a {@link StateModel} with the whole capture in view: each
 * step's posterior probability of every hidden state (forward-backward, scaled per step), given all
 * the evidence before and after it.
 *
 * <p>Events are few (one bit per event a step, and one for a long silence), so the emission of every
 * possible event set is tabulated once: a step costs a table read and a few multiply-adds per state pair.
 * Memory: one float per state and step; the caller keeps the number of steps bounded.
 */
final class Decoder {
    private static final int S = StateModel.STATES;
    private static final int CODES = Evidence.CODES;

    /** P(events | state), by event set and state. */
    private final double[][] emission = new double[CODES][S];
    /** P(next | state) per step. */
    private final double[][] transition = new double[S][S];
    private final double[] initial = new double[S];

    Decoder(StateModel model, double stepSeconds) {
        for (int s = 0; s < S; s++) {
            double out = 0;
            for (int t = 0; t < S; t++) {
                if (t != s) {
                    // a rate per second over a step of stepSeconds: the chance that it happens in the step
                    transition[s][t] = 1 - Math.exp(-model.leaveRate(s, t) * stepSeconds);
                    out += transition[s][t];
                }
            }
            transition[s][s] = Math.max(1e-12, 1 - out);
            initial[s] = model.initialProbability(s);
        }
        // the logarithm of each event's presence and absence per state, once; a code sums them
        double[][] present = new double[S][Evidence.UNSEEN + 1];
        double[][] absent = new double[S][Evidence.UNSEEN + 1];
        for (int s = 0; s < S; s++) {
            for (int e = 0; e < Evidence.EVENTS; e++) {
                double p = 1 - Math.exp(-model.emissionRate(s, e) * stepSeconds);
                present[s][e] = Math.log(p);
                absent[s][e] = Math.log1p(-p);
            }
            boolean onScreen = s < StateModel.Hidden.LEAVING.ordinal();
            present[s][Evidence.SILENT] = onScreen ? Math.log(StateModel.SILENT_ON_SCREEN) * stepSeconds : 0;
            present[s][Evidence.UNSEEN] = onScreen ? Math.log(StateModel.UNSEEN_ON_SCREEN) * stepSeconds : 0;
        }
        for (int code = 0; code < CODES; code++) {
            for (int s = 0; s < S; s++) {
                double log = 0;
                for (int e = 0; e <= Evidence.UNSEEN; e++) {
                    log += (code & (1 << e)) != 0 ? present[s][e] : absent[s][e];
                }
                emission[code][s] = Math.exp(log);
            }
        }
    }

    /** Per step and state (index {@code step * S + state}), the posterior probability of the state. */
    float[] posteriors(short[] events) {
        int n = events.length;
        float[] alpha = new float[n * S];
        double[] a = new double[S];
        double[] prev = new double[S];
        for (int s = 0; s < S; s++) {
            a[s] = initial[s] * emission[events[0] & 0xFFFF][s];
        }
        normalize(a);
        store(alpha, 0, a);
        for (int i = 1; i < n; i++) {
            System.arraycopy(a, 0, prev, 0, S);
            double[] em = emission[events[i] & 0xFFFF];
            for (int t = 0; t < S; t++) {
                double sum = 0;
                for (int s = 0; s < S; s++) {
                    sum += prev[s] * transition[s][t];
                }
                a[t] = sum * em[t];
            }
            normalize(a);
            store(alpha, i, a);
        }
        double[] beta = new double[S];
        double[] b = new double[S];
        java.util.Arrays.fill(beta, 1);
        for (int i = n - 1; i >= 0; i--) {
            double sum = 0;
            for (int s = 0; s < S; s++) {
                sum += alpha[i * S + s] * beta[s];
            }
            for (int s = 0; s < S; s++) {
                alpha[i * S + s] = (float) (sum > 0 ? alpha[i * S + s] * beta[s] / sum : 1.0 / S);
            }
            if (i == 0) {
                break;
            }
            double[] em = emission[events[i] & 0xFFFF];
            for (int s = 0; s < S; s++) {
                double v = 0;
                for (int t = 0; t < S; t++) {
                    v += transition[s][t] * em[t] * beta[t];
                }
                b[s] = v;
            }
            normalize(b);
            double[] swap = beta;
            beta = b;
            b = swap;
        }
        return alpha;
    }

    private static void normalize(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        if (sum > 0 && Double.isFinite(sum)) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= sum;
            }
        } else {
            java.util.Arrays.fill(v, 1.0 / v.length);
        }
    }

    private static void store(float[] into, int step, double[] v) {
        for (int s = 0; s < v.length; s++) {
            into[step * S + s] = (float) v[s];
        }
    }
}
