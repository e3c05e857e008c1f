package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;
import org.toktrace.store.CaptureDigest;

/**
 * File > Export report under TestFX: the report of the capture shown, as HTML or PDF by the name
 * chosen, written off the UI thread; the status line says where, a message says what failed.
 */
@ExtendWith(ApplicationExtension.class)
class ExportReportTest {
    static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");

    @TempDir
    Path dir;

    private final List<Path> answers = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
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
                asked.add(suggestedName);
                return answers.isEmpty() ? Optional.empty() : Optional.of(answers.remove(0));
            }
        };
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), dialogs,
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    private void openSample(FxRobot robot) throws Exception {
        answers.add(SAMPLE);
        robot.clickOn("#openButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Fires File's item {@code id} as a click would, after checking it is there and enabled. */
    private static void fileMenuItem(FxRobot robot, String id) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Menu file = bar.getMenus().get(0);
        assertEquals("_File", file.getText());
        MenuItem item = file.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
        assertEquals("Export re_port\u2026", item.getText());
        assertFalse(item.isDisable(), "enabled once a capture is analysed");
        robot.interact(item::fire);
    }

    @Test
    void exportReportWritesHtmlAndPdfAndSaysWhere(FxRobot robot) throws Exception {
        openSample(robot);
        String sha = CaptureDigest.sha256(SAMPLE);

        Path html = dir.resolve("sample-report.html");
        answers.add(html);
        fileMenuItem(robot, "menuExportReport");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().statusProperty().get().startsWith("Wrote the report"));
        assertEquals("Wrote the report to " + html, window.session().statusProperty().get());
        assertEquals("hotspot-sample-report.html", asked.get(asked.size() - 1), "the name proposed");
        String page = Files.readString(html);
        assertTrue(page.contains(sha) && page.contains("<svg"), "the capture's hash and the chart");
        assertTrue(page.contains("toktrace report hotspot-sample.pcap -o sample-report.html"));

        Path pdf = dir.resolve("sample-report.pdf");
        answers.add(pdf);
        robot.clickOn("#exportButton").clickOn("#exportReportItem");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().statusProperty().get().equals("Wrote the report to " + pdf));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertTrue(doc.getNumberOfPages() >= 1);
            assertTrue(new PDFTextStripper().getText(doc).replaceAll("\\s+", "").contains(sha));
        }
        assertTrue(robot.lookup("#errorDialog").tryQuery().isEmpty(), "no error");
    }

    @Test
    void aStoredAnalysisIsReportedWithTheHashTheLibraryKeeps(FxRobot robot) throws Exception {
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(SAMPLE);
        String kept = "f0".repeat(32);
        // the file at the stored path is the sample, whose hash differs: the library's is the one analysed
        robot.interact(() -> window.session().showStored(SAMPLE, r, "stored", kept));
        Path html = dir.resolve("stored.html");
        answers.add(html);
        fileMenuItem(robot, "menuExportReport");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().statusProperty().get().equals("Wrote the report to " + html));
        String page = Files.readString(html);
        assertTrue(page.contains(kept), "the library's SHA-256");
        assertFalse(page.contains(CaptureDigest.sha256(SAMPLE)), "not the hash of the file there now");
    }

    @Test
    void thereIsNoReportBeforeAnAnalysis(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        MenuItem item = bar.getMenus().get(0).getItems().stream().filter(i -> "menuExportReport".equals(i.getId()))
                .findFirst().orElseThrow();
        assertTrue(item.isDisable(), "nothing to report yet");
        assertTrue(robot.lookup("#exportButton").query().isDisable(), "the toolbar's Export too");
    }

    @Test
    void aReportThatCannotBeWrittenIsOneLineInAMessage(FxRobot robot) throws Exception {
        openSample(robot);
        Path nowhere = dir.resolve("no-such-folder").resolve("report.pdf");
        answers.add(nowhere);
        fileMenuItem(robot, "menuExportReport");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertEquals("Could not write the report", dialog.getHeaderText());
        assertTrue(dialog.getContentText().startsWith("cannot write the report to " + nowhere + ": "), dialog.getContentText());
        assertFalse(dialog.getContentText().contains("\n"), "one line");
        assertFalse(Files.exists(nowhere));
        assertTrue(window.session().resultProperty().get() != null, "the analysis stays on screen");
    }
}
