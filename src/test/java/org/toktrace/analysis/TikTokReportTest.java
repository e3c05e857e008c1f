package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.BackgroundCadence;
import org.toktrace.model.Category;
import org.toktrace.model.ClaimCheck;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.ScrollingSession;
import org.toktrace.model.StateInterval;
import org.toktrace.model.StateReport;
import org.toktrace.testkit.traffic.AccuracyScenarios;
import org.toktrace.testkit.traffic.GroundTruth;
import org.toktrace.testkit.traffic.Habits;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/**
 * The state report derived from an analysis result: sessions, rates, background cadence and claims,
 * consistent with the result's states and with the generated capture's truth, and the same for a
 * result rebuilt from its parts (as the capture library reloads one).
 */
class TikTokReportTest {
    static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private record Run(HotspotTrafficGenerator.Summary summary, AnalysisResult result) {
    }

    private Run run(Scenario s) throws Exception {
        Path file = dir.resolve("r" + s.seed() + ".pcap");
        HotspotTrafficGenerator.Summary summary = HotspotTrafficGenerator.write(s, file);
        return new Run(summary, new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file));
    }

    @Test
    void sessionsRatesAndCadenceFollowTheStatesAndTheTruth() throws Exception {
        Run run = run(AccuracyScenarios.scenario(31));
        AnalysisResult r = run.result();
        StateReport report = TikTokReport.of(r);
        assertEquals(r.states().size(), report.devices().size());
        int videos = 0;
        for (int n = 0; n < r.states().size(); n++) {
            DeviceStates d = r.states().get(n);
            DeviceStateReport dr = report.devices().get(n);
            assertEquals(d.device(), dr.device());
            assertEquals(d.foregroundBytes(), dr.foregroundBytes());
            assertEquals(d.backgroundNanos(), dr.backgroundNanos());
            List<StateInterval> fg = d.intervals().stream().filter(i -> i.state() == AppState.FOREGROUND).toList();
            assertEquals(fg.size(), dr.sessions().size());
            long sessionBytes = 0;
            for (int i = 0; i < fg.size(); i++) {
                ScrollingSession s = dr.sessions().get(i);
                assertEquals(fg.get(i).startNanos(), s.startNanos());
                assertEquals(fg.get(i).endNanos(), s.endNanos());
                assertTrue(s.videos() >= 2, "a session starts with two downloads: " + s);
                sessionBytes += s.bytes();
                videos += s.videos();
            }
            assertEquals(d.foregroundBytes(), sessionBytes, "the sessions hold the foreground bytes");
            assertEquals(d.foregroundBytes() / (d.foregroundNanos() / 60e9), dr.foregroundBytesPerMinute(), 1e-6);
            assertTrue(dr.foregroundBytesPerMinute() > 1e6 && dr.backgroundBytesPerMinute() < 1e6,
                    "megabytes against kilobytes per minute: " + dr);
        }
        long trueVideos = run.summary().truth().flows().stream()
                .filter(f -> f.purpose() == GroundTruth.Purpose.VIDEO).count();
        assertTrue(Math.abs(videos - trueVideos) <= trueVideos / 10, videos + " videos in sessions, " + trueVideos
                + " videos scrolled");
        assertEquals(report.devices().stream().mapToInt(x -> x.sessions().size()).sum(), report.total().sessions().size());
        BackgroundCadence push = report.total().cadence().stream().filter(c -> c.category() == Category.PUSH)
                .findFirst().orElseThrow();
        // the push connection's keepalives come every 30-90 s
        assertTrue(push.hasMedian() && push.medianIntervalNanos() >= 30 * SECOND && push.medianIntervalNanos() <= 90 * SECOND,
                push.toString());
        ClaimCheck noVideo = report.total().claims().get(1);
        int downloads = report.total().backgroundDownloads();
        if (downloads == 0) {
            assertEquals(ClaimCheck.Verdict.YES, noVideo.verdict(), noVideo.sentence());
        } else {
            // pre-loads are what the claim allows; a larger download or a stream out of sight is what it denies
            assertTrue(noVideo.evidence().startsWith(downloads + (downloads == 1 ? " video download of " : " video downloads of ")),
                    noVideo.sentence());
            assertEquals(noVideo.evidence().contains("which the claim allows"), noVideo.verdict() == ClaimCheck.Verdict.YES,
                    noVideo.sentence());
        }
    }

    @Test
    void aResultRebuiltFromItsPartsGivesTheSameReport() throws Exception {
        AnalysisResult r = run(AccuracyScenarios.scenario(32).withLimits(300 * SECOND, 0)).result();
        AnalysisResult copy = new AnalysisResult(r.capture(), List.copyOf(r.flows()), r.counters(), r.warnings(),
                r.complete(), r.learnedNames(), r.catalogVersion(), r.breakdown(), List.copyOf(r.states()));
        assertEquals(TikTokReport.of(r), TikTokReport.of(copy));
    }

    @Test
    void aClosedHourPassesBothClaims() throws Exception {
        Habits closed = new Habits(1, 0, 0, 20, 45, 6, 600_000, false, 0, true);
        AnalysisResult r = run(new Scenario(43, 1, 0, 3600 * SECOND, 0, false, 10, 20, 4000, 5000, 500_000, 4_000_000,
                0.35, closed)).result();
        DeviceStateReport total = TikTokReport.of(r).total();
        assertTrue(total.claims().get(0).sentence().matches(
                "Background traffic stayed in kilobytes: yes, \\d+(\\.\\d+)? kB over (59|60) min of background"
                        + " \\(\\d+(\\.\\d+)? B/min; the line is 1.00 MB\\)"), total.claims().get(0).sentence());
        assertTrue(total.claims().get(1).sentence().matches(
                "No video streamed in the background: yes, no video download out of sight in (59|60) min"),
                total.claims().get(1).sentence());
        assertTrue(total.claims().get(2).sentence().startsWith(
                "No active tracking while closed or minimized: yes, no sustained upload: "), total.claims().get(2).sentence());
        assertEquals(List.of(), total.sessions());
        assertEquals(Category.PUSH, total.cadence().get(0).category());
    }

    @Test
    void withoutTikTokTheClaimsAreNotMeasured() throws Exception {
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(Path.of("captures/hotspot-sample.pcap"));
        AnalysisResult none = new AnalysisResult(r.capture(), List.of(), r.counters(), r.warnings(), r.complete(),
                r.learnedNames(), r.catalogVersion(), r.breakdown(), List.of());
        StateReport report = TikTokReport.of(none);
        assertEquals(List.of(), report.devices());
        assertTrue(report.total().claims().stream().allMatch(c -> c.verdict() == ClaimCheck.Verdict.NOT_MEASURED));
        assertEquals(4, report.caveats().size());
    }
}
