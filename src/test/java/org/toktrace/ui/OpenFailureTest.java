package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceStates;

/**
 * A file that cannot be opened costs nothing: the analysis on screen stays, with the device picked,
 * the error comes as a warning the user dismisses, and the file stays out of Recent. Recent shows
 * file names as they are, underscores included.
 */
@ExtendWith(ApplicationExtension.class)
class OpenFailureTest {
    @TempDir
    Path dir;

    private final List<Path> answers = new ArrayList<>();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        FileDialogs dialogs = new FileDialogs() {
            @Override
            public Optional<Path> chooseCapture(Window owner) {
                return answers.isEmpty() ? Optional.empty() : Optional.of(answers.remove(0));
            }

            @Override
            public Optional<Path> chooseSave(Window owner, String title, String suggestedName, String extension) {
                return Optional.empty();
            }
        };
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), dialogs,
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    private void open(FxRobot robot, Path capture) {
        answers.add(capture);
        robot.clickOn("#openButton");
    }

    private Path sampleNamedWithAnUnderscore() throws Exception {
        Path copy = dir.resolve("hotspot_session.pcap");
        Files.copy(MainWindowTest.SAMPLE, copy);
        return copy;
    }

    private Path notACapture() throws Exception {
        Path bad = dir.resolve("notes.pcap");
        Files.writeString(bad, "these are notes, not packets\n".repeat(10));
        return bad;
    }

    private List<String> recentTexts(FxRobot robot) {
        return robot.lookup("#recentButton").queryAs(MenuButton.class).getItems().stream().map(MenuItem::getText).toList();
    }

    @Test
    void aBadFileKeepsTheAnalysisOnScreenAndStaysOutOfRecent(FxRobot robot) throws Exception {
        Path good = sampleNamedWithAnUnderscore();
        open(robot, good);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        AnalysisResult shown = window.session().resultProperty().get();
        DeviceStates phone = shown.states().stream()
                .max(java.util.Comparator.comparingLong(DeviceStates::foregroundBytes)).orElseThrow();
        @SuppressWarnings("unchecked")
        ComboBox<String> picker = (ComboBox<String>) robot.lookup("#devicePicker").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> picker.getItems().contains(phone.device().label()));
        robot.interact(() -> picker.setValue(phone.device().label()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#backgroundCardValue").queryAs(Label.class)
                .getText().equals(Figures.bytes(phone.backgroundBytes())));
        assertEquals(List.of("hotspot_session.pcap"), recentTexts(robot));

        open(robot, notACapture());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertEquals("Could not open notes.pcap", dialog.getHeaderText(), "the header names what failed");
        assertTrue(dialog.getStyleClass().contains("warning"), "a warning, not an error's red cross: "
                + dialog.getStyleClass());
        assertTrue(dialog.getContentText().contains("notes.pcap"), dialog.getContentText());

        assertSame(shown, window.session().resultProperty().get(), "the analysis on screen stays");
        assertEquals(AnalysisSession.Phase.FINISHED, window.session().phaseProperty().get());
        assertEquals("TokTrace \u2014 hotspot_session.pcap", window.stage().getTitle());
        assertFalse(robot.lookup("#emptyView").query().isVisible(), "no error page over the tabs");
        assertEquals(List.of("hotspot_session.pcap"), recentTexts(robot), "the bad file is not offered again");
        assertEquals(phone.device().label(), picker.getValue(), "the device picked stays, and belongs to the result shown");
        assertFalse(picker.isDisabled());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#backgroundCardValue").queryAs(Label.class)
                .getText().equals(Figures.bytes(phone.backgroundBytes())));
        assertTrue(window.session().statusProperty().get().contains("still showing hotspot_session.pcap"),
                window.session().statusProperty().get());
        robot.interact(() -> dialog.getScene().getWindow().hide());
    }

    @Test
    void aBadFirstFileLeavesRecentEmptyAndTheStartPageAsItWas(FxRobot robot) throws Exception {
        open(robot, notACapture());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertEquals(AnalysisSession.Phase.FAILED, window.session().phaseProperty().get());
        assertEquals(List.of(), recentTexts(robot));
        assertTrue(robot.lookup("#recentButton").query().isDisabled());
        String page = robot.lookup("#emptyText").queryAs(Label.class).getText();
        assertFalse(page.contains("notes.pcap"), "the error is in the dismissable message, not a page: " + page);
        assertTrue(robot.lookup("#devicePicker").query().isDisabled(), "no devices without an analysis");
        robot.interact(() -> dialog.getScene().getWindow().hide());
    }

    @Test
    void recentShowsAnUnderscoreInAFileName(FxRobot robot) throws Exception {
        open(robot, sampleNamedWithAnUnderscore());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        MenuButton recent = robot.lookup("#recentButton").queryAs(MenuButton.class);
        assertTrue(recent.getItems().stream().noneMatch(MenuItem::isMnemonicParsing));
        robot.clickOn("#recentButton");
        WaitForAsyncUtils.waitForFxEvents();
        // what the menu draws, not what the item holds: a mnemonic would drop the underscore here
        List<String> drawn = robot.lookup(n -> n instanceof Text t && t.getText() != null && t.getText().startsWith("hotspot"))
                .queryAllAs(Text.class).stream().map(Text::getText).toList();
        assertFalse(drawn.isEmpty(), "the menu shows the file");
        assertTrue(drawn.stream().allMatch("hotspot_session.pcap"::equals), drawn.toString());
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
    }
}
