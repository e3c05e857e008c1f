package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.toktrace.analysis.TikTokReport;

/** The claims card says, on hover, the line that decides "kilobytes" and the least background time it judges. */
@ExtendWith(ApplicationExtension.class)
class ClaimsCardTest {

    @Start
    void start(Stage stage) {
        new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), TestDialogs.none(),
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @Test
    void theVerdictsLineIsInATooltip(FxRobot robot) {
        Label value = robot.lookup("#claimsCardValue").queryAs(Label.class);
        assertNotNull(value.getTooltip(), "the claims card explains its verdict");
        String tip = value.getTooltip().getText();
        // the classifier's own figures, not a copy of them
        assertTrue(tip.contains("less than " + Figures.bytes(TikTokReport.kilobytesLimit())), tip);
        assertTrue(tip.contains("less than " + Figures.duration(TikTokReport.minBackgroundNanos()) + " of background time"), tip);
        assertTrue(tip.contains("cannot tell"), tip);
    }
}
