package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;

/** While a big capture is read, the session shows the partial results the analysis hands out; the final one replaces them. */
class PartialResultSessionTest {

    @Test
    void aPartialResultIsShownWhileRunningThenReplaced() throws Exception {
        Path sample = Path.of("captures/hotspot-sample.pcap");
        AnalysisResult finalResult = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(sample);
        AnalysisResult partial = new AnalysisResult(finalResult.capture(), finalResult.flows().subList(0, 10),
                finalResult.counters(), finalResult.warnings(), false, java.util.List.of(), finalResult.catalogVersion(),
                finalResult.breakdown(), finalResult.states());
        CountDownLatch partialHandedOut = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AnalysisRunner runner = (file, listener, cancelled) -> {
            assertTrue(listener.partialResultIntervalNanos() > 0, "the app asks for partial results");
            listener.partialResult(partial);
            partialHandedOut.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return finalResult;
        };
        CountDownLatch finished = new CountDownLatch(1);
        AnalysisSession session = new AnalysisSession(runner, Runnable::run);
        session.resultProperty().addListener((o, a, r) -> {
            if (r == finalResult) { // set after the phase: wait for the result itself
                finished.countDown();
            }
        });
        session.open(sample);
        assertTrue(partialHandedOut.await(30, TimeUnit.SECONDS));
        assertSame(partial, session.resultProperty().get(), "the partial result is shown while reading");
        assertEquals(AnalysisSession.Phase.RUNNING, session.phaseProperty().get());
        assertTrue(session.statusProperty().get().contains("read so far"), session.statusProperty().get());
        release.countDown();
        assertTrue(finished.await(30, TimeUnit.SECONDS));
        assertSame(finalResult, session.resultProperty().get(), "the final result replaces the partial one");
        assertEquals(AnalysisSession.Phase.FINISHED, session.phaseProperty().get());
    }
}
