package org.toktrace.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.toktrace.classify.StateThresholds;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.testkit.traffic.AccuracyScenarios;
import org.toktrace.testkit.traffic.Habits;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;
import org.toktrace.testkit.traffic.StateScore;

/**
 * The tuning harness: generates the accuracy scenarios on the {@link AccuracyScenarios#TUNING_SEEDS}
 * (never the test seeds), analyses each capture with the real {@link CaptureAnalyzer} and prints the
 * figures per seed and overall, for the default thresholds or with {@code --quiet S},
 * {@code --enter-window S}, {@code --min-burst BYTES} changed, or the scenario's pre-loads made more or
 * less frequent with {@code --preload-percent N}; {@code --intervals} also lists each
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
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--quiet" -> quiet = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--enter-window" -> enter = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--min-burst" -> minBurst = Long.parseLong(args[i + 1]);
                default -> { }
            }
        }
        return new StateThresholds(d.bin(), d.burstGap(), minBurst, d.enterBursts(), enter, d.sustainWindow(),
                d.sustainBytesPerSecond(), d.sustainActiveFraction(), d.activityBytesPerSecond(), quiet);
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

    public static void main(String[] args) throws Exception {
        List<Long> seeds = AccuracyScenarios.TUNING_SEEDS;
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
