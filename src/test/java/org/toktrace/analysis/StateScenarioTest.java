package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;
import org.toktrace.testkit.traffic.GroundTruth;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.UsagePlans;
import org.toktrace.testkit.traffic.UsageScenario;

/**
 * The behaviours issue 15 names, each on captures of the wide generator's hand-written plans
 * ({@link UsagePlans}) analysed end to end, over several seeds: a pre-load soon or long after leaving
 * stays background, a 90 s view of one video stays foreground, a capture cut 20 s after leaving ends
 * in background, and minimized then closed shows both.
 */
class StateScenarioTest {
    static final long SECOND = 1_000_000_000L;
    static final int SEEDS = 5;

    @TempDir
    Path dir;

    private record Run(HotspotTrafficGenerator.Summary summary, AnalysisResult result) {
        DeviceStates device() {
            assertEquals(1, result.states().size(), result.states().toString());
            return result.states().get(0);
        }

        /** When the truth's first background period after a scrolling one starts. */
        long left() {
            GroundTruth t = summary.truth();
            List<GroundTruth.Period> p = t.periods(t.devices().get(0));
            for (int i = 1; i < p.size(); i++) {
                if (p.get(i - 1).activity() == GroundTruth.Activity.SCROLLING && p.get(i).activity() != GroundTruth.Activity.SCROLLING) {
                    return p.get(i).startNanos();
                }
            }
            throw new AssertionError("nobody left: " + p);
        }

        /** When the last video download before the user left began: the last viewing evidence. */
        long lastVideo() {
            long left = left();
            return summary.truth().flows().stream().filter(f -> f.purpose() == GroundTruth.Purpose.VIDEO
                    && f.startNanos() < left).mapToLong(GroundTruth.Flow::startNanos).max().orElseThrow();
        }
    }

    private Run run(UsageScenario s) throws Exception {
        Path file = dir.resolve("s" + s.seed() + ".pcap");
        HotspotTrafficGenerator.Summary summary = HotspotTrafficGenerator.write(s, file);
        return new Run(summary, new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 30, 300})
    void aPreloadAfterLeavingStaysBackground(int delay) throws Exception {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(UsagePlans.scrollThenPreload(seed, delay, 700_000));
            List<FlowRecord> preloads = r.result().flows().stream().filter(f -> r.summary().truth().flow(f.key())
                    .map(t -> t.purpose() == GroundTruth.Purpose.PRELOAD).orElse(false)).toList();
            assertEquals(1, preloads.size(), "seed " + seed);
            FlowRecord p = preloads.get(0);
            assertTrue(p.attribution().state().isBackground(), "seed " + seed + ", a pre-load " + delay
                    + " s after leaving: " + p.attribution().state() + " in " + r.device().intervals());
            // on screen through the session's last video download, and no longer than the user was
            assertEquals(AppState.FOREGROUND, r.device().stateAt(r.lastVideo() + SECOND / 2), "seed " + seed);
            StateInterval fg = r.device().intervals().stream().filter(i -> i.state() == AppState.FOREGROUND).findFirst()
                    .orElseThrow();
            assertTrue(fg.endNanos() <= r.left() + 2 * SECOND, "seed " + seed + ": " + fg);
        }
    }

    @Test
    void aNinetySecondViewOfOneVideoStaysForeground() throws Exception {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(UsagePlans.oneLongVideo(seed));
            DeviceStates d = r.device();
            List<StateInterval> fg = d.intervals().stream().filter(i -> i.state() == AppState.FOREGROUND).toList();
            assertEquals(1, fg.size(), "seed " + seed + ": one session, never split: " + d.intervals());
            long length = fg.get(0).durationNanos();
            // the video is fetched while it plays: the last chunk comes some seconds before its end
            assertTrue(length >= 60 * SECOND, "seed " + seed + ": on screen for " + length / 1e9 + " s of 90: " + fg);
            assertTrue(Math.abs(fg.get(0).startNanos() - r.summary().firstNanos()) <= 2 * SECOND, fg.toString());
        }
    }

    @Test
    void aCaptureCutTwentySecondsAfterLeavingEndsInBackground() throws Exception {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(UsagePlans.cutAfterLeaving(seed, 20));
            List<StateInterval> l = r.device().intervals();
            StateInterval last = l.get(l.size() - 1);
            assertTrue(last.state().isBackground(), "seed " + seed + ": " + l);
            // no later than the event the app posts on leaving (0-5 s after), which reads as the look's last post
            assertTrue(last.startNanos() <= r.left() + 5 * SECOND, "seed " + seed + ", left at " + r.left() + ": " + l);
            assertEquals(AppState.FOREGROUND, r.device().stateAt(r.lastVideo() + SECOND / 2), l.toString());
        }
    }

    @Test
    void minimizedThenClosedShowsBoth() throws Exception {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run r = run(UsagePlans.minimizedThenClosed(seed));
            DeviceStates d = r.device();
            long left = r.left();
            long closed = left + (long) (UsagePlans.MINIMIZED_SECONDS * SECOND);
            assertEquals(AppState.MINIMIZED, d.stateAt(left + 60 * SECOND), "seed " + seed + ": " + d.intervals());
            assertEquals(AppState.CLOSED, d.stateAt(closed + 60 * SECOND), "seed " + seed + ": " + d.intervals());
            StateInterval c = d.intervals().stream().filter(i -> i.state() == AppState.CLOSED).findFirst().orElseThrow();
            assertTrue(Math.abs(c.startNanos() - closed) <= 10 * SECOND, "seed " + seed + ": the close at " + closed
                    + ", " + c);
            assertTrue(c.reason().contains("the app's own connections torn down"), c.reason());
        }
    }
}
