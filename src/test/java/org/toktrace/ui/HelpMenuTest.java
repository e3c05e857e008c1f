package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.TikTokReport;

/** Help says which TokTrace and which data made an analysis, and what the views' words mean. */
@ExtendWith(ApplicationExtension.class)
class HelpMenuTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), TestDialogs.none(),
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    private void fire(FxRobot robot, String id) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        MenuItem item = bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item " + id));
        robot.interact(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aboutGivesTheVersionsAnAnalysisIsMadeWith(FxRobot robot) throws Exception {
        String catalog = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(MainWindowTest.SAMPLE).catalogVersion();
        fire(robot, "menuAbout");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#aboutDialog").tryQuery().isPresent());
        String text = robot.lookup("#aboutDialog").queryAs(DialogPane.class).getContentText();
        assertTrue(text.contains("Version: "), text);
        assertTrue(text.contains("Service catalog: " + catalog), text);
        assertTrue(text.contains("Network data (operators and countries of server addresses): "
                + TikTokReport.networks().dataDate()), text);
    }

    @Test
    void theGlossaryExplainsEveryTermTheViewsUse(FxRobot robot) throws Exception {
        fire(robot, "menuGlossary");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#glossaryTerms").tryQuery().isPresent());
        Set<String> shown = robot.lookup("#glossaryTerms .label").queryAllAs(Label.class).stream().map(Label::getText)
                .collect(Collectors.toSet());
        for (String term : List.of("Foreground", "Background", "Minimized", "Closed", "Pre-load", "Viewing download",
                "Server name (SNI)", "Flow", "Device", "Third party", "Confidence")) {
            assertTrue(shown.contains(term), term + " in " + shown);
            assertTrue(shown.contains(HelpTexts.GLOSSARY.get(term)), term + " has its meaning");
        }
        assertEquals(HelpTexts.GLOSSARY.size() * 2, shown.size());
    }
}
