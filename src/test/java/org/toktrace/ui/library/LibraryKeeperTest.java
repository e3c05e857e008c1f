package org.toktrace.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;
import org.toktrace.store.CaptureFigures;
import org.toktrace.store.CaptureComparison;
import org.toktrace.store.LibraryEntry;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.Frames;
import org.toktrace.ui.AnalysisRunner;
import org.toktrace.ui.AnalysisSession;

/** The save hook without a window: a cancelled analysis is not kept; comparison rows line up by name. */
class LibraryKeeperTest {

    @TempDir
    Path dir;

    @Test
    void aCancelledAnalysisIsNotSavedAndTheStatusSaysSo() throws Exception {
        // 20,000 frames: the analyzer looks at the cancel flag after 16,384 of them
        CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(1);
        for (int i = 0; i < 20_000; i++) {
            pcap.frame(1_700_000_000_000_000_000L + i * 1_000_000L, Frames.ethernet().build(
                    Frames.ipv4("10.0.0.2", "192.0.2." + (1 + i % 200)).payload(Frames.udp(40000 + i % 1000, 443).payload(40)).build()));
        }
        Path capture = pcap.writeTo(dir.resolve("long.pcap"));
        CountDownLatch cancelled = new CountDownLatch(1);
        AnalysisRunner real = AnalysisRunner.defaults();
        AnalysisRunner afterCancel = (file, listener, flag) -> {
            try {
                cancelled.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.analyze(file, listener, flag);
        };
        CountDownLatch ended = new CountDownLatch(1);
        AnalysisSession session = new AnalysisSession(afterCancel, Runnable::run);
        LibraryAccess access = new LibraryAccess(dir.resolve("db").resolve("toktrace"), Duration.ofSeconds(5));
        LibraryKeeper keeper = new LibraryKeeper(session, access, Runnable::run);
        session.setObserver(new AnalysisSession.Observer() {
            @Override
            public void started(Path file) {
                keeper.started(file);
            }

            @Override
            public void finished(Path file, AnalysisResult r, boolean wasCancelled) {
                keeper.finished(file, r, wasCancelled);
                ended.countDown();
            }
        });
        session.open(capture);
        session.cancel();
        cancelled.countDown();
        assertTrue(ended.await(60, TimeUnit.SECONDS));
        assertEquals(AnalysisSession.Phase.CANCELLED, session.phaseProperty().get());
        assertTrue(session.statusProperty().get().endsWith("not saved to the library (cancelled: only part of the file was read)"),
                session.statusProperty().get());
        assertFalse(access.exists(), "no database was even created");
    }

    @Test
    void quittingWaitsForTheSaveOfTheLastAnalysis() throws Exception {
        Path capture = Path.of("captures/hotspot-sample.pcap");
        AnalysisSession session = new AnalysisSession(AnalysisRunner.defaults(), Runnable::run);
        LibraryAccess access = new LibraryAccess(dir.resolve("db").resolve("toktrace"), Duration.ofSeconds(5));
        LibraryKeeper keeper = new LibraryKeeper(session, access, Runnable::run);
        CountDownLatch ended = new CountDownLatch(1);
        session.setObserver(new AnalysisSession.Observer() {
            @Override
            public void started(Path file) {
                keeper.started(file);
            }

            @Override
            public void finished(Path file, AnalysisResult r, boolean wasCancelled) {
                keeper.finished(file, r, wasCancelled); // the save starts when the SHA-256 is known
                ended.countDown();
            }
        });
        session.open(capture);
        assertTrue(ended.await(60, TimeUnit.SECONDS));
        assertTrue(keeper.awaitSaves(Duration.ofSeconds(60)));
        List<LibraryEntry> saved = access.read(l -> l.list(), List.<LibraryEntry>of()).get(30, TimeUnit.SECONDS);
        assertEquals(1, saved.size(), "saved before awaitSaves returned");
        assertEquals(session.resultProperty().get().flows().size(), saved.get(0).flows());
    }

    @Test
    void comparisonRowsMatchCadenceFiguresByNameAndSayNotApplicable() {
        LibraryEntry a = entry(1, "/x/before.pcap", 60_000_000_000L, 0);
        LibraryEntry b = entry(2, "C:\\caps\\after.pcap", 0, 3_600_000_000_000L);
        CaptureComparison c = new CaptureComparison(
                new CaptureFigures(a, List.of(new CaptureFigures.Figure("background push every (median)", 270, "s"))),
                new CaptureFigures(b, List.of(new CaptureFigures.Figure("background api exchanges", 12, "count"),
                        new CaptureFigures.Figure("background push every (median)", Double.NaN, "s"))));
        List<ComparisonRows.Row> rows = ComparisonRows.of(c);
        assertEquals(new ComparisonRows.Row("capture", "#1 before.pcap", "#2 after.pcap"), rows.get(0));
        assertEquals(new ComparisonRows.Row("foreground per minute", "6.00 MB/min", "n/a", "n/a"), find(rows, "foreground per minute"));
        assertEquals(new ComparisonRows.Row("background per hour", "n/a", "4.00 kB/h", "n/a"), find(rows, "background per hour"));
        assertEquals(new ComparisonRows.Row("background push every (median)", "4 min 30 s", "n/a", "n/a"),
                find(rows, "background push every (median)"));
        assertEquals(new ComparisonRows.Row("background api exchanges", "n/a", "12", "n/a"), find(rows, "background api exchanges"));
        // a figure both have: B minus A, signed, in its unit
        assertEquals("\u2212" + org.toktrace.ui.Figures.duration(60_000_000_000L), find(rows, "foreground time").difference());
        assertEquals("no change", find(rows, "duration").difference());
        assertEquals("", rows.get(0).difference(), "a file name is no quantity");
    }

    private static ComparisonRows.Row find(List<ComparisonRows.Row> rows, String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    private static LibraryEntry entry(long id, String source, long fgNanos, long bgNanos) {
        return new LibraryEntry(id, null, new org.toktrace.model.CaptureInfo(source, 1000, org.toktrace.model.CaptureFormat.PCAP,
                List.of(1), 0, 60_000_000_000L),
                10, 8_000_000, true, "test", java.time.Instant.parse("2026-11-22T10:00:00Z"), 3, 1, 6_004_000,
                fgNanos == 0 ? 0 : 6_000_000, bgNanos == 0 ? 0 : 4_000, fgNanos, bgNanos, 0, 0);
    }
}
