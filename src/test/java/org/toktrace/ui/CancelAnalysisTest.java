package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.model.AnalysisResult;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.Frames;

/**
 * Cancel stops a running analysis: the real analyzer reads a generated capture of 60,000 frames;
 * at its first look at the cancel flag (after 16,384 frames) the test holds it until Cancel has been
 * clicked, so the click always lands mid-file, however fast the machine.
 */
@ExtendWith(ApplicationExtension.class)
class CancelAnalysisTest {
    static final int FRAMES = 60_000;

    @TempDir
    Path dir;

    private final CountDownLatch reachedCheck = new CountDownLatch(1);
    private final CountDownLatch clicked = new CountDownLatch(1);
    private MainWindow window;

    @Start
    void start(Stage stage) {
        AnalysisRunner real = AnalysisRunner.defaults();
        AnalysisRunner held = (file, listener, cancelled) -> real.analyze(file, listener, () -> {
            reachedCheck.countDown();
            try {
                clicked.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return cancelled.getAsBoolean();
        });
        FileDialogs none = TestDialogs.none();
        window = new MainWindow(stage, new AnalysisSession(held, Platform::runLater), none,
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @Test
    void cancelStopsALongAnalysisAndKeepsWhatWasRead(FxRobot robot) throws Exception {
        CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(1);
        for (int i = 0; i < FRAMES; i++) {
            pcap.frame(1_700_000_000_000_000_000L + i * 1_000_000L, Frames.ethernet().build(
                    Frames.ipv4("10.0.0.2", "192.0.2." + (1 + i % 200)).payload(Frames.udp(40000 + i % 1000, 443).payload(40)).build()));
        }
        Path capture = pcap.writeTo(dir.resolve("long.pcap"));

        robot.interact(() -> window.open(capture));
        assertTrue(reachedCheck.await(60, TimeUnit.SECONDS), "the analysis started");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(AnalysisSession.Phase.RUNNING, window.session().phaseProperty().get());
        assertFalse(robot.lookup("#cancelButton").queryButton().isDisabled());
        robot.clickOn("#cancelButton");
        clicked.countDown();

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        AnalysisResult partial = window.session().resultProperty().get();
        assertFalse(partial.complete());
        assertTrue(partial.counters().frames() < FRAMES, "stopped after " + partial.counters().frames() + " frames");
        Label banner = robot.lookup("#warningBanner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertTrue(banner.getText().startsWith("Cancelled"), banner.getText());
        assertTrue(robot.lookup("#cancelButton").queryButton().isDisabled());
    }
}
