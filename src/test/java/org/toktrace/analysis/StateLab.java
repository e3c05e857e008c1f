package org.toktrace.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.StateInterval;
import org.toktrace.testkit.traffic.AccuracyScenarios;
import org.toktrace.testkit.traffic.GroundTruth;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;
import org.toktrace.testkit.traffic.StateScore;

/**
 * A workbench for the state model on generated captures: scores seeds and, with {@code --intervals},
 * prints each device's intervals beside its true periods. Development seeds only; never the held-out ones.
 * {@code java -cp ... org.toktrace.analysis.StateLab [--intervals] (old|sample) SEED...}
 */
public final class StateLab {
    public static void main(String[] args) throws Exception {
        boolean intervals = false;
        String dump = null;
        String kind = "old";
        List<Long> seeds = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--dump=")) {
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
        Path dir = Files.createTempDirectory("statelab");
        for (long seed : seeds) {
            Scenario sc = kind.equals("sample") ? Scenario.sample().withSeed(seed) : AccuracyScenarios.scenario(seed);
            Path file = dir.resolve("s" + seed + ".pcap");
            HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(sc, file);
            AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file);
            Files.delete(file);
            StateScore score = StateScore.of(r, s.truth());
            scores.add(score);
            System.out.println(score.line("seed " + seed));
            if (intervals) {
                print(r, s.truth());
            }
            if (dump != null) {
                // --dump=DEVICE-PREFIX,HH:MM:SS,HH:MM:SS
                String[] p = dump.split(",");
                String day = Instant.ofEpochSecond(r.capture().firstNanos() / 1_000_000_000L).toString().substring(0, 11);
                long from = Instant.parse(day + p[1] + "Z").getEpochSecond() * 1_000_000_000L;
                long to = Instant.parse(day + p[2] + "Z").getEpochSecond() * 1_000_000_000L;
                List<org.toktrace.model.FlowRecord> flows = r.flows().stream().filter(f -> f.attribution().isTikTok()
                        && org.toktrace.model.TikTokBins.deviceOf(f).startsWith(p[0])).toList();
                System.out.print(org.toktrace.classify.EvidenceDump.dump(flows, flows.get(0).bins().binNanos(),
                        r.capture().lastNanos(), from, to));
            }
        }
        System.out.println(StateScore.sum(scores).line("all"));
    }

    static void print(AnalysisResult r, GroundTruth truth) {
        for (DeviceStates d : r.states()) {
            System.out.println("  device " + d.device());
            for (GroundTruth.Period p : truth.periods(d.device())) {
                System.out.printf("    truth %s-%s %s%n", t(p.startNanos()), t(p.endNanos()), p.activity());
            }
            for (StateInterval i : d.intervals()) {
                System.out.printf("    model %s-%s %-10s %.2f %s%n", t(i.startNanos()), t(i.endNanos()), i.state(),
                        i.confidence(), i.reason());
            }
        }
    }

    private static String t(long nanos) {
        return Instant.ofEpochSecond(nanos / 1_000_000_000L).toString().substring(11, 19);
    }
}
