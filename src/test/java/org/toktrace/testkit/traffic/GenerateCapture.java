package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a synthetic hotspot capture from the command line:
 * <pre>
 * GenerateCapture --out FILE [--size 1.5GB] [--duration 10m] [--seed 1] [--phones 3] [--dual-stack 1] [--nanos]
 * GenerateCapture --sample --out captures/hotspot-sample.pcap
 * GenerateCapture --accuracy --seed 101 --out tuning-101.pcap --truth tuning-101
 * </pre>
 * {@code --accuracy} is the scenario of the state accuracy measurement ({@link AccuracyScenarios});
 * {@code --truth PREFIX} writes the capture's truth to {@code PREFIX-flows.csv} and {@code PREFIX-states.csv}.
 * Sizes are decimal (1 GB = 10^9 bytes); durations take s, m or h.
 */
public final class GenerateCapture {

    private GenerateCapture() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        Scenario scenario = null;
        Long seed = null;
        long size = 0;
        long duration = 0;
        Integer phones = null;
        Integer dual = null;
        boolean nanos = false;
        Path truth = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = Path.of(args[++i]);
                case "--size" -> size = parseSize(args[++i]);
                case "--duration" -> duration = parseDuration(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--phones" -> phones = Integer.parseInt(args[++i]);
                case "--dual-stack" -> dual = Integer.parseInt(args[++i]);
                case "--nanos" -> nanos = true;
                case "--sample" -> scenario = Scenario.sample();
                case "--accuracy" -> scenario = AccuracyScenarios.scenario(1);
                case "--truth" -> truth = Path.of(args[++i]);
                default -> {
                    if (out == null && !a.startsWith("-")) {
                        out = Path.of(a);
                    } else {
                        usage("unknown argument " + a);
                    }
                }
            }
        }
        if (out == null) {
            usage("--out is required");
        }
        if (scenario == null) {
            if (size == 0 && duration == 0) {
                usage("give --size, --duration or --sample");
            }
            scenario = Scenario.bulk(1, size);
        }
        if (size > 0 || duration > 0) {
            scenario = scenario.withLimits(duration, size);
        }
        if (seed != null) {
            scenario = scenario.withSeed(seed);
        }
        if (phones != null || dual != null) {
            int p = phones != null ? phones : scenario.phones();
            scenario = scenario.withPhones(p, dual != null ? dual : Math.min(scenario.dualStackPhones(), p));
        }
        scenario = scenario.withNanos(nanos || scenario.nanos());
        long t0 = System.nanoTime();
        HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(scenario, out);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (truth != null) {
            s.truth().write(truth);
        }
        System.out.printf(Locale.ROOT, "%s: %,d frames, %,d bytes, %.0f s of traffic, written in %.1f s (%.0f MB/s)%n",
                out, s.frames(), s.bytes(), s.seconds(), secs, s.bytes() / 1e6 / secs);
    }

    /** {@code 1.5GB}, {@code 150MB}, {@code 4000000}: decimal units. */
    public static long parseSizeText(String text) {
        return parseSize(text);
    }

    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        double mult = 1;
        for (String[] unit : new String[][] {{"GB", "1e9"}, {"MB", "1e6"}, {"KB", "1e3"}, {"G", "1e9"}, {"M", "1e6"}, {"K", "1e3"}, {"B", "1"}}) {
            if (t.endsWith(unit[0])) {
                mult = Double.parseDouble(unit[1]);
                t = t.substring(0, t.length() - unit[0].length()).trim();
                break;
            }
        }
        return (long) (Double.parseDouble(t) * mult);
    }

    static long parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double mult = 1e9;
        if (t.endsWith("ms")) {
            mult = 1e6;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("h")) {
            mult = 3600e9;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            mult = 60e9;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        return (long) (Double.parseDouble(t) * mult);
    }

    private static void usage(String problem) {
        System.err.println("GenerateCapture: " + problem);
        System.err.println("usage: GenerateCapture --out FILE [--size 1.5GB] [--duration 10m] [--seed N] "
                + "[--phones N] [--dual-stack N] [--nanos] [--truth PREFIX] | --sample --out FILE | --accuracy [--seed N] --out FILE");
        System.exit(2);
    }
}
