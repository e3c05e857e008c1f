package org.toktrace.testkit.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.testkit.traffic.GroundTruth.Flow;
import org.toktrace.testkit.traffic.GroundTruth.Purpose;
import org.toktrace.testkit.traffic.UsagePlan.Closed;
import org.toktrace.testkit.traffic.UsagePlan.Live;
import org.toktrace.testkit.traffic.UsagePlan.Minimized;
import org.toktrace.testkit.traffic.UsagePlan.Preload;
import org.toktrace.testkit.traffic.UsagePlan.Scrolling;
import org.toktrace.testkit.traffic.UsagePlan.Swipe;

/** What {@link ViewingBehaviour} puts on the wire for one planned behaviour at a time. */
class ViewingBehaviourTest {

    private static final long S = 1_000_000_000L;
    private static final long START = HotspotTrafficGenerator.START_NANOS;

    @TempDir
    Path dir;

    private record Run(GroundTruth truth, CaptureFlows capture) {
        List<Flow> flows(Purpose purpose) {
            return truth.flows().stream().filter(f -> f.purpose() == purpose).toList();
        }

        long down(Flow f) {
            return CaptureFlows.down(capture.packets(f));
        }
    }

    private Run run(double seconds, UsagePlan plan) throws IOException {
        Path p = dir.resolve("v.pcap");
        HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(UsageScenario.of(51, seconds, UsagePlans.STYLE, plan), p);
        return new Run(s.truth(), CaptureFlows.read(p));
    }

    /** A 10 s video looked at for 100 s is fetched once, then loops without a byte. */
    @Test
    void aShortVideoLoopsWithoutMoreBytes() throws IOException {
        Run r = run(130, UsagePlan.of(Scrolling.swipes(new Swipe(100, 10, 2e6)), Minimized.of(30)));
        Flow playing = r.flows(Purpose.VIDEO).stream().max(Comparator.comparingLong(r::down)).orElseThrow();
        long videoBytes = (long) (10 * 2e6 / 8);
        assertTrue(r.down(playing) >= videoBytes && r.down(playing) < videoBytes * 1.04 + 8_000, "video " + r.down(playing));
        for (Flow f : r.flows(Purpose.VIDEO)) {
            for (CaptureFlows.Packet p : r.capture().packets(f)) {
                assertTrue(p.up() || p.payload() == 0 || p.nanos() < START + 20 * S,
                        "video bytes " + (p.nanos() - START) / 1e9 + " s into a look at a looping video");
            }
        }
    }

    /** A long video swiped away after 10 s: its fetching stops at the swipe, most of it never comes. */
    @Test
    void aVideoSwipedAwayIsNotFetchedFurther() throws IOException {
        Run r = run(70, UsagePlan.of(Scrolling.swipes(new Swipe(10, 120, 2e6)), Minimized.of(60)));
        long leaving = START + 10 * S;
        Flow playing = r.flows(Purpose.VIDEO).stream().max(Comparator.comparingLong(r::down)).orElseThrow();
        // at most 10 s played plus a 15 s buffer plus one 2 MB chunk, of a 30 MB video
        assertTrue(r.down(playing) > 1_000_000 && r.down(playing) < 25 * 2e6 / 8 + 2_100_000, "fetched " + r.down(playing));
        for (Flow f : r.flows(Purpose.VIDEO)) {
            for (CaptureFlows.Packet p : r.capture().packets(f)) {
                assertTrue(p.up() || p.payload() == 0 || p.nanos() < leaving + 3 * S,
                        "video bytes " + (p.nanos() - leaving) / 1e9 + " s after the swipe away");
            }
        }
    }

    /** Pre-loads every 20 s beside syncs every minute: no API call within 5 s of one, on a new connection or the kept one. */
    @Test
    void preloadsComeAlone() throws IOException {
        ViewingStyle busy = new ViewingStyle(8, 0.6, 0.05, 0.6, 0.5, 2, 1.0, 0, 0, 0, 1.0, 0, 0.3, 15, 20, 60, 120);
        Preload[] preloads = new Preload[45];
        for (int i = 0; i < preloads.length; i++) {
            preloads[i] = new Preload(10 + 20 * i, 200_000);
        }
        Path p = dir.resolve("alone.pcap");
        HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(UsageScenario.of(52, 920, busy,
                UsagePlan.of(Scrolling.of(20), Minimized.of(900, preloads))), p);
        Run r = new Run(s.truth(), CaptureFlows.read(p));
        List<Long> at = r.flows(Purpose.PRELOAD).stream().map(Flow::startNanos).toList();
        assertEquals(45, at.size());
        long syncs = 0;
        for (Flow f : r.truth().flows()) {
            if (f.purpose() == Purpose.API && f.startNanos() > START + 20 * S) {
                syncs++;
                assertTrue(at.stream().allMatch(t -> Math.abs(f.startNanos() - t) >= 4_900_000_000L), "sync beside a pre-load: " + f);
            }
            if (f.purpose() == Purpose.APP_API) {
                for (CaptureFlows.Packet k : r.capture().packets(f)) {
                    if (k.up() && k.payload() > 0 && k.nanos() > START + 20 * S) {
                        assertTrue(at.stream().allMatch(t -> Math.abs(k.nanos() - t) >= 4_900_000_000L), "kept-connection call beside a pre-load");
                    }
                }
            }
        }
        assertTrue(syncs >= 10, "syncs to keep away: " + syncs);
    }

    /** The video pre-loaded while minimized is the first one on return: it plays without a fetch of its own. */
    @Test
    void aPreloadedVideoPlaysWithoutBeingFetchedAgain() throws IOException {
        ViewingStyle oneAhead = new ViewingStyle(8, 0.6, 0, 0.6, 0.5, 1, 1.0, 0, 0, 0, 1.0, 0, 0.3, 15, 90, 300, 120);
        Path p = dir.resolve("held.pcap");
        // a 5 s video at 1 Mbit/s is 625 kB: the 1.5 MB pre-load holds all of it
        HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(UsageScenario.of(53, 120, oneAhead, UsagePlan.of(
                Scrolling.of(20), Minimized.of(60, new Preload(10, 1_500_000)), Scrolling.swipes(new Swipe(3, 5, 1e6)),
                Minimized.of(30))), p);
        long back = START + 80 * S;
        assertEquals(1, s.truth().flows().stream().filter(f -> f.purpose() == Purpose.PRELOAD).count());
        List<Flow> videos = s.truth().flows().stream().filter(f -> f.purpose() == Purpose.VIDEO && f.startNanos() >= back).toList();
        assertEquals(List.of(), videos, "nothing to fetch: the pre-loaded video plays, the prefetched one is next");
        assertTrue(s.truth().flows().stream().anyMatch(f -> f.purpose() == Purpose.VIDEO && f.startNanos() < START + 20 * S));
    }

    /** A live stream is video-category bytes throughout, at 1-4 Mbit/s. */
    @Test
    void aLiveStreamIsContinuous() throws IOException {
        Run r = run(90, UsagePlan.of(new Live(60), Minimized.of(30)));
        List<Flow> live = r.flows(Purpose.LIVE);
        assertEquals(1, live.size(), live.toString());
        assertEquals(org.toktrace.model.Category.VIDEO, live.get(0).category());
        List<CaptureFlows.Packet> packets = r.capture().packets(live.get(0));
        long down = CaptureFlows.down(packets);
        assertTrue(down > 58 * 1e6 / 8 && down < 61 * 4e6 / 8 * 1.04, "live bytes " + down);
        for (long t = START + 3 * S; t < START + 58 * S; t += 3 * S) {
            long from = t;
            assertTrue(packets.stream().anyMatch(p -> !p.up() && p.payload() > 0 && p.nanos() >= from && p.nanos() < from + 3 * S),
                    "live bytes in every 3 s: none at " + (t - START) / 1e9);
        }
        assertTrue(packets.stream().noneMatch(p -> !p.up() && p.payload() > 0 && p.nanos() > START + 62 * S), "stops with the stream");
    }

    /** Closed straight from the screen: the video in flight and the kept connection end at the close. */
    @Test
    void closingFromTheScreenEndsTheAppsConnections() throws IOException {
        Run r = run(100, UsagePlan.of(Scrolling.of(40), new Closed(60)));
        long close = START + 40 * S;
        Flow kept = r.flows(Purpose.APP_API).get(0);
        List<CaptureFlows.Packet> packets = r.capture().packets(kept);
        long last = packets.get(packets.size() - 1).nanos();
        assertTrue(last >= close && last < close + 2 * S + S / 10, "kept connection ends " + (last - close) / 1e9 + " s after the close");
        for (Flow f : r.truth().flows()) {
            if (f.tiktok() && f.purpose() != Purpose.PUSH && f.purpose() != Purpose.CRASH_LOG) {
                List<CaptureFlows.Packet> ps = r.capture().packets(f);
                // a chunk asked for just before the close may still be coming in: seconds, not more
                assertTrue(ps.get(ps.size() - 1).nanos() < close + 6 * S, f + " ends " + (ps.get(ps.size() - 1).nanos() - close) / 1e9);
            }
        }
    }

    /** A minimized app's pings and syncs go on while it is minimized, and stop when it is closed. */
    @Test
    void minimizedAppPingsAndSyncs() throws IOException {
        Run r = run(1300, UsagePlan.of(Scrolling.of(20), Minimized.of(1000), new Closed(280)));
        long leaving = START + 20 * S;
        long close = leaving + 1000 * S;
        long pings = r.flows(Purpose.TELEMETRY).stream().filter(f -> f.startNanos() > leaving + 6 * S && f.startNanos() < close).count();
        long syncs = r.flows(Purpose.API).stream().filter(f -> f.startNanos() > leaving + 6 * S && f.startNanos() < close).count();
        // the style's means: a ping every 90 s, a sync every 300 s (each jittered by 30 %)
        assertTrue(pings >= 7 && pings <= 16, "pings " + pings);
        assertTrue(syncs >= 2 && syncs <= 5, "syncs " + syncs);
        assertTrue(r.truth().flows().stream().noneMatch(f -> f.startNanos() > close + 31 * S && f.tiktok() && f.purpose() != Purpose.PUSH),
                "nothing of the app's after the close");
    }

    @Test
    void plansRejectWhatNoUserDoes() {
        assertThrows(IllegalArgumentException.class, () -> UsagePlan.of(new Closed(10), Minimized.of(10)));
        assertThrows(IllegalArgumentException.class, () -> UsagePlan.of(Scrolling.of(10), new Closed(10), new Closed(10)));
        assertThrows(IllegalArgumentException.class, () -> Minimized.of(10, new Preload(10, 1000)));
        assertThrows(IllegalArgumentException.class, () -> Minimized.of(60, new Preload(20, 1000), new Preload(10, 1000)));
        assertEquals(35, Scrolling.swipes(Swipe.of(20), Swipe.of(15)).seconds(), 1e-9);
        assertEquals(Minimized.of(10).activity(), GroundTruth.Activity.MINIMIZED);
        assertEquals(GroundTruth.Activity.SCROLLING, new Live(30).activity());
    }
}
