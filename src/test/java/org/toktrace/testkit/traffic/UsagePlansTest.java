package org.toktrace.testkit.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.testkit.traffic.GroundTruth.Activity;
import org.toktrace.testkit.traffic.GroundTruth.Flow;
import org.toktrace.testkit.traffic.GroundTruth.Period;
import org.toktrace.testkit.traffic.GroundTruth.Purpose;

/** The hand-written scenarios do what their names say, in the truth and in the written bytes. */
class UsagePlansTest {

    private static final long S = 1_000_000_000L;
    private static final long START = HotspotTrafficGenerator.START_NANOS;

    @TempDir
    Path dir;

    private record Run(HotspotTrafficGenerator.Summary summary, GroundTruth truth, String device, CaptureFlows capture) {
        List<Period> periods() {
            return truth.periods(device);
        }

        List<Flow> flows(Purpose purpose) {
            return truth.flows().stream().filter(f -> f.purpose() == purpose).toList();
        }
    }

    private Run run(UsageScenario s, String name) throws IOException {
        Path p = dir.resolve(name + ".pcap");
        HotspotTrafficGenerator.Summary sum = HotspotTrafficGenerator.write(s, p);
        return new Run(sum, sum.truth(), sum.truth().devices().get(0), CaptureFlows.read(p));
    }

    private static List<Activity> activities(Run r) {
        return r.periods().stream().map(Period::activity).toList();
    }

    /** (a) One pre-load exactly D s after leaving, alone, of the planned size. */
    @ParameterizedTest
    @ValueSource(doubles = {5, 30, 300})
    void preloadComesAtThePlannedDelayAfterLeaving(double delay) throws IOException {
        long bytes = 700_000;
        UsageScenario s = UsagePlans.scrollThenPreload(41, delay, bytes);
        Run r = run(s, "a");
        assertEquals(List.of(Activity.SCROLLING, Activity.MINIMIZED), activities(r));
        long leaving = r.periods().get(1).startNanos();
        assertEquals(START + (long) (UsagePlans.SESSION_SECONDS * S), leaving);
        List<Flow> preloads = r.flows(Purpose.PRELOAD);
        assertEquals(1, preloads.size(), preloads.toString());
        Flow pre = preloads.get(0);
        long after = pre.startNanos() - leaving;
        assertTrue(after >= (long) (delay * S) && after < (long) (delay * S) + S / 10, "pre-load " + after / 1e9 + " s after leaving");
        List<CaptureFlows.Packet> packets = r.capture().packets(pre);
        assertEquals(pre.startNanos() / 1000, packets.get(0).nanos() / 1000, "its first packet is where the truth says (pcap microseconds)");
        long down = CaptureFlows.down(packets);
        assertTrue(down >= bytes && down < bytes * 1.05 + 8_000, "pre-load of " + down + " bytes down");
        // alone: no cover while minimized, no API call within 5 s of it (the app's kept connection aside)
        for (Flow f : r.truth().flows()) {
            if (f.startNanos() >= leaving) {
                assertFalse(f.purpose() == Purpose.IMAGE || f.purpose() == Purpose.VIDEO, "minimized: " + f);
                if (f.purpose() == Purpose.API) {
                    assertTrue(Math.abs(f.startNanos() - pre.startNanos()) >= 5 * S, "API call beside the pre-load: " + f);
                }
            }
        }
        assertEquals(List.of(delay), s.knobs().firstPreloadDelaysSeconds());
        assertEquals(List.of(bytes), s.knobs().preloadBytes());
    }

    /** (b) The only video, 90 s long and watched whole, comes in chunks while it plays, all of it and no more. */
    @Test
    void theOnlyVideoIsFetchedWhileItPlays() throws IOException {
        Run r = run(UsagePlans.oneLongVideo(42), "b");
        assertEquals(List.of(Activity.SCROLLING, Activity.MINIMIZED), activities(r));
        long leaving = r.periods().get(1).startNanos();
        assertEquals(START + (long) (UsagePlans.LONG_VIDEO_SECONDS * S), leaving);
        Flow playing = r.flows(Purpose.VIDEO).stream()
                .max(Comparator.comparingLong(f -> CaptureFlows.down(r.capture().packets(f)))).orElseThrow();
        List<CaptureFlows.Packet> packets = r.capture().packets(playing);
        double videoBytes = UsagePlans.LONG_VIDEO_SECONDS * UsagePlans.LONG_VIDEO_BITRATE / 8;
        long down = CaptureFlows.down(packets);
        assertTrue(down >= videoBytes && down < videoBytes * 1.04 + 8_000, down + " bytes for a video of " + videoBytes);
        assertTrue(playing.startNanos() - START < 2 * S, "the video starts with the session");
        List<Long> bursts = CaptureFlows.burstStarts(packets, S);
        assertTrue(bursts.size() >= 4, "fetched progressively: bursts at " + bursts);
        long last = bursts.get(bursts.size() - 1);
        assertTrue(last > START + 40 * S && last < leaving, "the last chunk while it plays: " + (last - START) / 1e9);
        // the other videos are the prefetched first chunks of the next ones, at most 1.5 MB each
        for (Flow f : r.flows(Purpose.VIDEO)) {
            if (f != playing) {
                assertTrue(CaptureFlows.down(r.capture().packets(f)) < 1_560_000, f.toString());
                assertTrue(f.startNanos() < START + 5 * S, "prefetched with the swipe: " + f);
            }
        }
        assertEquals(1, r.flows(Purpose.VIDEO).size() - UsagePlans.STYLE.prefetchCount());
    }

    /** (c) The capture ends 20 s after leaving. */
    @Test
    void captureIsCutSecondsAfterLeaving() throws IOException {
        UsageScenario s = UsagePlans.cutAfterLeaving(43, 20);
        Run r = run(s, "c");
        assertEquals(List.of(Activity.SCROLLING, Activity.MINIMIZED), activities(r));
        long leaving = r.periods().get(1).startNanos();
        assertEquals(START + (long) (UsagePlans.SESSION_SECONDS * S), leaving);
        assertTrue(r.summary().lastNanos() < leaving + 20 * S, "nothing after the cut");
        assertTrue(r.summary().lastNanos() > leaving, "the capture goes on after leaving");
        assertEquals(20, s.knobs().secondsSinceLastDeparture(), 1e-9);
        assertTrue(s.knobs().endsMidSession() == false && s.knobs().perPhone().get(0).endActivity() == Activity.MINIMIZED);
        // the video stops with the departure: no VIDEO connection opens after it, no video byte well after it
        for (Flow f : r.flows(Purpose.VIDEO)) {
            assertTrue(f.startNanos() < leaving, f.toString());
            for (CaptureFlows.Packet p : r.capture().packets(f)) {
                assertTrue(p.payload() == 0 || p.up() || p.nanos() < leaving + 5 * S, "video byte " + (p.nanos() - leaving) / 1e9
                        + " s after leaving");
            }
        }
        // the leaving event (every departure has one in the style): a telemetry post 0-5 s after
        assertTrue(r.flows(Purpose.TELEMETRY).stream().anyMatch(f -> f.startNanos() >= leaving
                && f.startNanos() < leaving + 5 * S + S / 10), "leaving event");
    }

    /** (d) Minimized 150 s, then closed: the app's kept connection is torn down within 2 s, then only push and the crash log. */
    @Test
    void closeTearsDownTheAppsConnections() throws IOException {
        UsageScenario s = UsagePlans.minimizedThenClosed(44);
        Run r = run(s, "d");
        assertEquals(List.of(Activity.SCROLLING, Activity.MINIMIZED, Activity.CLOSED), activities(r));
        long leaving = r.periods().get(1).startNanos();
        long close = r.periods().get(2).startNanos();
        assertEquals(START + 90 * S, leaving);
        assertEquals(leaving + (long) (UsagePlans.MINIMIZED_SECONDS * S), close);
        assertTrue(r.summary().lastNanos() > close + 200 * S, "closed for minutes");
        List<Flow> kept = r.flows(Purpose.APP_API);
        assertEquals(1, kept.size(), kept.toString());
        List<CaptureFlows.Packet> packets = r.capture().packets(kept.get(0));
        CaptureFlows.Packet last = packets.get(packets.size() - 1);
        assertTrue(last.nanos() >= close && last.nanos() < close + 2 * S + S / 10, "last packet " + (last.nanos() - close) / 1e9
                + " s after the close");
        assertTrue(packets.stream().skip(packets.size() - 3).anyMatch(CaptureFlows.Packet::finOrRst), "ends with a FIN or a RST");
        assertTrue(packets.stream().filter(p -> p.payload() > 0).count() >= 4, "it carried exchanges: " + packets.size());
        // after the teardown, TikTok's traffic is its push connection and the crash log alone
        long crashLogs = 0;
        for (Flow f : r.truth().flows()) {
            if (!f.tiktok() || f.purpose() == Purpose.PUSH) {
                continue;
            }
            if (f.purpose() == Purpose.CRASH_LOG) {
                crashLogs++;
                assertTrue(f.startNanos() >= close && f.startNanos() < close + 30 * S + S / 10, f.toString());
                continue;
            }
            for (CaptureFlows.Packet p : r.capture().packets(f)) {
                assertTrue(p.nanos() < close + 2 * S + S / 10, "after the close: " + f + " at " + (p.nanos() - close) / 1e9);
            }
        }
        assertEquals(1, crashLogs, "the style posts a crash log after every close");
        List<Flow> push = r.flows(Purpose.PUSH);
        assertEquals(1, push.size());
        assertTrue(r.capture().packets(push.get(0)).stream().filter(p -> p.nanos() > close && p.payload() > 0).count() >= 2,
                "push keepalives go on while closed");
        ScenarioKnobs.PhoneKnobs k = s.knobs().perPhone().get(0);
        assertEquals(1, k.closes());
        assertEquals(List.of(UsagePlans.CLOSED_SECONDS), k.closedSeconds());
        assertEquals(Activity.CLOSED, k.endActivity());
    }
}
