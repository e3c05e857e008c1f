package org.toktrace.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.toktrace.model.Category;
import org.toktrace.model.StateInterval;

class StateClassifierPropertiesTest {
    private static final long SECOND = SyntheticTraffic.SECOND;

    /** One call: how far after the previous one (ms; may go back), the category and the bytes. */
    record Feed(long stepMillis, Category category, long bytesDown, long bytesUp) {
    }

    @Provide
    Arbitrary<List<Feed>> feeds() {
        Arbitrary<Long> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(0, 3_000)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(3_000, 120_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-5_000, 0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(120_000, 100_000_000)));
        Arbitrary<Long> bytes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(0, 5_000_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(7L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-10, Long.MAX_VALUE)));
        Arbitrary<Feed> feed = Combinators.combine(step, Arbitraries.of(Category.class), bytes, bytes).as(Feed::new);
        return feed.list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void intervalsAreContiguousAndCoverTheFedSpan(@ForAll("feeds") List<Feed> feeds,
            @ForAll("thresholds") StateThresholds thresholds) {
        StateClassifier c = new StateClassifier(thresholds);
        int ring = c.ringSize();
        long t = 1_700_000_000L * SECOND;
        long first = -1;
        long maxEnd = 0;
        long binNanos = thresholds.bin().toNanos();
        for (Feed f : feeds) {
            t = Math.max(0, t + f.stepMillis() * 1_000_000);
            long bin = t / binNanos * binNanos;
            if (f.bytesDown() == 7 || f.bytesUp() == 7) {
                // now and then the clock moves on without bytes, as a live capture's timer does
                c.advanceTo(t);
                if (first >= 0) {
                    maxEnd = Math.max(maxEnd, bin + binNanos);
                }
                continue;
            }
            c.onBin(t, f.category(), f.bytesDown(), f.bytesUp());
            if (first < 0) {
                first = bin;
            }
            maxEnd = Math.max(maxEnd, bin + binNanos);
            assertTrue(c.retainedBursts() <= c.burstCapacity());
            assertEquals(ring, c.ringSize());
            assertContiguous(c.intervals(), first, -1);
        }
        long end = t + 5 * SECOND;
        c.finish(end);
        if (first < 0) {
            assertTrue(c.intervals().isEmpty());
            return;
        }
        assertContiguous(c.intervals(), first, Math.max(end, maxEnd));
        // so a run shows the generator reaches both states and the changes between them
        Statistics.collect(c.intervals().size() > 1 ? "state changes" : "one state");
        Statistics.coverage(check -> check.check("state changes").percentage(p -> p > 5));
    }

    @Provide
    Arbitrary<StateThresholds> thresholds() {
        return Arbitraries.of(StateThresholds.defaults(),
                new StateThresholds(java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(1), 1, 1,
                        java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(3), 1, 1.0, 1,
                        java.time.Duration.ofSeconds(2), 0, java.time.Duration.ofSeconds(1)),
                new StateThresholds(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10), 100_000, 3,
                        java.time.Duration.ofMinutes(2), java.time.Duration.ofSeconds(30), 20_000, 0.3, 5_000,
                        java.time.Duration.ofSeconds(90), 2_000_000, java.time.Duration.ofSeconds(40)));
    }

    private static void assertContiguous(List<StateInterval> intervals, long start, long end) {
        long at = start;
        for (StateInterval i : intervals) {
            assertEquals(at, i.startNanos(), "gap or overlap: " + intervals);
            assertTrue(i.endNanos() > i.startNanos(), "empty interval: " + intervals);
            assertTrue(i.confidence() >= 0 && i.confidence() <= 1);
            assertTrue(!i.reason().isBlank());
            at = i.endNanos();
        }
        if (end >= 0) {
            assertEquals(end, at, "does not cover the fed span: " + intervals);
        }
        for (int k = 1; k < intervals.size(); k++) {
            assertTrue(intervals.get(k).state() != intervals.get(k - 1).state(), "same state twice: " + intervals);
        }
    }
}
