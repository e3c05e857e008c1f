package org.toktrace.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.StateInterval;
import org.toktrace.testkit.traffic.AccuracyScenarios;
import org.toktrace.testkit.traffic.GroundTruth;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;
import org.toktrace.testkit.traffic.StateScore;
import org.toktrace.testkit.traffic.WideScenarios;

/**
 * A workbench for the state model on generated captures: scores seeds and, with {@code --intervals},
 * prints each device's intervals beside its true periods. Development seeds only; never the held-out ones.
 * {@code java -cp ... org.toktrace.analysis.StateLab [--intervals] [--misses] [--baseline] [--reuse] (old|sample|wide|pre|cut) SEED...}
 */
public final class StateLab {
    public static void main(String[] args) throws Exception {
        boolean intervals = false;
        boolean misses = false;
        boolean baseline = false;
        boolean reuse = false;
        String dump = null;
        String kind = "old";
        List<Long> seeds = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--baseline")) {
                baseline = true;
            } else if (a.equals("--reuse")) {
                reuse = true;
            } else if (a.equals("--misses")) {
                misses = true;
            } else if (a.startsWith("--dump=")) {
                dump = a.substring(7);
            } else if (a.equals("--intervals")) {
                intervals = true;
            } else if (a.matches("[a-z]+")) {
                kind = a;
            } else {
                seeds.add(Long.parseLong(a));
            }
        }
        List<StateScore> scores = new ArrayList<>();
        long[] near = new long[10];
        long[] thresholds = {20_000, 50_000, 100_000, 200_000, 500_000};
        int[] windows = {0, 2, 5};
        List<List<org.toktrace.testkit.traffic.BaselineScore>> base = new ArrayList<>();
        for (int k = 0; k < thresholds.length * windows.length; k++) {
            base.add(new ArrayList<>());
        }
        Path dir = Files.createTempDirectory("statelab");
        for (long seed : seeds) {
            Path file = dir.resolve("s" + seed + ".pcap");
            HotspotTrafficGenerator.Summary s;
            if (kind.equals("pre")) {
                s = HotspotTrafficGenerator.write(org.toktrace.testkit.traffic.UsagePlans.scrollThenPreload(seed, 5, 700_000), file);
            } else if (kind.equals("cut")) {
                s = HotspotTrafficGenerator.write(org.toktrace.testkit.traffic.UsagePlans.cutAfterLeaving(seed, 20), file);
            } else if (kind.equals("bare")) {
                // outside the documented ranges: swipes with neither covers, calls nor videos fetched ahead
                if (WideScenarios.HELDOUT_SEEDS.contains(seed) || WideScenarios.PREVIOUS_HELDOUT_SEEDS.contains(seed)) {
                    throw new IllegalArgumentException("held-out seeds are for the final report only");
                }
                org.toktrace.testkit.traffic.UsageScenario u = WideScenarios.scenario(seed);
                org.toktrace.testkit.traffic.ViewingStyle v = u.style();
                u = new org.toktrace.testkit.traffic.UsageScenario(u.seed(), u.captureSeconds(), u.leadInSeconds(),
                        new org.toktrace.testkit.traffic.ViewingStyle(v.medianSwipeSeconds(), v.swipeSpread(), v.longLookShare(), 0, 0, 0,
                                v.appOpenShare(), v.liveShare(), v.closeShare(), v.leavingEventShare(), v.crashLogShare(),
                                v.otherVideoShare(), v.quicShare(), v.foregroundTelemetrySeconds(), v.backgroundTelemetrySeconds(),
                                v.syncSeconds(), v.keepaliveSeconds()), u.phones());
                s = HotspotTrafficGenerator.write(u, file);
            } else if (kind.equals("wide")) {
                if (WideScenarios.HELDOUT_SEEDS.contains(seed) || WideScenarios.PREVIOUS_HELDOUT_SEEDS.contains(seed)) {
                    throw new IllegalArgumentException("held-out seeds are for the final report only");
                }
                org.toktrace.testkit.traffic.UsageScenario u = WideScenarios.scenario(seed);
                System.out.println(u.knobs().line());
                s = HotspotTrafficGenerator.write(u, file);
            } else {
                Scenario sc = kind.equals("sample") ? Scenario.sample().withSeed(seed) : AccuracyScenarios.scenario(seed);
                s = HotspotTrafficGenerator.write(sc, file);
            }
            AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file);
            Files.delete(file);
            if (reuse) {
                r = ConnectionReuse.reclassified(r);
            }
            StateScore score = StateScore.of(r, s.truth());
            if (baseline) {
                wrongNearChange(r, s.truth(), near);
                for (int k = 0; k < base.size(); k++) {
                    base.get(k).add(org.toktrace.testkit.traffic.BaselineScore.of(r, s.truth(), thresholds[k / windows.length],
                            windows[k % windows.length]));
                }
            }
            scores.add(score);
            System.out.println(score.line("seed " + seed));
            if (intervals) {
                print(r, s.truth());
            }
            if (misses) {
                misses(r, s.truth());
                preloads(r, s.truth());
            }
            if (dump != null) {
                // --dump=DEVICE-PREFIX,HH:MM:SS,HH:MM:SS
                String[] p = dump.split(",");
                String day = Instant.ofEpochSecond(r.capture().firstNanos() / 1_000_000_000L).toString().substring(0, 11);
                long from = Instant.parse(day + p[1] + "Z").getEpochSecond() * 1_000_000_000L;
                long to = Instant.parse(day + p[2] + "Z").getEpochSecond() * 1_000_000_000L;
                List<org.toktrace.model.FlowRecord> flows = r.flows().stream().filter(f -> f.attribution().isTikTok()
                        && org.toktrace.model.Device.Id.of(f).label().startsWith(p[0])).toList();
                System.out.print(org.toktrace.classify.EvidenceDump.dump(flows, flows.get(0).bins().binNanos(),
                        r.capture().lastNanos(), from, to));
            }
        }
        System.out.println(StateScore.sum(scores).line("all"));
        if (baseline) {
            System.out.printf("wrong bins: fg %d (%d within 3 s of a change), bg %d (%d within 3 s of a change)%n", near[0], near[1],
                    near[2], near[3]);
            System.out.printf("bg bins near a change called foreground: at a departure %d, at a return %d%n", near[8], near[9]);
            System.out.printf("fg bins called background: alone %d, after a foreground %d, before one %d, between two %d%n", near[4],
                    near[5], near[6], near[7]);
        }
        for (int k = 0; baseline && k < base.size(); k++) {
            System.out.println(org.toktrace.testkit.traffic.BaselineScore.sum(base.get(k))
                    .line("baseline " + thresholds[k / windows.length] / 1000 + " kB +-" + windows[k % windows.length] + " s"));
        }
    }

    /** Counts the model's wrong bins per true state {fg, fg near a change, bg, bg near a change}. */
    static void wrongNearChange(AnalysisResult r, GroundTruth truth, long[] near) {
        java.util.Map<String, java.util.TreeSet<Long>> seen = new java.util.HashMap<>();
        for (org.toktrace.model.FlowRecord f : r.flows()) {
            if (!truth.at(f.key().server()).map(GroundTruth.Server::tiktok).orElse(false)) {
                continue;
            }
            java.util.TreeSet<Long> bins = seen.computeIfAbsent(org.toktrace.model.Device.Id.of(f).label(), d -> new java.util.TreeSet<>());
            for (int i = 0; i < f.bins().size(); i++) {
                bins.add(f.bins().binStartNanos(i));
            }
        }
        long bin = 1_000_000_000L;
        for (DeviceStates d : r.states()) {
            List<GroundTruth.Period> periods = truth.periods(d.device().label());
            for (long b : seen.getOrDefault(d.device().label(), new java.util.TreeSet<>())) {
                GroundTruth.Activity a = truth.activityAt(d.device().label(), b + bin - 1);
                org.toktrace.model.AppState v = d.stateAt(b);
                if (a == null || v == null || v.isBackground() == a.state().isBackground()) {
                    continue;
                }
                int t = a.state().isBackground() ? 2 : 0;
                near[t]++;
                if (t == 0) {
                    // where a foreground bin called background lies: between two foreground intervals, after the last, before the first, or alone
                    List<StateInterval> iv = d.intervals();
                    for (int k = 0; k < iv.size(); k++) {
                        if (iv.get(k).startNanos() <= b && b < iv.get(k).endNanos()) {
                            boolean before = k > 0 && !iv.get(k - 1).state().isBackground();
                            boolean after = k + 1 < iv.size() && !iv.get(k + 1).state().isBackground();
                            near[4 + (before ? 1 : 0) + (after ? 2 : 0)]++;
                        }
                    }
                }
                for (int k = 1; k < periods.size(); k++) {
                    if (periods.get(k).activity().state().isBackground() != periods.get(k - 1).activity().state().isBackground()
                            && Math.abs(periods.get(k).startNanos() - b) <= 3 * bin) {
                        near[t + 1]++;
                        if (t == 2) {
                            // a departure (foreground before the change) or a return, and seconds after the change
                            boolean departure = periods.get(k).activity().state().isBackground();
                            near[departure ? 8 : 9]++;
                            if (Boolean.getBoolean("lab.nearlist")) {
                                System.out.printf("      near %s %s %+.1f s%n", departure ? "departure" : "return",
                                        t(b), (b - periods.get(k).startNanos()) / 1e9);
                            }
                        }
                        break;
                    }
                }
            }
        }
    }

    static void print(AnalysisResult r, GroundTruth truth) {
        for (DeviceStates d : r.states()) {
            System.out.println("  device " + d.device());
            for (GroundTruth.Period p : truth.periods(d.device().label())) {
                System.out.printf("    truth %s-%s %s%n", t(p.startNanos()), t(p.endNanos()), p.activity());
            }
            for (StateInterval i : d.intervals()) {
                System.out.printf("    model %s-%s %-10s %.2f %s%n", t(i.startNanos()), t(i.endNanos()), i.state(),
                        i.confidence(), i.reason());
            }
        }
    }

    /** Every stretch of 3 s or more where the model and the truth disagree on screen or not. */
    static void misses(AnalysisResult r, GroundTruth truth) {
        for (DeviceStates d : r.states()) {
            for (GroundTruth.Period p : truth.periods(d.device().label())) {
                for (StateInterval i : d.intervals()) {
                    long from = Math.max(p.startNanos(), i.startNanos());
                    long to = Math.min(p.endNanos(), i.endNanos());
                    boolean truthFg = !p.activity().state().isBackground();
                    if (to - from >= 3_000_000_000L && truthFg == i.state().isBackground()) {
                        System.out.printf("    miss %s %s-%s truth %s model %s (%s)%n", d.device().label().substring(0, 5), t(from),
                                t(to), p.activity(), i.state(), i.reason().length() > 110 ? i.reason().substring(0, 110)
                                        : i.reason());
                    }
                }
            }
        }
    }

    /** Each pre-load: seconds since the user left, its bytes, and the state the analysis gave its flow. */
    static void preloads(AnalysisResult r, GroundTruth truth) {
        for (org.toktrace.model.FlowRecord f : r.flows()) {
            GroundTruth.Flow t = truth.flow(f.key()).orElse(null);
            if (t == null || t.purpose() != GroundTruth.Purpose.PRELOAD) {
                continue;
            }
            long left = Long.MIN_VALUE;
            for (GroundTruth.Period p : truth.periods(t.device())) {
                if (p.startNanos() <= t.startNanos() && p.activity() != GroundTruth.Activity.SCROLLING) {
                    left = p.startNanos();
                }
                if (p.startNanos() <= t.startNanos() && p.activity() == GroundTruth.Activity.SCROLLING) {
                    left = Long.MIN_VALUE;
                }
            }
            System.out.printf("    preload after %.1f s %d B %s%n", left == Long.MIN_VALUE ? -1 : (t.startNanos() - left) / 1e9,
                    f.bytes(), f.attribution().state());
        }
    }

    private static String t(long nanos) {
        return Instant.ofEpochSecond(nanos / 1_000_000_000L).toString().substring(11, 19);
    }
}
