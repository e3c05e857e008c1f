package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Category;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.NameSource;

/** The app's plain view models over the analysed sample, without a display. */
class ViewModelsTest {
    static AnalysisResult sample;

    @BeforeAll
    static void analyse() throws Exception {
        sample = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(Path.of("captures/hotspot-sample.pcap"));
    }

    @Test
    void overviewOfAllDevicesSumsTheStatesAndPicksAUnitPerFigure() {
        Overview o = Overview.of(sample, null);
        DeviceStates total = sample.totalStates();
        assertEquals(Figures.bytes(total.foregroundBytes()), o.foreground().value());
        assertEquals(Figures.bytes(total.backgroundBytes()), o.background().value());
        assertTrue(o.foreground().detail().contains(Figures.duration(total.foregroundNanos())), o.foreground().detail());
        assertTrue(o.foreground().detail().contains(Figures.percent(total.foregroundShare())), o.foreground().detail());
        long tiktok = sample.flows().stream().filter(f -> f.attribution().isTikTok()).mapToLong(FlowRecord::bytes).sum();
        assertEquals(Figures.bytes(tiktok), o.tiktok().value());
        long intervals = sample.states().stream().mapToLong(d -> d.intervals().size()).sum();
        assertEquals(intervals, o.intervals().size(), "every device's intervals");
        assertEquals(sample.breakdown().platformPush().stream().mapToLong(t -> t.bytes()).sum() > 0,
                !o.platformPush().value().equals("0 B"));
        assertTrue(o.platformPush().detail().contains("Google FCM"), o.platformPush().detail());
    }

    @Test
    void overviewOfOneDeviceShowsItsOwnFiguresAndIntervals() {
        List<Device.Id> devices = Overview.devices(sample);
        assertEquals(sample.states().size(), devices.size());
        DeviceStates phone = sample.states().stream()
                .max(java.util.Comparator.comparingLong(DeviceStates::foregroundBytes)).orElseThrow();
        Overview o = Overview.of(sample, phone.device());
        assertEquals(Figures.bytes(phone.foregroundBytes()), o.foreground().value());
        assertEquals(Figures.bytes(phone.backgroundBytes()), o.background().value());
        assertEquals(phone.intervals().size(), o.intervals().size());
        assertTrue(o.intervals().stream().allMatch(i -> i.device().equals(phone.device())));
        // the phone with a session: background reads in kB, under its foreground
        assertTrue(phone.foregroundBytes() > phone.backgroundBytes(), phone.toString());
        assertTrue(o.background().value().endsWith(" kB"), o.background().value());
    }

    @Test
    void unattributedCountsFlowsWithoutAService() {
        Overview o = Overview.of(sample, null);
        long bytes = sample.flows().stream().filter(f -> f.attribution().service() == null).mapToLong(FlowRecord::bytes).sum();
        assertEquals(Figures.bytes(bytes), o.unattributed().value());
    }

    @Test
    void claimsCardGivesTheReportsVerdictWithTheBackgroundRate() {
        DeviceStates phone = sample.states().get(0);
        Overview.Card c = Overview.claimsCard(sample, phone.device());
        long perHour = Math.round(phone.backgroundBytes() * 3600e9 / phone.backgroundNanos());
        org.toktrace.model.DeviceStateReport report = org.toktrace.analysis.TikTokReport.of(sample).devices().stream()
                .filter(r -> r.device().equals(phone.device())).findFirst().orElseThrow();
        String verdict = report.claims().get(0).verdict().label();
        assertTrue(c.value().toLowerCase(java.util.Locale.ROOT).startsWith(verdict), c.value());
        assertTrue(c.value().endsWith(Figures.bytes(perHour) + " per hour"), c.value());
        assertTrue(c.detail().contains(report.claims().get(0).sentence()), c.detail());
        assertTrue(c.detail().contains(report.claims().get(1).sentence()), c.detail());
        assertEquals("not measured", Overview.claimsCard(sample, Device.Id.parse("10.255.255.254")).value());
    }

    @Test
    void filterNarrowsByEachCriterion() {
        List<FlowRecord> flows = sample.flows();
        long tiktok = flows.stream().filter(FlowFilter.ALL.withTiktokOnly(true)).count();
        assertEquals(flows.stream().filter(f -> f.attribution().isTikTok()).count(), tiktok);
        assertEquals(flows.size(), flows.stream().filter(FlowFilter.ALL).count());
        long fg = flows.stream().filter(FlowFilter.ALL.withState(AppState.FOREGROUND)).count();
        assertEquals(flows.stream().filter(f -> f.attribution().state() == AppState.FOREGROUND).count(), fg);
        long video = flows.stream().filter(FlowFilter.ALL.withCategory(Category.VIDEO)).count();
        assertTrue(video > 0 && video < tiktok);
        Device.Id device = Device.Id.of(flows.get(0));
        long ofDevice = flows.stream().filter(FlowFilter.ALL.withDevice(device)).count();
        assertTrue(ofDevice > 0 && ofDevice < flows.size());
        FlowRecord named = flows.stream().filter(f -> f.attribution().serverName() != null).findFirst().orElseThrow();
        String upper = named.attribution().serverName().toUpperCase(java.util.Locale.ROOT);
        assertTrue(FlowFilter.ALL.withText(upper).test(named), "free text is case-insensitive");
        assertEquals(0, flows.stream().filter(FlowFilter.ALL.withText("zz-not-there")).count());
        assertTrue(FlowFilter.ALL.withText(" " + named.key().server() + " ").test(named), "addresses, trimmed");
    }

    @Test
    void timelineKeepsTheStateTotals() {
        TimelineSeries all = TimelineSeries.of(sample, null);
        DeviceStates total = sample.totalStates();
        assertEquals(total.foregroundBytes(), all.foregroundBytes());
        assertEquals(total.backgroundBytes(), all.backgroundBytes());
        assertTrue(all.points().size() <= TimelineSeries.MAX_POINTS);
        assertTrue(all.intervals().stream().allMatch(i -> i.state() == AppState.FOREGROUND), "all devices: foreground shaded");
        DeviceStates phone = sample.states().get(0);
        TimelineSeries one = TimelineSeries.of(sample, phone.device());
        assertEquals(phone.foregroundBytes(), one.foregroundBytes());
        assertEquals(phone.intervals(), one.intervals());
        for (int i = 1; i < all.points().size(); i++) {
            assertTrue(all.points().get(i).startNanos() > all.points().get(i - 1).startNanos());
        }
    }

    @Test
    void evidenceSaysSourceNameAndTime() {
        Evidence quic = new Evidence(NameSource.QUIC_SNI, "v16-webapp-prime.tiktok.com",
                1_774_282_445_123_456_789L, "");
        assertEquals("QUIC Initial SNI v16-webapp-prime.tiktok.com at 16:14:05.123", EvidenceText.of(quic));
        Evidence dns = new Evidence(NameSource.DNS, "v16.tiktok.com", 1_774_282_445_000_000_000L,
                "v16.tiktok.com -> a1.akamai.net");
        assertEquals("DNS answer for v16.tiktok.com at 16:14:05.000\nv16.tiktok.com -> a1.akamai.net", EvidenceText.of(dns));
        assertTrue(EvidenceText.of((Evidence) null).startsWith("No name"));
    }

    @Test
    void figures() {
        assertEquals("46.1 kB", Figures.bytes(46_100));
        assertEquals("1.75 MB", Figures.bytes(1_750_000));
        assertEquals("0 s", Figures.duration(0));
        assertEquals("22 s", Figures.duration(22_000_000_000L));
        assertEquals("9 min 17 s", Figures.duration(557_000_000_000L));
        assertEquals("2 h 5 min", Figures.duration(7_500_000_000_000L));
        assertEquals("63 %", Figures.percent(0.63));
        assertEquals("1 kB", new ByteAxisFormat().format(1000));
        assertEquals("1.5 MB", new ByteAxisFormat().format(1_500_000).replace("1.50", "1.5"));
    }

    @Test
    void recentFilesKeepsTheNewestFirstWithoutDuplicates() {
        RecentFiles.Store store = RecentFiles.Store.inMemory();
        RecentFiles r = new RecentFiles(store);
        for (int i = 0; i < RecentFiles.MAX + 3; i++) {
            r.opened(Path.of("/captures/c" + i + ".pcap"));
        }
        r.opened(Path.of("/captures/c5.pcap"));
        assertEquals(RecentFiles.MAX, r.files().size());
        assertEquals(Path.of("/captures/c5.pcap"), r.files().get(0));
        assertEquals(1, r.files().stream().filter(p -> p.endsWith("c5.pcap")).count());
        assertFalse(r.files().contains(Path.of("/captures/c0.pcap")), "the oldest fell off");
        assertEquals(r.files(), new RecentFiles(store).files(), "kept in the store");
    }
}
