package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes one {@link WideScenarios} scenario for a person to look at:
 * <pre>
 * WriteWideScenario SEED [DIR]
 * </pre>
 * gives {@code DIR/wide-SEED.pcap}, its truth ({@code wide-SEED-flows.csv}, {@code wide-SEED-states.csv},
 * see {@link GroundTruth#write}), {@code wide-SEED-knobs.txt} (the knobs as one line) and
 * {@code wide-SEED-plan.txt} (each phone's plan); DIR defaults to the current directory.
 */
public final class WriteWideScenario {

    private WriteWideScenario() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: WriteWideScenario SEED [DIR]");
            System.exit(2);
        }
        long seed = Long.parseLong(args[0]);
        Path dir = Path.of(args.length > 1 ? args[1] : ".");
        Files.createDirectories(dir);
        String base = "wide-" + seed;
        UsageScenario scenario = WideScenarios.scenario(seed);
        long t0 = System.nanoTime();
        HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(scenario, dir.resolve(base + ".pcap"));
        double secs = (System.nanoTime() - t0) / 1e9;
        s.truth().write(dir.resolve(base));
        String knobs = scenario.knobs().line();
        Files.writeString(dir.resolve(base + "-knobs.txt"), knobs + "\n", StandardCharsets.UTF_8);
        StringBuilder plans = new StringBuilder();
        for (int i = 0; i < scenario.phones().size(); i++) {
            UsageScenario.PhoneUse p = scenario.phones().get(i);
            String device = i < s.truth().devices().size() ? s.truth().devices().get(i) : "?";
            plans.append("phone ").append(i).append(" (").append(device).append("): ").append(p.plan()).append('\n');
        }
        Files.writeString(dir.resolve(base + "-plan.txt"), plans.toString(), StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%s: %,d frames, %,d bytes, %.0f s of traffic, written in %.1f s%n%s%n",
                dir.resolve(base + ".pcap"), s.frames(), s.bytes(), s.seconds(), secs, knobs);
    }
}
