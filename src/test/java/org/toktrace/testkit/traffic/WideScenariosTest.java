package org.toktrace.testkit.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.testkit.traffic.GroundTruth.Activity;
import org.toktrace.testkit.traffic.UsagePlan.Closed;
import org.toktrace.testkit.traffic.UsagePlan.Live;
import org.toktrace.testkit.traffic.UsagePlan.Minimized;
import org.toktrace.testkit.traffic.UsagePlan.Phase;
import org.toktrace.testkit.traffic.UsagePlan.Preload;
import org.toktrace.testkit.traffic.UsagePlan.Scrolling;

/** Scenarios drawn from a seed: the same bytes for the same seed, truth that follows the plan, knobs in their ranges. */
class WideScenariosTest {

    @TempDir
    Path dir;

    /** A short window of {@code seed}'s scenario, so the test writes megabytes, not hundreds. */
    private static UsageScenario shortened(long seed, double seconds) {
        UsageScenario s = WideScenarios.scenario(seed);
        return s.withCapture(s.leadInSeconds(), Math.min(seconds, s.captureSeconds()));
    }

    @Test
    void sameSeedGivesTheSameScenarioAndBytes() throws IOException {
        assertEquals(WideScenarios.scenario(1006), WideScenarios.scenario(1006));
        assertEquals(WideScenarios.scenario(1006).knobs(), WideScenarios.scenario(1006).knobs());
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        Path c = dir.resolve("c.pcap");
        HotspotTrafficGenerator.Summary sa = HotspotTrafficGenerator.write(shortened(1006, 60), a);
        HotspotTrafficGenerator.write(shortened(1006, 60), b);
        HotspotTrafficGenerator.write(shortened(1007, 60), c);
        assertTrue(sa.bytes() > 1_000_000, "the window has traffic to compare: " + sa.bytes());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
        assertNotEquals(WideScenarios.scenario(1006).phones(), WideScenarios.scenario(1007).phones());
    }

    @Test
    void seedSetsAreDisjoint() {
        assertEquals(30, WideScenarios.DEVELOPMENT_SEEDS.size());
        assertEquals(80, WideScenarios.HELDOUT_SEEDS.size());
        Set<Long> all = new HashSet<>(WideScenarios.DEVELOPMENT_SEEDS);
        all.addAll(WideScenarios.HELDOUT_SEEDS);
        all.addAll(WideScenarios.EARLIER_HELDOUT_SEEDS);
        all.addAll(WideScenarios.PREVIOUS_HELDOUT_SEEDS);
        assertEquals(590, all.size());
        assertEquals(1001L, WideScenarios.DEVELOPMENT_SEEDS.get(0));
        assertEquals(19080L, WideScenarios.HELDOUT_SEEDS.get(79));
    }

    /** The truth's periods cover the capture without gap, and change exactly where the plan does. */
    @Test
    void periodsAreContiguousAndChangeWhereThePlanDoes() throws IOException {
        int boundaries = 0;
        for (long seed : new long[] {1004, 1012, 1019, 1023}) {
            UsageScenario s = shortened(seed, 240);
            HotspotTrafficGenerator.Summary sum = HotspotTrafficGenerator.write(s, dir.resolve(seed + ".pcap"));
            GroundTruth t = sum.truth();
            assertEquals(s.phones().size(), t.devices().size(), "seed " + seed);
            for (int i = 0; i < s.phones().size(); i++) {
                String device = t.devices().get(i);
                List<GroundTruth.Period> periods = t.periods(device);
                assertEquals(sum.firstNanos(), periods.get(0).startNanos(), device);
                assertEquals(sum.lastNanos() + 1, periods.get(periods.size() - 1).endNanos(), device);
                for (int k = 1; k < periods.size(); k++) {
                    assertEquals(periods.get(k - 1).endNanos(), periods.get(k).startNanos(), "contiguous: " + periods);
                    assertNotEquals(periods.get(k - 1).activity(), periods.get(k).activity(), "a change each time: " + periods);
                }
                // the plan's changes inside the capture, at the nanosecond, and its activity between them
                List<Phase> phases = s.phones().get(i).plan().phases();
                long at = HotspotTrafficGenerator.START_NANOS;
                List<Long> changes = new ArrayList<>();
                for (int k = 0; k < phases.size(); k++) {
                    if (k > 0 && phases.get(k).activity() != phases.get(k - 1).activity()
                            && at > sum.firstNanos() && at <= sum.lastNanos()) {
                        changes.add(at);
                    }
                    long end = at + Hotspot.seconds(phases.get(k).seconds());
                    long mid = Math.max(at, sum.firstNanos()) / 2 + Math.min(end, sum.lastNanos()) / 2;
                    if (mid >= sum.firstNanos() && mid <= sum.lastNanos() && end > sum.firstNanos()) {
                        assertEquals(phases.get(k).activity(), t.activityAt(device, mid), "seed " + seed + " phase " + k);
                    }
                    at = end;
                }
                assertEquals(changes, periods.stream().skip(1).map(GroundTruth.Period::startNanos).toList(), "seed " + seed);
                boundaries += changes.size();
            }
        }
        assertTrue(boundaries >= 3, "the windows hold changes to check: " + boundaries);
    }

    /** Every connection the truth lists from the capture's start on is in the file, beginning where the truth says, with its category. */
    @Test
    void truthFlowsAreInTheBytes() throws IOException {
        java.util.Set<GroundTruth.Purpose> seen = java.util.EnumSet.noneOf(GroundTruth.Purpose.class);
        for (long seed : new long[] {1004, 1016, 1021}) {
            Path p = dir.resolve(seed + ".pcap");
            HotspotTrafficGenerator.Summary sum = HotspotTrafficGenerator.write(shortened(seed, 150), p);
            CaptureFlows capture = CaptureFlows.read(p);
            for (GroundTruth.Flow f : sum.truth().flows()) {
                seen.add(f.purpose());
                GroundTruth.Server server = sum.truth().named(f.serverName());
                assertEquals(server.category(), f.category(), f.toString());
                switch (f.purpose()) {
                    case VIDEO, PRELOAD, LIVE -> assertEquals(org.toktrace.model.Category.VIDEO, f.category(), f.toString());
                    case APP_API -> assertEquals(org.toktrace.model.Category.API, f.category(), f.toString());
                    case CRASH_LOG -> assertEquals(org.toktrace.model.Category.TELEMETRY, f.category(), f.toString());
                    case OTHER_VIDEO, PLATFORM_PUSH -> assertFalse(f.tiktok(), f.toString());
                    default -> { }
                }
                if (f.startNanos() >= sum.firstNanos() && f.startNanos() <= sum.lastNanos()) {
                    List<CaptureFlows.Packet> packets = capture.packets(f);
                    assertFalse(packets.isEmpty(), "in the truth, not in the file: " + f);
                    assertEquals(f.startNanos() / 1000, packets.get(0).nanos() / 1000, f.toString());
                }
            }
        }
        assertTrue(seen.containsAll(java.util.EnumSet.of(GroundTruth.Purpose.VIDEO, GroundTruth.Purpose.APP_API,
                GroundTruth.Purpose.PUSH, GroundTruth.Purpose.PLATFORM_PUSH, GroundTruth.Purpose.TELEMETRY)), seen.toString());
    }

    /** 200 drawn scenarios (plans and knobs only, no capture): every knob in its documented range, and the ranges spanned. */
    @Test
    void drawnKnobsAndPlansLieInTheDocumentedRanges() {
        List<ScenarioKnobs> knobs = new ArrayList<>();
        List<UsageScenario> scenarios = new ArrayList<>();
        for (long seed = 1; seed <= 200; seed++) {
            UsageScenario s = WideScenarios.scenario(seed);
            scenarios.add(s);
            knobs.add(s.knobs());
        }
        spans(knobs, ScenarioKnobs::captureSeconds, 60, 1800, "capture length");
        spans(knobs, ScenarioKnobs::medianSwipeSeconds, 4, 20, "median swipe gap");
        spans(knobs, ScenarioKnobs::longLookShare, 0, 0.2, "long-look share");
        spans(knobs, ScenarioKnobs::coverShare, 0.2, 0.9, "cover share");
        spans(knobs, ScenarioKnobs::apiShare, 0.2, 0.8, "API share");
        spans(knobs, k -> k.prefetchCount(), 0, 3, "prefetch count");
        spans(knobs, ScenarioKnobs::appOpenShare, 0.4, 1.0, "app-open share");
        spans(knobs, ScenarioKnobs::liveShare, 0, 0.15, "live share");
        spans(knobs, ScenarioKnobs::closeShare, 0, 0.6, "minimized-then-closed share");
        spans(knobs, ScenarioKnobs::leavingEventShare, 0, 1, "leaving-event share");
        spans(knobs, ScenarioKnobs::crashLogShare, 0, 0.5, "crash-log share");
        spans(knobs, ScenarioKnobs::otherVideoShare, 0, 0.2, "other-video share");
        spans(knobs, ScenarioKnobs::foregroundTelemetrySeconds, 5, 30, "telemetry on screen");
        spans(knobs, ScenarioKnobs::backgroundTelemetrySeconds, 20, 300, "telemetry minimized");
        spans(knobs, ScenarioKnobs::syncSeconds, 60, 900, "account sync");
        spans(knobs, ScenarioKnobs::keepaliveSeconds, 30, 300, "keepalive");
        spans(knobs, ScenarioKnobs::leadInSeconds, 0, 180, "lead-in");
        spans(knobs, k -> k.phones(), 1, 2, "phones");

        List<Double> sessions = new ArrayList<>();
        List<Double> minimized = new ArrayList<>();
        List<Double> beforeClose = new ArrayList<>();
        List<Double> firstDelays = new ArrayList<>();
        List<Double> sizes = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        int oneVideo = 0;
        int live = 0;
        int backgroundPeriods = 0;
        int closes = 0;
        Set<Activity> starts = EnumSet.noneOf(Activity.class);
        Set<Activity> ends = EnumSet.noneOf(Activity.class);
        Set<Boolean> midStarts = new HashSet<>();
        Set<Boolean> midEnds = new HashSet<>();
        List<Double> sinceDeparture = new ArrayList<>();
        for (int n = 0; n < scenarios.size(); n++) {
            UsageScenario s = scenarios.get(n);
            ScenarioKnobs k = knobs.get(n);
            double window = s.leadInSeconds() + s.captureSeconds();
            for (UsageScenario.PhoneUse use : s.phones()) {
                List<Phase> phases = use.plan().phases();
                assertTrue(use.plan().seconds() >= window, "the plan covers the capture");
                for (int i = 0; i < phases.size(); i++) {
                    Phase p = phases.get(i);
                    if (p instanceof Scrolling sc) {
                        sessions.add(sc.seconds());
                        if (sc.swipes().size() == 1) {
                            oneVideo++;
                        }
                    } else if (p instanceof Live l) {
                        live++;
                        within(l.seconds(), 30, 300, "live stream");
                    } else if (p instanceof Minimized m) {
                        backgroundPeriods++;
                        boolean closing = i + 1 < phases.size() && phases.get(i + 1) instanceof Closed;
                        (closing ? beforeClose : minimized).add(m.seconds());
                        counts.add((double) m.preloads().size());
                        if (!m.preloads().isEmpty()) {
                            firstDelays.add(m.preloads().get(0).delaySeconds());
                        }
                        for (Preload pre : m.preloads()) {
                            sizes.add((double) pre.bytes());
                        }
                        if (closing) {
                            closes++;
                        }
                    }
                }
            }
            for (ScenarioKnobs.PhoneKnobs pk : k.perPhone()) {
                starts.add(pk.startActivity());
                ends.add(pk.endActivity());
                midStarts.add(pk.startsMidSession());
                midEnds.add(pk.endsMidSession());
                if (!Double.isNaN(pk.secondsSinceLastDeparture())) {
                    sinceDeparture.add(pk.secondsSinceLastDeparture());
                    within(pk.secondsSinceLastDeparture(), 0, k.captureSeconds(), "since the last departure");
                }
                for (double v : pk.sessionSeconds()) {
                    within(v, 0, k.captureSeconds(), "a session inside the capture");
                }
                assertTrue(pk.preloadsPerPeriod().stream().allMatch(c -> c >= 0 && c <= 3), pk.toString());
            }
            for (double d : k.firstPreloadDelaysSeconds()) {
                within(d, 0, 600, "first pre-load delay");
            }
        }
        spans(sessions, 5, 1800, "session");
        assertTrue(sessions.stream().filter(v -> v < 30).count() > sessions.size() / 10, "sessions under 30 s are common");
        spans(minimized, 10, 1800, "minimized");
        spans(beforeClose, 10, 600, "minimized before a close");
        spans(firstDelays, 0, 600, "first pre-load delay");
        assertTrue(firstDelays.stream().filter(v -> v < 10).count() >= 10, "pre-loads seconds after leaving");
        assertTrue(firstDelays.stream().filter(v -> v >= 16 && v <= 60).count() >= 10, "pre-loads 16-60 s after leaving");
        spans(sizes, 100_000, 1_500_000, "pre-load size");
        spans(counts, 0, 3, "pre-loads per background period");
        assertTrue(oneVideo >= 20, "one-video sessions: " + oneVideo);
        assertTrue(live >= 5, "live streams: " + live);
        double closedShare = (double) closes / backgroundPeriods;
        assertTrue(closedShare > 0.1 && closedShare < 0.6, "background periods ending closed: " + closedShare);
        assertEquals(EnumSet.allOf(Activity.class), starts);
        assertEquals(EnumSet.allOf(Activity.class), ends);
        assertEquals(Set.of(true, false), midStarts);
        assertEquals(Set.of(true, false), midEnds);
        assertTrue(sinceDeparture.stream().filter(v -> v < 60).count() >= 5, "captures that end within a minute of leaving");
    }

    private static void within(double v, double lo, double hi, String what) {
        double eps = 1e-9 * Math.max(1, Math.abs(hi));
        assertTrue(v >= lo - eps && v <= hi + eps, what + " " + v + " outside [" + lo + ", " + hi + "]");
    }

    /** All values in [lo, hi], and the lowest and highest within a tenth of the range from its ends. */
    private static void spans(List<Double> values, double lo, double hi, String what) {
        assertFalse(values.isEmpty(), what);
        values.forEach(v -> within(v, lo, hi, what));
        double slack = (hi - lo) / 10;
        assertTrue(Collections.min(values) <= lo + slack, what + ": lowest " + Collections.min(values));
        assertTrue(Collections.max(values) >= hi - slack, what + ": highest " + Collections.max(values));
    }

    private static void spans(List<ScenarioKnobs> knobs, ToDoubleFunction<ScenarioKnobs> f, double lo, double hi, String what) {
        spans(knobs.stream().map(k -> f.applyAsDouble(k)).toList(), lo, hi, what);
    }
}
