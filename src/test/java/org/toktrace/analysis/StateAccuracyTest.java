package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.testkit.traffic.BaselineScore;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.ScenarioKnobs;
import org.toktrace.testkit.traffic.StateScore;
import org.toktrace.testkit.traffic.UsageScenario;
import org.toktrace.testkit.traffic.WideScenarios;

/**
 * The foreground/background accuracy over the wide generator's held-out scenarios (every behaviour
 * drawn from the ranges of docs/traffic-behaviour.md), end to end: each capture generated, analysed
 * by the real {@link CaptureAnalyzer} and scored against its truth ({@link StateScore}). Prints the
 * figures per scenario, over all, and a sensitivity table (the figures of the scenarios in each part
 * of a behaviour's range); docs/accuracy.md quotes them. The held-out seeds were run once, after the
 * model was final; the guards below sit just under the figures of that run, so that a change that
 * makes the model worse fails here.
 */
class StateAccuracyTest {
    /**
     * The naive baseline's threshold: TikTok's bytes within 5 s either side of a second reach 500 kB.
     * Of the thresholds 20-500 kB and windows 0-5 s, it gave the best balanced accuracy on the
     * development seeds (StateLab --baseline), so the comparison is the baseline at its best.
     */
    private static final long BASELINE_BYTES = 500_000;
    private static final int BASELINE_WINDOW = 5;

    @TempDir
    Path dir;

    private record Scored(ScenarioKnobs knobs, StateScore score) {
    }

    /** The 80 seeds from {@code first}: one of the earlier or previous held-out sets, never the current one. */
    private static List<Long> oneEarlierSet(String first) {
        long from = Long.parseLong(first);
        List<Long> seeds = LongStream.range(from, from + 80).boxed().toList();
        assertTrue(WideScenarios.EARLIER_HELDOUT_SEEDS.containsAll(seeds) || WideScenarios.PREVIOUS_HELDOUT_SEEDS.containsAll(seeds),
                "accuracy.seeds: development, earlier, previous, held-out, or the first seed of an earlier set");
        return seeds;
    }

    /**
     * The held-out seeds; {@code -Daccuracy.seeds=development} or {@code earlier} runs the development
     * seeds or the earlier held-out sets instead, for whoever works on the model, {@code previous} the
     * held-out sets of the models before, for comparison (their figures are not the report's), and a
     * first seed such as {@code 17001} that one set of 80 alone.
     */
    @Test
    void heldOutWideScenarios() throws Exception {
        assertTrue(Collections.disjoint(WideScenarios.HELDOUT_SEEDS, WideScenarios.DEVELOPMENT_SEEDS));
        assertTrue(Collections.disjoint(WideScenarios.HELDOUT_SEEDS, WideScenarios.EARLIER_HELDOUT_SEEDS));
        assertTrue(Collections.disjoint(WideScenarios.HELDOUT_SEEDS, WideScenarios.PREVIOUS_HELDOUT_SEEDS));
        String set = System.getProperty("accuracy.seeds", "held-out");
        boolean development = !set.equals("held-out");
        List<Long> seeds = switch (set) {
            case "development" -> WideScenarios.DEVELOPMENT_SEEDS;
            case "earlier" -> WideScenarios.EARLIER_HELDOUT_SEEDS;
            case "previous" -> WideScenarios.PREVIOUS_HELDOUT_SEEDS;
            case "held-out" -> WideScenarios.HELDOUT_SEEDS;
            default -> oneEarlierSet(set);
        };
        assertTrue(development || seeds.size() >= 60);
        List<Scored> scored = new ArrayList<>();
        List<BaselineScore> baseline = new ArrayList<>();
        List<Scored> reused = new ArrayList<>();
        List<BaselineScore> namedBaseline = new ArrayList<>();
        List<Scored> seen = new ArrayList<>();
        List<BaselineScore> seenBaseline = new ArrayList<>();
        StringBuilder report = new StringBuilder("state accuracy on the " + set
                + " wide scenarios:\n");
        for (long seed : seeds) {
            UsageScenario u = WideScenarios.scenario(seed);
            Path file = dir.resolve("wide-" + seed + ".pcap");
            HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(u, file);
            AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file);
            Files.delete(file);
            assertTrue(r.warnings().isEmpty(), r.warnings().toString());
            StateScore score = StateScore.of(r, s.truth());
            assertEquals(0, score.unknownTruth(), "every TikTok bin lies in a truth period");
            scored.add(new Scored(u.knobs(), score));
            reused.add(new Scored(u.knobs(), StateScore.of(ConnectionReuse.reclassified(r), s.truth())));
            BaselineScore naive = BaselineScore.of(r, s.truth(), BASELINE_BYTES, BASELINE_WINDOW);
            baseline.add(naive);
            namedBaseline.add(BaselineScore.of(r, s.truth(), BASELINE_BYTES, BASELINE_WINDOW, true));
            AnalysisResult named = namedFlowsOnly(r);
            seen.add(new Scored(u.knobs(), StateScore.of(named, s.truth())));
            seenBaseline.add(BaselineScore.of(named, s.truth(), BASELINE_BYTES, BASELINE_WINDOW, true));
            report.append(score.line("seed " + seed))
                    .append(String.format(Locale.ROOT, "  baseline balanced %6.2f %%%n", 100 * naive.balanced()));
        }
        StateScore all = StateScore.sum(scored.stream().map(Scored::score).toList());
        report.append(all.line("all")).append('\n');
        report.append(String.format(Locale.ROOT, "pooled totals: foreground %.2f %%, background %.2f %%%n",
                100 * all.pooledError(AppState.FOREGROUND), 100 * all.pooledError(AppState.BACKGROUND)));
        report.append(String.format(Locale.ROOT,
                "background called foreground that is the rest of a transfer the user left during: %.1f MB of %.1f MB;"
                        + " the background total with it set aside: %.2f %% off%n",
                all.leftDuring() / 1e6, all.bytes()[AppState.BACKGROUND.ordinal()] / 1e6,
                100 * all.backgroundErrorBesideLeftDuring()));
        report.append(String.format(Locale.ROOT,
                "background that continues, without a pause over %d s, a video or live transfer running on screen: %.1f MB"
                        + " (%.1f %% of the background's bytes), %d bins (%.1f %% of its bins); an analysis that keeps a"
                        + " transfer whole calls it foreground%n",
                StateScore.PAUSE_BINS, all.inFlight()[0] / 1e6, 100 * all.inFlightShare()[0], all.inFlight()[1],
                100 * all.inFlightShare()[1]));
        BaselineScore naive = BaselineScore.sum(baseline);
        report.append(naive.line("baseline " + BASELINE_BYTES / 1000 + " kB in +-" + BASELINE_WINDOW + " s")).append('\n');
        double[] perScenario = perScenarioBalanced(scored, baseline);
        report.append(String.format(Locale.ROOT, "balanced accuracy, mean per scenario with both states (%d): model %.2f %%, baseline %.2f %%%n",
                (int) perScenario[2], 100 * perScenario[0], 100 * perScenario[1]));
        BaselineScore named = BaselineScore.sum(namedBaseline);
        report.append(named.line("baseline on the flows the capture names TikTok")).append('\n');
        report.append(String.format(Locale.ROOT, "  its mean per scenario: %.2f %%%n", 100 * perScenarioBalanced(scored, namedBaseline)[1]));
        double[] seenPerScenario = perScenarioBalanced(seen, seenBaseline);
        report.append(StateScore.sum(seen.stream().map(Scored::score).toList()).line("named")).append('\n');
        report.append(String.format(Locale.ROOT,
                "on the seconds of the flows the capture names TikTok, mean per scenario with both states (%d): model %.2f %%, baseline %.2f %%%n",
                (int) seenPerScenario[2], 100 * seenPerScenario[0], 100 * seenPerScenario[1]));
        StateScore reuse = StateScore.sum(reused.stream().map(Scored::score).toList());
        report.append(reuse.line("reused")).append('\n');
        double[] reusePerScenario = perScenarioBalanced(reused, baseline);
        report.append(String.format(Locale.ROOT, "with one connection per video server, reused (HTTP/2): balanced accuracy, mean per scenario %.2f %%%n",
                100 * reusePerScenario[0]));
        List<String[]> rows = sensitivity(scored);
        report.append("| behaviour | part of its range | scenarios | bins fg / bg | bytes right | balanced | fg total | bg total |\n");
        double worst = 1;
        for (String[] row : rows) {
            report.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        for (StateScore row : rowScores(scored).values()) {
            if (counts(row)) {
                worst = Math.min(worst, row.balancedAccuracy());
            }
        }
        System.out.println(report);

        assertTrue(all.balancedAccuracy() >= naive.balanced() + 0.035, "the model beats the volume threshold by 3.5 points\n" + report);
        assertTrue(all.byteAccuracy() >= 0.97, "state accuracy weighted by TikTok bytes >= 97 %\n" + report);
        assertTrue(all.balancedAccuracy() >= 0.92, "balanced accuracy >= 92 %\n" + report);
        assertTrue(all.totalError(AppState.FOREGROUND) <= 0.03, "foreground total within 3 %\n" + report);
        assertTrue(all.totalError(AppState.BACKGROUND) <= 0.45, "background total within 45 %\n" + report);
        assertTrue(all.medianBoundaryError() <= 3, "median boundary error <= 3 s\n" + report);
        assertTrue(reuse.balancedAccuracy() >= 0.92, "balanced accuracy >= 92 % with connections reused\n" + report);
        assertTrue(worst >= 0.65, "the worst part of any range (of at least " + MIN_ROW_BINS
                + " bins of each state) keeps balanced accuracy >= 65 %\n" + report);
    }

    /**
     * {@code r} with only the flows the capture itself names TikTok: the seconds the state model can
     * see, without those of connections open before the capture began (no server name, no state).
     */
    private static AnalysisResult namedFlowsOnly(AnalysisResult r) {
        return new AnalysisResult(r.capture(), r.flows().stream().filter(f -> f.attribution().isTikTok()).toList(),
                r.counters(), r.warnings(), r.complete(), r.learnedNames(), r.catalogVersion(), r.breakdown(), r.states(),
                r.announcedDevices());
    }

    /**
     * The mean of the per-scenario balanced accuracies of the model and of the baseline, over the
     * scenarios with bins of both states (a scenario of one state has no balanced accuracy to speak
     * of), and how many those are: how an evaluation that scores scenario by scenario sees it.
     */
    private static double[] perScenarioBalanced(List<Scored> scored, List<BaselineScore> baseline) {
        double model = 0;
        double naive = 0;
        int n = 0;
        for (int i = 0; i < scored.size(); i++) {
            StateScore s = scored.get(i).score();
            if (s.bins()[AppState.FOREGROUND.ordinal()] > 0 && s.bins()[AppState.BACKGROUND.ordinal()] > 0) {
                model += s.balancedAccuracy();
                naive += baseline.get(i).balanced();
                n++;
            }
        }
        return new double[] {n == 0 ? 1 : model / n, n == 0 ? 1 : naive / n, n};
    }

    /** The behaviours the table splits by, each into parts of its range, as a key per scenario (null: not in the table). */
    private static Map<String, Function<ScenarioKnobs, String>> behaviours() {
        Map<String, Function<ScenarioKnobs, String>> b = new LinkedHashMap<>();
        b.put("first pre-load after leaving", k -> {
            double d = k.firstPreloadDelaysSeconds().stream().mapToDouble(Double::doubleValue).min().orElse(-1);
            return d < 0 ? "none" : d < 5 ? "a: under 5 s" : d < 30 ? "b: 5-30 s" : d < 120 ? "c: 30 s-2 min" : "d: 2-10 min";
        });
        b.put("median swipe gap", k -> k.medianSwipeSeconds() < 6 ? "a: under 6 s"
                : k.medianSwipeSeconds() < 12 ? "b: 6-12 s" : "c: 12 s and more");
        b.put("shortest session", k -> {
            double s = k.sessionSeconds().stream().mapToDouble(Double::doubleValue).min().orElse(-1);
            return s < 0 ? "none" : s < 30 ? "a: under 30 s" : s < 180 ? "b: 30 s-3 min" : "c: 3 min and more";
        });
        b.put("capture end", k -> k.endsMidSession() ? "a: on screen"
                : k.secondsSinceLastDeparture() < 60 ? "b: under a minute after leaving" : "c: later, or never on screen");
        b.put("covers with a swipe", k -> k.coverShare() < 0.45 ? "a: 20-45 %" : k.coverShare() < 0.7 ? "b: 45-70 %" : "c: 70-90 %");
        b.put("videos fetched ahead", k -> k.prefetchCount() == 0 ? "a: none" : "b: 1-3");
        b.put("long looks", k -> k.longLookShare() < 0.1 ? "a: under 10 % of swipes" : "b: 10-20 %");
        return b;
    }

    private static Map<String, StateScore> rowScores(List<Scored> scored) {
        Map<String, List<StateScore>> parts = new java.util.TreeMap<>();
        behaviours().forEach((name, key) -> {
            for (Scored s : scored) {
                parts.computeIfAbsent(name + "\u0000" + key.apply(s.knobs()), k -> new ArrayList<>()).add(s.score());
            }
        });
        Map<String, StateScore> out = new LinkedHashMap<>();
        parts.forEach((k, l) -> out.put(k + "\u0000" + l.size(), StateScore.sum(l)));
        return out;
    }

    private static List<String[]> sensitivity(List<Scored> scored) {
        List<String[]> rows = new ArrayList<>();
        List<String> order = new ArrayList<>(behaviours().keySet());
        List<Map.Entry<String, StateScore>> entries = new ArrayList<>(rowScores(scored).entrySet());
        entries.sort((a, b) -> {
            int c = Integer.compare(order.indexOf(a.getKey().split("\u0000")[0]), order.indexOf(b.getKey().split("\u0000")[0]));
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        for (Map.Entry<String, StateScore> e : entries) {
            String[] k = e.getKey().split("\u0000");
            StateScore s = e.getValue();
            rows.add(new String[] {k[0], k[1].replaceFirst("^[a-d]: ", ""), k[2],
                    String.format(Locale.ROOT, "%,d / %,d", s.bins()[AppState.FOREGROUND.ordinal()],
                            s.bins()[AppState.BACKGROUND.ordinal()]),
                    pct(s.byteAccuracy()), pct(s.balancedAccuracy()) + (counts(s) ? "" : " (few bins)"),
                    pct(s.totalError(AppState.FOREGROUND)),
                    pct(s.totalError(AppState.BACKGROUND))});
        }
        return rows;
    }

    /** Rows with fewer bins of either state than this say nothing about a recall; the table marks them. */
    static final long MIN_ROW_BINS = 30;

    private static boolean counts(StateScore s) {
        return s.bins()[AppState.FOREGROUND.ordinal()] >= MIN_ROW_BINS && s.bins()[AppState.BACKGROUND.ordinal()] >= MIN_ROW_BINS;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }
}
