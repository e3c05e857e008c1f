package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.cli.ToktraceCli;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.FlowRecord;

/**
 * The main window under TestFX (headless Monocle): it opens the bundled sample through the toolbar,
 * shows the progress to the end, lists the TikTok flows the analyzer finds, filters them, draws the
 * charts, exports the same CSV as the CLI, and shows a one-line error for a file that is no capture.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");
    static AnalysisResult expected;

    @TempDir
    Path dir;

    /** What the file chooser answers, in order: the test's stand-in for the user. */
    private final List<Path> answers = new ArrayList<>();
    private MainWindow window;

    @BeforeAll
    static void analyseWithTheEngine() throws Exception {
        expected = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(SAMPLE);
    }

    @Start
    void start(Stage stage) {
        FileDialogs dialogs = new FileDialogs() {
            @Override
            public Optional<Path> chooseCapture(Window owner) {
                return answers.isEmpty() ? Optional.empty() : Optional.of(answers.remove(0));
            }

            @Override
            public Optional<Path> chooseSave(Window owner, String title, String suggestedName, String extension) {
                return answers.isEmpty() ? Optional.empty() : Optional.of(answers.remove(0));
            }
        };
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), dialogs,
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    private void openThroughToolbar(FxRobot robot, Path capture) {
        answers.add(capture);
        robot.clickOn("#openButton");
    }

    private void awaitPhase(AnalysisSession.Phase phase) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.session().phaseProperty().get() == phase);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the charts of the result are built (off the UI thread) and shown. */
    private void awaitCharts(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#overviewBarsChart").queryAs(ChartViewer.class).getChart() != null);
        robot.clickOn("#timelineTab"); // charts of hidden tabs are drawn when their tab is shown
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#timelineChartViewer").queryAs(ChartViewer.class).getChart() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shows the Flows tab, which fills its table when first shown for a result. */
    private TableView<?> showFlows(FxRobot robot) throws Exception {
        robot.clickOn("#flowsTab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#flowCount").queryAs(Label.class).getText().contains(
                        " of " + window.session().resultProperty().get().flows().size() + " flows"));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#flowsTable").queryTableView();
    }

    private static long tiktokFlows() {
        return expected.flows().stream().filter(f -> f.attribution().isTikTok()).count();
    }

    @Test
    void opensTheSampleAndListsTheTikTokFlowsTheAnalyzerFinds(FxRobot robot) throws Exception {
        openThroughToolbar(robot, SAMPLE);
        awaitPhase(AnalysisSession.Phase.FINISHED);

        assertEquals(1.0, window.session().progressProperty().get(), "progress completes");
        TableView<?> table = showFlows(robot);
        assertTrue(robot.lookup("#tiktokOnly").queryAs(CheckBox.class).isSelected(), "TikTok only is the default");
        assertTrue(tiktokFlows() > 0);
        assertEquals(tiktokFlows(), table.getItems().size());
        // beside the count, the bytes of the rows the filters keep
        long tiktokBytes = expected.flows().stream().filter(f -> f.attribution().isTikTok())
                .mapToLong(f -> f.bytesUp() + f.bytesDown()).sum();
        assertEquals(tiktokFlows() + " of " + expected.flows().size() + " flows \u00b7 " + Figures.bytes(tiktokBytes),
                robot.lookup("#flowCount").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().startsWith("Analysed hotspot-sample.pcap"));
        assertEquals("TokTrace \u2014 hotspot-sample.pcap", window.stage().getTitle());
    }

    @Test
    void ctrlOOpensACaptureAndTheDevicePickerShowsOnePhone(FxRobot robot) throws Exception {
        answers.add(SAMPLE);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.O)
                .release(javafx.scene.input.KeyCode.O, javafx.scene.input.KeyCode.CONTROL);
        awaitPhase(AnalysisSession.Phase.FINISHED);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#foregroundCardValue").queryAs(Label.class)
                .getText().equals(Figures.bytes(expected.totalStates().foregroundBytes())));

        org.toktrace.model.DeviceStates phone = expected.states().get(0);
        @SuppressWarnings("unchecked")
        ComboBox<String> picker = (ComboBox<String>) robot.lookup("#devicePicker").queryAs(ComboBox.class);
        assertTrue(picker.getItems().contains(phone.device().label()), picker.getItems().toString());
        robot.interact(() -> picker.setValue(phone.device().label()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#backgroundCardValue").queryAs(Label.class)
                .getText().equals(Figures.bytes(phone.backgroundBytes())));
        assertEquals(Figures.bytes(phone.foregroundBytes()),
                robot.lookup("#foregroundCardValue").queryAs(Label.class).getText());
        // the intervals table fills one frame after the cards
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#intervalsTable").queryTableView().getItems().size() == phone.intervals().size());
        assertTrue(robot.lookup("#intervalsTable").<Overview.Interval>queryTableView().getItems().stream()
                .allMatch(i -> i.device().equals(phone.device())));
    }

    @Test
    void tableHasEveryFlowsCsvColumn(FxRobot robot) {
        TableView<?> table = robot.lookup("#flowsTable").queryTableView();
        List<String> ids = table.getColumns().stream().map(TableColumn::getId).sorted().toList();
        assertEquals(FlowsCsvWriter.COLUMNS.stream().sorted().toList(), ids);
    }

    @Test
    void filtersNarrowTheTable(FxRobot robot) throws Exception {
        openThroughToolbar(robot, SAMPLE);
        awaitPhase(AnalysisSession.Phase.FINISHED);
        TableView<?> table = showFlows(robot);

        robot.clickOn("#tiktokOnly");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected.flows().size(), table.getItems().size(), "all flows without the TikTok filter");
        robot.clickOn("#tiktokOnly");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(tiktokFlows(), table.getItems().size());

        long background = expected.flows().stream()
                .filter(f -> f.attribution().state() != null && f.attribution().state().isBackground()).count();
        assertTrue(background > 0 && background < tiktokFlows(), "the sample has flows in both states");
        ComboBox<AppState> state = stateFilter(robot);
        robot.interact(() -> state.setValue(AppState.BACKGROUND));
        assertEquals(background, table.getItems().size());
        robot.interact(() -> state.setValue(null));

        FlowRecord video = expected.flows().stream().filter(f -> f.attribution().isTikTok()
                && f.attribution().category() != null && f.attribution().category().label().equals("video"))
                .findFirst().orElseThrow();
        String name = video.attribution().serverName();
        long named = expected.flows().stream().filter(f -> f.attribution().isTikTok()
                && name.equals(f.attribution().serverName())).count();
        robot.clickOn("#searchField").write(name);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(table.getItems().size() >= named && table.getItems().size() < tiktokFlows(),
                "searching " + name + " leaves " + table.getItems().size());

        // the details pane explains the selected flow's name
        robot.interact(() -> table.getSelectionModel().select(0));
        String details = robot.lookup("#flowDetails").queryTextInputControl().getText();
        assertTrue(details.contains(name), details);
        assertTrue(details.contains("SNI"), details);
        robot.interact(() -> robot.lookup("#searchField").queryAs(TextField.class).setText("no-such-server.invalid"));
        assertEquals(0, table.getItems().size());
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<AppState> stateFilter(FxRobot robot) {
        return (ComboBox<AppState>) robot.lookup("#stateFilter").queryAs(ComboBox.class);
    }

    @Test
    void chartsHaveData(FxRobot robot) throws Exception {
        openThroughToolbar(robot, SAMPLE);
        awaitPhase(AnalysisSession.Phase.FINISHED);
        awaitCharts(robot);

        JFreeChart timeline = robot.lookup("#timelineChartViewer").queryAs(ChartViewer.class).getChart();
        XYPlot plot = timeline.getXYPlot();
        assertEquals(3, plot.getDataset().getSeriesCount());
        assertTrue(plot.getDataset().getItemCount(0) > 0, "foreground bars");
        assertTrue(plot.getDataset().getItemCount(1) > 0, "background bars");
        assertFalse(plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND).isEmpty(), "state intervals shaded");
        robot.clickOn("#chartsTab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#serversChartViewer").queryAs(ChartViewer.class).getChart() != null);
        for (String id : List.of("#overviewBarsChart", "#stateBarsChartViewer", "#categoriesChartViewer",
                "#serversChartViewer")) {
            JFreeChart c = robot.lookup(id).queryAs(ChartViewer.class).getChart();
            assertNotNull(c, id);
            assertTrue(c.getCategoryPlot().getDataset().getColumnCount() > 0, id);
        }
        String fg = robot.lookup("#foregroundCardValue").queryAs(Label.class).getText();
        assertEquals(Figures.bytes(expected.totalStates().foregroundBytes()), fg);
        assertTrue(expected.totalStates().foregroundBytes() > 0 && !fg.equals("0 B"), fg);
    }

    @Test
    void exportWritesTheSameCsvFilesAsTheCli(FxRobot robot) throws Exception {
        Path cliFlows = dir.resolve("cli-flows.csv");
        Path cliTimeline = dir.resolve("cli-timeline.csv");
        int exit = ToktraceCli.run(new String[] {"analyze", SAMPLE.toString(), "--quiet", "--flows-csv", cliFlows.toString(),
                "--timeline-csv", cliTimeline.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, exit);
        openThroughToolbar(robot, SAMPLE);
        awaitPhase(AnalysisSession.Phase.FINISHED);

        Path appFlows = dir.resolve("app-flows.csv");
        answers.add(appFlows);
        robot.clickOn("#exportButton").clickOn("#exportFlowsItem");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.session().statusProperty().get().startsWith("Wrote the flows CSV"));
        assertArrayEquals(Files.readAllBytes(cliFlows), Files.readAllBytes(appFlows));

        Path appTimeline = dir.resolve("app-timeline.csv");
        answers.add(appTimeline);
        robot.clickOn("#exportButton").clickOn("#exportTimelineItem");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.session().statusProperty().get().startsWith("Wrote the timeline CSV"));
        assertArrayEquals(Files.readAllBytes(cliTimeline), Files.readAllBytes(appTimeline));
    }

    @Test
    void exportWritesTheFlowsTheFiltersShowAndSaysSo(FxRobot robot) throws Exception {
        openThroughToolbar(robot, SAMPLE);
        awaitPhase(AnalysisSession.Phase.FINISHED);
        robot.clickOn("#flowsTab");
        @SuppressWarnings("unchecked")
        TableView<FlowRecord> table = robot.lookup("#flowsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        int all = window.session().resultProperty().get().flows().size();
        int shown = table.getItems().size();
        assertTrue(shown < all, "TikTok only, the default, hides the other flows: " + shown + " of " + all);

        Path kept = dir.resolve("kept-flows.csv");
        answers.add(kept);
        robot.clickOn("#exportButton").clickOn("#exportFlowsItem");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.session().statusProperty().get().startsWith("Wrote the flows CSV"));
        assertEquals(String.format("Wrote the flows CSV (%d of %d flows, those the filters show) to %s", shown, all, kept),
                window.session().statusProperty().get());
        List<String> lines = Files.readAllLines(kept);
        assertEquals(shown + 1, lines.size(), "a header and the rows shown");
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",TikTok,")), "only TikTok's flows");

        robot.clickOn("#tiktokOnly");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == all);
        Path every = dir.resolve("every-flow.csv");
        answers.add(every);
        robot.clickOn("#exportButton").clickOn("#exportFlowsItem");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.session().statusProperty().get().equals("Wrote the flows CSV to " + every));
        assertEquals(all + 1, Files.readAllLines(every).size(), "no filter hides a flow: all of them");
    }

    @Test
    void savesTheTimelineAsPng(FxRobot robot) throws Exception {
        openThroughToolbar(robot, SAMPLE);
        awaitPhase(AnalysisSession.Phase.FINISHED);
        awaitCharts(robot);
        robot.clickOn("#timelineTab");
        Path png = dir.resolve("timeline.png");
        answers.add(png);
        robot.clickOn("#timelineChartSavePng");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.session().statusProperty().get().startsWith("Saved the chart"));
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        javafx.scene.image.Image img = new javafx.scene.image.Image(png.toUri().toString());
        assertTrue(img.getWidth() >= 800 && img.getHeight() >= 450, img.getWidth() + "x" + img.getHeight());
    }

    @Test
    void aDamagedCaptureShowsThePartialResultWithAWarning(FxRobot robot) throws Exception {
        byte[] whole = Files.readAllBytes(SAMPLE);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 3 + 7)); // ends inside a record
        AnalysisResult partial = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(cut);
        assertFalse(partial.warnings().isEmpty(), "the engine reports the damage");

        openThroughToolbar(robot, cut);
        awaitPhase(AnalysisSession.Phase.FINISHED);
        Label banner = robot.lookup("#warningBanner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertTrue(banner.getText().contains("Warning: " + partial.warnings().get(0)), banner.getText());
        showFlows(robot);
        robot.clickOn("#tiktokOnly");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(partial.flows().size(), robot.lookup("#flowsTable").queryTableView().getItems().size());
        assertTrue(partial.flows().size() > 0 && partial.flows().size() < expected.flows().size());
        assertTrue(robot.lookup("#errorDialog").tryQuery().isEmpty(), "a damaged capture is no error");
    }

    @Test
    void aFileThatIsNoCaptureShowsTheReasonInADialog(FxRobot robot) throws Exception {
        Path bad = dir.resolve("notes.pcap");
        Files.writeString(bad, "these are notes, not packets\n".repeat(10));
        openThroughToolbar(robot, bad);
        awaitPhase(AnalysisSession.Phase.FAILED);

        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertNotNull(dialog);
        String text = dialog.getContentText();
        assertTrue(text.contains("notes.pcap"), text);
        assertFalse(text.contains("\n"), "one line: " + text);
        assertFalse(text.contains("Exception"), text);
        robot.interact(() -> dialog.getScene().getWindow().hide());
    }
}
