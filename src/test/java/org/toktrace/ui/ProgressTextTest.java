package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.analysis.AnalysisProgress;
import org.toktrace.model.AnalysisResult;

/** The progress line and the session's coalescing of progress reports, without a display. */
class ProgressTextTest {

    @Test
    void progressLineHasBytesPacketsFlowsAndAnEstimateOnceThereIsEnoughToGoOn() {
        AnalysisProgress p = new AnalysisProgress(300_000_000L, 1_500_000_000L, 2_345_678, 100, 12_245);
        assertEquals("300 MB of 1.50 GB (20 %) \u00b7 2,345,678 packets \u00b7 12,345 flows \u00b7 about 8 s left",
                ProgressText.of(p, 2_000_000_000L));
        assertEquals(-1, ProgressText.secondsLeft(p, 500_000_000L), "too early to tell");
        AnalysisProgress unknown = new AnalysisProgress(1000, -1, 1, 0, 0);
        assertEquals("1.00 kB \u00b7 1 packets \u00b7 0 flows", ProgressText.of(unknown, 5_000_000_000L));
    }

    @Test
    void sessionShowsOnlyTheNewestOfReportsThatArriveBeforeTheUiLooks() throws Exception {
        List<Runnable> uiQueue = new ArrayList<>();
        AnalysisProgress[] last = new AnalysisProgress[1];
        java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        AnalysisRunner runner = (file, listener, cancelled) -> {
            for (int i = 1; i <= 1000; i++) {
                last[0] = new AnalysisProgress(i * 1000L, 1_000_000L, i, 0, i);
                listener.progress(last[0]);
            }
            reported.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.io.IOException("disk gone");
        };
        AnalysisSession session = new AnalysisSession(runner, r -> {
            synchronized (uiQueue) {
                uiQueue.add(r);
            }
        });
        session.open(Path.of("x.pcap"));
        reported.await();
        synchronized (uiQueue) {
            assertEquals(1, uiQueue.size(), "a thousand reports, one UI update scheduled");
            uiQueue.remove(0).run();
        }
        assertEquals(1.0, session.progressProperty().get());
        assertTrue(session.progressTextProperty().get().contains("1,000 packets"), session.progressTextProperty().get());

        List<String> errors = new ArrayList<>();
        session.onErrorProperty().set(f -> errors.add(f.message()));
        finish.countDown();
        AnalysisResult none = null;
        for (int i = 0; i < 500 && errors.isEmpty(); i++) {
            Runnable r = null;
            synchronized (uiQueue) {
                if (!uiQueue.isEmpty()) {
                    r = uiQueue.remove(0);
                }
            }
            if (r != null) {
                r.run();
            } else {
                Thread.sleep(10);
            }
        }
        assertEquals(List.of("reading x.pcap failed: disk gone"), errors);
        assertEquals(AnalysisSession.Phase.FAILED, session.phaseProperty().get());
        assertEquals(none, session.resultProperty().get());
    }
}
