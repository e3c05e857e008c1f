package org.toktrace.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.toktrace.classify.StateClassifier;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Category;
import org.toktrace.model.Device;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.TikTokBins;

/**
 * The generator opens one connection per video; an app over HTTP/2 keeps one per server and reuses
 * it (RFC 9113, section 9.1). This decodes the states of an analysis as that app's traffic would
 * show them, so the accuracy report can say what reuse costs.
 */
final class ConnectionReuse {
    /** How long an idle connection stays open for reuse (OkHttp's pool keeps one 5 min). */
    static final long IDLE_NANOS = 300_000_000_000L;

    private ConnectionReuse() {
    }

    /**
     * {@code r} with its states decoded as if the phones kept one connection per video server (HTTP/2)
     * and reused it while idle under 5 min: each device's video flows to one server name, merged. The
     * flows stay as they were, so the score is over the same bins.
     */
    static AnalysisResult reclassified(AnalysisResult r) {
        Map<String, FlowRecord> open = new HashMap<>();
        List<FlowRecord> merged = new ArrayList<>();
        List<FlowRecord> sorted = new ArrayList<>(r.flows());
        sorted.sort(Comparator.comparingLong(FlowRecord::firstSeenNanos));
        for (FlowRecord f : sorted) {
            if (!f.attribution().isTikTok() || TikTokBins.categoryOf(f) != Category.VIDEO) {
                merged.add(f);
                continue;
            }
            String k = Device.Id.of(f) + " " + f.attribution().evidence().name();
            FlowRecord g = open.get(k);
            if (g != null && f.firstSeenNanos() - g.lastSeenNanos() < IDLE_NANOS) {
                open.put(k, join(g, f));
            } else {
                if (g != null) {
                    merged.add(g);
                }
                open.put(k, f);
            }
        }
        merged.addAll(open.values());
        StateAnalysis.Outcome o = StateAnalysis.run(merged, new StateClassifier(), r.capture().lastNanos());
        return new AnalysisResult(r.capture(), r.flows(), r.counters(), r.warnings(), r.complete(), r.learnedNames(),
                r.catalogVersion(), r.breakdown(), o.states(), r.announcedDevices());
    }

    private static FlowRecord join(FlowRecord a, FlowRecord b) {
        TreeMap<Long, long[]> bins = new TreeMap<>();
        for (FlowRecord f : List.of(a, b)) {
            FlowBins fb = f.bins();
            long[] at = fb.bins();
            long[] fu = fb.bytesUp();
            long[] fd = fb.bytesDown();
            int[] fp = fb.packets();
            for (int i = 0; i < at.length; i++) {
                long[] v = bins.computeIfAbsent(at[i], x -> new long[3]);
                v[0] += fu[i];
                v[1] += fd[i];
                v[2] += fp[i];
            }
        }
        int n = bins.size();
        long[] idx = new long[n];
        long[] up = new long[n];
        long[] down = new long[n];
        int[] packets = new int[n];
        int i = 0;
        for (Map.Entry<Long, long[]> e : bins.entrySet()) {
            idx[i] = e.getKey();
            up[i] = e.getValue()[0];
            down[i] = e.getValue()[1];
            packets[i++] = (int) e.getValue()[2];
        }
        return new FlowRecord(a.id(), a.key(), a.firstSeenNanos(), Math.max(a.lastSeenNanos(), b.lastSeenNanos()),
                a.packetsUp() + b.packetsUp(), a.packetsDown() + b.packetsDown(), a.bytesUp() + b.bytesUp(),
                a.bytesDown() + b.bytesDown(), b.end(), a.clientMac(),
                new FlowBins(a.bins().binNanos(), idx, up, down, packets), a.names(), a.attribution());
    }
}
