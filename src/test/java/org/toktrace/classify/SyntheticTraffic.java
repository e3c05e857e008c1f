package org.toktrace.classify;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.toktrace.model.Category;

/**
 * TikTok bytes of one device per 1 s bin and category, built from the traffic DESIGN.md section 5
 * describes: scrolling (a video every 5-20 s, images and API calls between) and minimized (push
 * keepalives, telemetry, now and then one pre-load). Seeded, so a failure can be replayed.
 */
final class SyntheticTraffic {
    static final long SECOND = 1_000_000_000L;
    private static final int CATEGORIES = Category.values().length;

    private final TreeMap<Long, long[]> bins = new TreeMap<>();
    private final Random random;
    private long total;

    SyntheticTraffic(long seed) {
        random = new Random(seed);
    }

    /** Adds {@code bytes} spread evenly over {@code [startNanos, startNanos + nanos)}. */
    SyntheticTraffic spread(Category category, long startNanos, long nanos, long bytes) {
        long first = startNanos / SECOND;
        long last = (startNanos + Math.max(nanos, 1) - 1) / SECOND;
        long count = last - first + 1;
        for (long b = first; b <= last; b++) {
            long share = bytes / count + (b == last ? bytes % count : 0);
            bins.computeIfAbsent(b, k -> new long[CATEGORIES])[category.ordinal()] += share;
        }
        total += bytes;
        return this;
    }

    /** A user scrolling from {@code fromSeconds} to {@code toSeconds}: the first video starts at once. */
    SyntheticTraffic scrolling(double fromSeconds, double toSeconds) {
        double t = fromSeconds;
        while (t < toSeconds) {
            long size = 500_000 + (long) (random.nextDouble() * 3_500_000);
            double mbps = 10 + random.nextDouble() * 15;
            double seconds = size * 8 / (mbps * 1e6);
            spread(Category.VIDEO, nanos(t), nanos(seconds), size);
            spread(Category.API, nanos(t + 0.2), nanos(0.3), 3_000 + random.nextInt(20_000));
            double next = t + 5 + random.nextDouble() * 15;
            // images (avatars, covers) and API calls while the video plays
            for (double u = t + seconds + 1; u < Math.min(next, toSeconds); u += 2 + random.nextDouble() * 4) {
                spread(random.nextBoolean() ? Category.IMAGE : Category.API, nanos(u), nanos(0.2),
                        15_000 + random.nextInt(120_000));
            }
            if (random.nextInt(4) == 0) {
                spread(Category.TELEMETRY, nanos(t + 1), nanos(0.1), 2_000 + random.nextInt(8_000));
            }
            t = next;
        }
        return this;
    }

    /** The app minimized: keepalives and telemetry every 30-90 s, and {@code preloads} pre-load bursts. */
    SyntheticTraffic minimized(double fromSeconds, double toSeconds, int preloads) {
        for (double t = fromSeconds + random.nextDouble() * 30; t < toSeconds; t += 30 + random.nextDouble() * 60) {
            spread(Category.PUSH, nanos(t), 1, 150 + random.nextInt(450));
        }
        for (double t = fromSeconds + random.nextDouble() * 30; t < toSeconds; t += 30 + random.nextDouble() * 60) {
            spread(Category.TELEMETRY, nanos(t), nanos(0.2), 1_000 + random.nextInt(9_000));
        }
        for (int i = 0; i < preloads; i++) {
            double t = fromSeconds + random.nextDouble() * (toSeconds - fromSeconds - 2);
            long size = 200_000 + (long) (random.nextDouble() * 800_000);
            double mbps = 10 + random.nextDouble() * 15;
            spread(Category.VIDEO, nanos(t), nanos(size * 8 / (mbps * 1e6)), size);
        }
        return this;
    }

    SyntheticTraffic keepalives(double fromSeconds, double toSeconds) {
        for (double t = fromSeconds; t < toSeconds; t += 30 + random.nextDouble() * 60) {
            spread(Category.PUSH, nanos(t), 1, 150 + random.nextInt(450));
        }
        return this;
    }

    long totalBytes() {
        return total;
    }

    /** Feeds every bin in time order, one call per category with bytes, and finishes at {@code endSeconds}. */
    StateClassifier classify(StateThresholds thresholds, double endSeconds) {
        StateClassifier c = new StateClassifier(thresholds);
        for (Map.Entry<Long, long[]> e : bins.entrySet()) {
            long[] bytes = e.getValue();
            for (Category category : Category.values()) {
                if (bytes[category.ordinal()] > 0) {
                    // mostly downloads: a tenth goes up, like requests and ACK-heavy uploads
                    long b = bytes[category.ordinal()];
                    c.onBin(e.getKey() * SECOND, category, b - b / 10, b / 10);
                }
            }
        }
        c.finish(nanos(endSeconds));
        return c;
    }

    static long nanos(double seconds) {
        return (long) (seconds * SECOND);
    }
}
