package org.toktrace.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import org.toktrace.classify.StateThresholds;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.TikTokBins;
import org.toktrace.testkit.traffic.GroundTruth;
import org.toktrace.testkit.traffic.AccuracyScenarios;
import org.toktrace.testkit.traffic.Habits;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;
import org.toktrace.testkit.traffic.StateScore;

/**
 * The tuning harness: generates the accuracy scenarios on the {@link AccuracyScenarios#TUNING_SEEDS}
 * (never the test seeds), analyses each capture with the real {@link CaptureAnalyzer} and prints the
 * figures per seed and overall, for the default thresholds or with {@code --quiet S},
 * {@code --enter-window S}, {@code --min-burst BYTES}, {@code --preload-max BYTES}, {@code --preload-gap S} changed, or the scenario's pre-loads made more or
 * less frequent with {@code --preload-percent N}; {@code --fresh} or {@code --seeds A,B} runs other
 * seeds (never test or held-out ones); {@code --errors} lists the misjudged bytes in runs
 * with what they were for; {@code --intervals} also lists each
 * device's intervals beside its truth. Run it from the test classpath:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.toktrace.analysis.StateTuning [--quiet 45]
 * </pre>
 * Not a test: it asserts nothing and {@code mvn verify} does not run it.
 */
public final class StateTuning {

    private StateTuning() {
    }

    /** The defaults, with {@code --quiet S}, {@code --enter-window S} or {@code --min-burst B} changed. */
    static StateThresholds thresholds(String[] args) {
        StateThresholds d = StateThresholds.defaults();
        Duration quiet = d.quiet();
        Duration enter = d.enterWindow();
        long minBurst = d.minBurstBytes();
        long preloadMax = d.preloadMaxBytes();
        Duration preloadGap = d.preloadGap();
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--quiet" -> quiet = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--enter-window" -> enter = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--min-burst" -> minBurst = Long.parseLong(args[i + 1]);
                case "--preload-max" -> preloadMax = Long.parseLong(args[i + 1]);
                case "--preload-gap" -> preloadGap = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                default -> { }
            }
        }
        return new StateThresholds(d.bin(), d.burstGap(), minBurst, d.enterBursts(), enter, d.sustainWindow(),
                d.sustainBytesPerSecond(), d.sustainActiveFraction(), d.activityBytesPerSecond(), quiet, preloadMax, preloadGap);
    }

    /** The accuracy scenario, with {@code --preload-percent N} changing how often the background pre-loads. */
    static Scenario scenario(long seed, String[] args) {
        Scenario s = AccuracyScenarios.scenario(seed);
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--preload-percent")) {
                Habits h = s.habits();
                s = s.withHabits(new Habits(h.closedShare(), h.privateDnsPhones(), h.pauseShare(),
                        h.pauseMinSeconds(), h.pauseMaxSeconds(), Integer.parseInt(args[i + 1]), h.preloadMaxBytes(),
                        h.quicPreloads(), h.otherVideoShare(), h.leavingEvent()));
            }
        }
        return s;
    }

    /**
     * Lists the misjudged truly-TikTok bytes per device, in runs of bins less than 10 s apart, with
     * the true state and what the connections were for, so the error of the totals can be traced to
     * the session edges that cause it.
     */
    static void printErrors(AnalysisResult r, HotspotTrafficGenerator.Summary s) {
        Map<String, DeviceStates> states = new HashMap<>();
        r.states().forEach(d -> states.put(d.device(), d));
        // device -> bin start -> purpose -> bytes, for misjudged bins only
        Map<String, TreeMap<Long, Map<GroundTruth.Purpose, Long>>> wrong = new TreeMap<>();
        Map<String, TreeMap<Long, AppState>> truthOf = new HashMap<>();
        for (FlowRecord f : r.flows()) {
            GroundTruth.Flow tf = s.truth().flow(f.key()).orElse(null);
            if (tf == null || !tf.tiktok()) {
                continue;
            }
            String device = TikTokBins.deviceOf(f);
            DeviceStates d = states.get(device);
            FlowBins b = f.bins();
            for (int i = 0; i < b.size(); i++) {
                long t = b.binStartNanos(i);
                GroundTruth.Activity a = s.truth().activityAt(device, t + b.binNanos() - 1);
                if (a == null || d == null || d.stateAt(t) == a.state()) {
                    continue;
                }
                wrong.computeIfAbsent(device, k -> new TreeMap<>()).computeIfAbsent(t, k -> new EnumMap<>(GroundTruth.Purpose.class))
                        .merge(tf.purpose(), b.bytesUp(i) + b.bytesDown(i), Long::sum);
                truthOf.computeIfAbsent(device, k -> new TreeMap<>()).put(t, a.state());
            }
        }
        wrong.forEach((device, bins) -> {
            long runStart = Long.MIN_VALUE;
            long runEnd = Long.MIN_VALUE;
            AppState runTruth = null;
            Map<GroundTruth.Purpose, Long> run = new EnumMap<>(GroundTruth.Purpose.class);
            for (Map.Entry<Long, Map<GroundTruth.Purpose, Long>> e : bins.entrySet()) {
                AppState t = truthOf.get(device).get(e.getKey());
                if (runTruth != null && (e.getKey() - runEnd > 10_000_000_000L || t != runTruth)) {
                    printRun(device, runStart, runEnd, runTruth, run, s);
                    run.clear();
                    runTruth = null;
                }
                if (runTruth == null) {
                    runStart = e.getKey();
                    runTruth = t;
                }
                runEnd = e.getKey();
                e.getValue().forEach((p, v) -> run.merge(p, v, Long::sum));
            }
            if (runTruth != null) {
                printRun(device, runStart, runEnd, runTruth, run, s);
            }
        });
    }

    private static void printRun(String device, long start, long end, AppState truth, Map<GroundTruth.Purpose, Long> run,
            HotspotTrafficGenerator.Summary s) {
        long total = run.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "  wrong %s %6.0f-%6.0f s truly %-10s %8.1f kB %s%n", device,
                (start - s.firstNanos()) / 1e9, (end - s.firstNanos()) / 1e9, truth, total / 1e3, run);
    }

    /**
     * The tuning seeds, or with {@code --fresh} the fresh ones (open to study since session 4), or with
     * {@code --seeds 101,305} those; never a test or held-out seed, whose errors stay unstudied.
     */
    static List<Long> seeds(String[] args) {
        List<Long> seeds = AccuracyScenarios.TUNING_SEEDS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fresh")) {
                seeds = AccuracyScenarios.FRESH_SEEDS;
            } else if (args[i].equals("--seeds") && i + 1 < args.length) {
                seeds = java.util.Arrays.stream(args[i + 1].split(",")).map(Long::parseLong).toList();
            }
        }
        for (long seed : seeds) {
            if (AccuracyScenarios.TEST_SEEDS.contains(seed) || AccuracyScenarios.HELDOUT_SEEDS.contains(seed)) {
                throw new IllegalArgumentException("seed " + seed + " is a test or held-out seed: not for study");
            }
        }
        return seeds;
    }

    public static void main(String[] args) throws Exception {
        List<Long> seeds = seeds(args);
        Path dir = Files.createTempDirectory("toktrace-tuning");
        List<StateScore> scores = new ArrayList<>();
        for (long seed : seeds) {
            Path file = dir.resolve("tuning-" + seed + ".pcap");
            HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(scenario(seed, args), file);
            AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file);
            StateThresholds chosen = thresholds(args);
            if (!chosen.equals(StateThresholds.defaults())) {
                StateAnalysis.Outcome o = StateAnalysis.run(r.flows(), chosen, r.capture().lastNanos());
                r = new AnalysisResult(r.capture(), o.flows(), r.counters(), r.warnings(), r.complete(), r.learnedNames(),
                        r.catalogVersion(), r.breakdown(), o.states());
            }
            Files.delete(file);
            StateScore score = StateScore.of(r, s.truth());
            scores.add(score);
            System.out.println(score.line("seed " + seed) + String.format("  (%.0f MB)", s.bytes() / 1e6));
            if (List.of(args).contains("--errors")) {
                printErrors(r, s);
            }
            if (List.of(args).contains("--intervals")) {
                r.states().forEach(d -> {
                    System.out.println("  " + d.device());
                    d.intervals().forEach(i -> System.out.println("    " + i.state() + " " + (i.startNanos() - s.firstNanos()) / 1e9
                            + "-" + (i.endNanos() - s.firstNanos()) / 1e9 + " " + i.reason()));
                    s.truth().periods(d.device()).forEach(p -> System.out.println("    truth " + p.activity() + " "
                            + (p.startNanos() - s.firstNanos()) / 1e9 + "-" + (p.endNanos() - s.firstNanos()) / 1e9));
                });
            }
        }
        StateScore all = StateScore.sum(scores);
        System.out.println(all.line("all"));
        System.out.printf(Locale.ROOT, "pooled totals: foreground %.2f %%, background %.2f %%; seeds with the background"
                + " total within 10 %%: %d of %d%n", 100 * all.pooledError(AppState.FOREGROUND),
                100 * all.pooledError(AppState.BACKGROUND),
                StateScore.within(scores, AppState.BACKGROUND, 0.10), scores.size());
        System.out.println("thresholds: " + thresholds(args));
        Files.delete(dir);
    }
}
