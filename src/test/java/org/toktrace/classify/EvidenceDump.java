package org.toktrace.classify;

import java.time.Instant;
import java.util.List;
import org.toktrace.model.FlowRecord;

/** Prints a device's evidence step by step, with the decoded path and posteriors: a debugging aid for StateLab. */
public final class EvidenceDump {
    private static final String[] NAMES = {"VIEW", "LONE", "SUST", "IMG", "API", "CHAT", "TEAR", "LARGE", "REP", "CONT"};

    private static final int S = StateModel.STATES;

    private EvidenceDump() {
    }

    public static String dump(List<FlowRecord> flows, long binNanos, long endNanos, long fromNanos, long toNanos) {
        long first = flows.stream().filter(f -> f.bins().size() > 0).mapToLong(f -> f.bins().binStartNanos(0)).min().orElse(0);
        Evidence e = Evidence.of(flows, StateClassifier.stepNanos(binNanos, first, endNanos), endNanos);
        float[] post = new StateClassifier().posteriors(e);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < e.steps; i++) {
            long t = e.stepStart(i);
            if (t < fromNanos || t >= toNanos) {
                continue;
            }
            StringBuilder ev = new StringBuilder();
            for (int k = 0; k < Evidence.EVENTS; k++) {
                if (e.has(i, k)) {
                    ev.append(NAMES[k]).append(' ');
                }
            }
            if (ev.length() == 0 && e.media[i] + e.image[i] + e.api[i] + e.chatter[i] == 0 && i % 5 != 0) {
                continue;
            }
            b.append(String.format("%s %-10s media %8d img %6d api %6d chat %6d  %-18s sc %.2f wa %.2f mi %.2f cl %.2f%n",
                    Instant.ofEpochSecond(t / 1_000_000_000L).toString().substring(11, 19),
                    StateClassifier.onScreen(post, i) > 0.5 ? "ON" : "off", e.media[i], e.image[i], e.api[i], e.chatter[i], ev,
                    post[i * S], StateClassifier.onScreen(post, i) - post[i * S],
                    StateClassifier.minimized(post, i), 1 - StateClassifier.onScreen(post, i) - StateClassifier.minimized(post, i)));
        }
        return b.toString();
    }
}
