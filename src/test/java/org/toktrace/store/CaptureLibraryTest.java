package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.export.TimelineCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.Device;
import org.toktrace.model.TikTokBins;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/** The capture library on a real H2 file: save, reopen, list, compare, delete, re-analyse, marks. */
class CaptureLibraryTest {
    static final String SHA_A = "a".repeat(64);
    static final String SHA_B = "0123456789abcdef".repeat(4);
    static final Instant WHEN = Instant.parse("2026-11-22T01:02:03.456789Z");

    @TempDir
    Path tmp;

    private Path db() {
        return tmp.resolve("lib").resolve("toktrace");
    }

    private static String flowsCsv(AnalysisResult r) throws Exception {
        StringWriter w = new StringWriter();
        new FlowsCsvWriter(TikTokReport.networks()).write(r.flows(), w);
        return w.toString();
    }

    private static String timelineCsv(AnalysisResult r) throws Exception {
        StringWriter w = new StringWriter();
        new TimelineCsvWriter().write(r, w);
        return w.toString();
    }

    @Test
    void aSavedAnalysisReopensEqualInANewConnection() throws Exception {
        AnalysisResult sample = LibraryResults.sample();
        assertTrue(sample.breakdown().tiktok().flows() > 0, "the sample has TikTok traffic");
        long id;
        try (LocalDatabase d = LocalDatabase.open(db())) {
            id = new CaptureLibrary(d).save(sample, SHA_A, WHEN, CaptureLibrary.SaveProgress.NONE);
        }
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            AnalysisResult loaded = lib.load(id).orElseThrow();
            assertEquals(sample, loaded);
            assertEquals(flowsCsv(sample), flowsCsv(loaded), "flows.csv from the library equals the one after analysis");
            assertEquals(timelineCsv(sample), timelineCsv(loaded));
            assertTrue(lib.load(id + 1).isEmpty());
        }
    }

    @Test
    void everyFieldAndOddValueRoundTrips() throws Exception {
        AnalysisResult r = LibraryResults.everything(50);
        try (LocalDatabase d = LocalDatabase.open(db())) {
            long id = new CaptureLibrary(d).save(r, null);
            AnalysisResult loaded = new CaptureLibrary(d).load(id).orElseThrow();
            assertEquals(r, loaded);
            // record equals would miss an order change in these; compare them one by one
            assertEquals(r.flows(), loaded.flows());
            assertEquals(r.states(), loaded.states());
            assertEquals(r.breakdown().tiktokNameSources(), loaded.breakdown().tiktokNameSources());
            assertEquals(flowsCsv(r), flowsCsv(loaded));
        }
    }

    @Test
    void aGeneratedCaptureWithStatesRoundTripsWithItsTimeline() throws Exception {
        Path capture = tmp.resolve("phone.pcap");
        HotspotTrafficGenerator.write(new Scenario(11, 1, 0, 280 * LibraryResults.SECOND, 0, false, 60, 70, 100, 120,
                500_000, 2_000_000, 0.3), capture);
        AnalysisResult r = new org.toktrace.analysis.CaptureAnalyzer(org.toktrace.analysis.AnalysisOptions.defaults())
                .analyze(capture);
        assertFalse(r.states().isEmpty());
        assertTrue(r.states().get(0).intervals().stream().anyMatch(i -> i.state() == AppState.FOREGROUND));
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            long id = lib.save(r, CaptureDigest.sha256(capture));
            assertEquals(r, lib.load(id).orElseThrow());
            assertEquals(timelineCsv(r), timelineCsv(lib.load(id).orElseThrow()));

            List<TimelineBin> stored = lib.timeline(id);
            List<TikTokBins.Bin> expected = TikTokBins.of(r.flows()).values().iterator().next();
            assertEquals(expected.size(), stored.size());
            for (int i = 0; i < stored.size(); i++) {
                TimelineBin s = stored.get(i);
                assertEquals(expected.get(i).binStartNanos(), s.binStartNanos());
                assertEquals(expected.get(i).bytesUp(), s.bytesUp());
                assertEquals(expected.get(i).bytesDown(), s.bytesDown());
                assertEquals(expected.get(i).packets(), s.packets());
                assertEquals(r.states().get(0).stateAt(s.binStartNanos()), s.state());
            }
            assertTrue(stored.stream().anyMatch(b -> b.state() == AppState.FOREGROUND));
            assertTrue(stored.stream().anyMatch(b -> b.state() == AppState.BACKGROUND));
        }
    }

    @Test
    void theListShowsKeyFiguresWithoutLoadingFlows() throws Exception {
        AnalysisResult sample = LibraryResults.sample();
        AnalysisResult odd = LibraryResults.everything(10);
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            long a = lib.save(sample, SHA_A, WHEN, CaptureLibrary.SaveProgress.NONE);
            long b = lib.save(odd, SHA_B, WHEN.plusSeconds(60), CaptureLibrary.SaveProgress.NONE);
            List<LibraryEntry> list = lib.list();
            assertEquals(2, list.size());
            LibraryEntry e = list.get(0);
            assertEquals(a, e.id());
            assertEquals(SHA_A, e.sha256());
            assertEquals(sample.capture().source(), e.source());
            assertEquals(sample.capture(), e.capture(), "the capture as the analysis read it");
            assertEquals(sample.capture().durationNanos(), e.durationNanos());
            assertEquals(sample.counters().frames(), e.frames());
            assertEquals(sample.counters().ipBytes(), e.ipBytes());
            assertEquals(WHEN, e.analysedAt());
            assertEquals(sample.flows().size(), e.flows());
            assertEquals(sample.devices().size(), e.devices());
            assertEquals(sample.breakdown().tiktok().bytes(), e.tiktokBytes());
            assertEquals(sample.totalStates().foregroundBytes(), e.foregroundBytes());
            assertEquals(sample.totalStates().backgroundBytes(), e.backgroundBytes());
            assertEquals(sample.catalogVersion(), e.catalogVersion());
            LibraryEntry o = list.get(1);
            assertEquals(b, o.id());
            assertEquals(CaptureFormat.PCAPNG, o.capture().format());
            assertEquals(List.of(1, 113, 276), o.capture().linkTypes());
            assertFalse(o.complete());
            assertEquals(2, o.warnings());
            assertEquals(5000, o.platformPushBytes());
            assertEquals(1_900_000, o.foregroundBytes());
            assertEquals(Optional.of(o), lib.entry(b));
            assertEquals(Optional.of(o), lib.findBySha256(SHA_B));
            assertTrue(lib.findBySha256("f".repeat(64)).isEmpty());
        }
    }

    @Test
    void reanalysingTheSameCaptureReplacesItsRowsKeepsItsIdAndMarks() throws Exception {
        AnalysisResult first = LibraryResults.everything(40);
        AnalysisResult second = LibraryResults.sample();
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            long other = lib.save(LibraryResults.everything(3), SHA_B);
            long id = lib.save(first, SHA_A);
            lib.addMark(id, new UserMark(first.capture().firstNanos() + 5, null, "opened TikTok"));
            long again = lib.save(second, SHA_A, WHEN, CaptureLibrary.SaveProgress.NONE);
            assertEquals(id, again);
            assertEquals(2, lib.list().size());
            assertEquals(second, lib.load(id).orElseThrow());
            assertEquals(WHEN, lib.entry(id).orElseThrow().analysedAt());
            assertEquals(List.of(new UserMark(first.capture().firstNanos() + 5, null, "opened TikTok")), lib.marks(id));
            assertEquals(LibraryResults.everything(3), lib.load(other).orElseThrow(), "the other capture untouched");
            assertEquals(second.flows().size() + 3, count(d, "flow"), "no rows of the first analysis left");
            assertEquals(second.warnings().size() + 2, count(d, "capture_warning"));
            // a capture without a SHA-256 (live, kept in no file) is always a new entry
            long live1 = lib.save(first, null);
            long live2 = lib.save(first, null);
            assertNotEquals(live1, live2);
            assertNull(lib.entry(live1).orElseThrow().sha256());
        }
    }

    @Test
    void deleteRemovesTheCaptureAndEveryRowOfIt() throws Exception {
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            long keep = lib.save(LibraryResults.everything(5), SHA_B);
            long gone = lib.save(LibraryResults.everything(30), SHA_A);
            lib.addMark(gone, new UserMark(1, Device.Id.parse("02:00:5e:10:00:01"), "locked the phone"));
            assertTrue(lib.delete(gone));
            assertFalse(lib.delete(gone), "already gone");
            assertTrue(lib.load(gone).isEmpty());
            assertEquals(List.of(keep), lib.list().stream().map(LibraryEntry::id).toList());
            for (String table : List.of("flow", "timeline_bin", "device_state", "state_interval", "capture_warning",
                    "breakdown_row", "capture_learned_name", "user_mark")) {
                try (Statement s = d.connection().createStatement();
                        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE capture_id = " + gone)) {
                    r.next();
                    assertEquals(0, r.getLong(1), table);
                }
            }
            assertEquals(LibraryResults.everything(5), lib.load(keep).orElseThrow());
        }
    }

    @Test
    void compareGivesBothSidesWithRatesAndCadence() throws Exception {
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            long a = lib.save(LibraryResults.everything(20), SHA_A);
            long b = lib.save(LibraryResults.sample(), SHA_B);
            CaptureComparison c = lib.compare(a, b).orElseThrow();
            assertEquals(a, c.a().entry().id());
            assertEquals(b, c.b().entry().id());
            // everything(): 1.9 MB in 140 s of foreground, 100 kB in 3460 s of background
            assertEquals(1_900_000 / (140 / 60.0), c.a().foregroundBytesPerMinute(), 1e-6);
            assertEquals(100_000 / (3460 / 3600.0), c.a().backgroundBytesPerHour(), 1e-6);
            assertEquals(c.a().entry().tiktokBytes() / (double) c.a().entry().ipBytes(), c.a().tiktokShare(), 1e-12);
            List<CaptureFigures.Figure> cadence = c.a().cadence();
            assertEquals(new CaptureFigures.Figure("foreground sessions", 1, "count"), cadence.get(0));
            assertEquals(new CaptureFigures.Figure("median foreground session", 140, "s"), cadence.get(1));
            assertEquals("background TikTok flows per hour", cadence.get(2).name());
            long bgFlows = LibraryResults.everything(20).flows().stream()
                    .filter(f -> f.attribution().state() == AppState.BACKGROUND).count();
            assertEquals(bgFlows / (3460 / 3600.0), cadence.get(2).value(), 1e-9);

            // the seam: another cadence over the stored analyses
            CaptureComparison flowsOnly = lib.compare(a, b, r -> List.of(new CaptureFigures.Figure("flows", r.flows().size(), "count")))
                    .orElseThrow();
            assertEquals(20, flowsOnly.a().cadence().get(0).value());
            assertEquals(LibraryResults.sample().flows().size(), flowsOnly.b().cadence().get(0).value());
            assertTrue(lib.compare(a, 999).isEmpty());
        }
    }

    @Test
    void ratesAreUndefinedWithoutTimeInTheirState() {
        LibraryEntry e = new LibraryEntry(1, null, new CaptureInfo("x", 0, CaptureFormat.PCAP, List.of(), 0, 0), 0, 0, true, "c", WHEN,
                0, 0, 0, 0, 0, 0, 0, 0, 0);
        CaptureFigures f = new CaptureFigures(e, CaptureFigures.Cadence.FROM_STATES.of(LibraryResults.everything(0)));
        assertTrue(Double.isNaN(f.foregroundBytesPerMinute()));
        assertTrue(Double.isNaN(f.backgroundBytesPerHour()));
        assertTrue(Double.isNaN(f.tiktokShare()));
    }

    @Test
    void saveReportsProgressAndRejectsABadDigest() {
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            List<long[]> seen = new ArrayList<>();
            lib.save(LibraryResults.everything(1200), SHA_A, WHEN, (rows, total) -> seen.add(new long[] {rows, total}));
            assertTrue(seen.size() >= 3, "a batch at a time: " + seen.size());
            long[] last = seen.get(seen.size() - 1);
            assertEquals(last[1], last[0], "ends with every row written");
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i)[0] > seen.get(i - 1)[0]);
            }
            assertThrows(IllegalArgumentException.class, () -> lib.save(LibraryResults.everything(1), "ABC"));
            assertThrows(IllegalArgumentException.class, () -> lib.save(LibraryResults.everything(1), SHA_A.toUpperCase()));
            assertEquals(1, lib.list().size());
        }
    }

    @Test
    void aFailedSaveLeavesTheLibraryAsItWas() throws Exception {
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            AnalysisResult before = LibraryResults.everything(30);
            long id = lib.save(before, SHA_A);
            RuntimeException boom = new IllegalStateException("disk full, say");
            assertThrows(IllegalStateException.class, () -> lib.save(LibraryResults.sample(), SHA_A, WHEN, (rows, total) -> {
                throw boom;
            }));
            assertEquals(before, lib.load(id).orElseThrow(), "the replacement was rolled back");
            assertEquals(1, lib.list().size());
            assertEquals(30, count(d, "flow"));
        }
    }

    @Test
    void marksComeBackInTimeOrderAndNeedACapture() {
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            long id = lib.save(LibraryResults.everything(2), null);
            lib.addMark(id, new UserMark(300, null, "locked the phone"));
            lib.addMark(id, new UserMark(100, Device.Id.parse("10.42.0.23"), "opened TikTok"));
            assertEquals(List.of(new UserMark(100, Device.Id.parse("10.42.0.23"), "opened TikTok"), new UserMark(300, null, "locked the phone")),
                    lib.marks(id));
            StoreException e = assertThrows(StoreException.class, () -> lib.addMark(id + 100, new UserMark(1, null, "x")));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new UserMark(1, null, " "));
        }
    }

    @Test
    void aDamagedRowIsReportedInOneLine() throws Exception {
        try (LocalDatabase d = LocalDatabase.open(db())) {
            CaptureLibrary lib = new CaptureLibrary(d);
            long id = lib.save(LibraryResults.everything(3), SHA_A);
            try (Statement s = d.connection().createStatement()) {
                s.executeUpdate("UPDATE flow SET bins = X'02' WHERE capture_id = " + id);
            }
            StoreException e = assertThrows(StoreException.class, () -> lib.load(id));
            assertEquals("capture " + id + " in the library " + d.path() + ".mv.db is damaged (unknown flow bins format);"
                    + " delete it and analyse the capture again", e.getMessage());
            try (Statement s = d.connection().createStatement()) {
                s.executeUpdate("UPDATE capture SET format = 'BETAMAX' WHERE id = " + id);
            }
            StoreException listing = assertThrows(StoreException.class, lib::list);
            assertTrue(listing.getMessage().startsWith("the library " + d.path() + ".mv.db has a damaged capture row ("),
                    listing.getMessage());
        }
    }

    static long count(LocalDatabase d, String table) throws Exception {
        try (Statement s = d.connection().createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
