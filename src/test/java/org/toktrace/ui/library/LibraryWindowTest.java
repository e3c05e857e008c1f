package org.toktrace.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
import org.toktrace.model.AnalysisResult;
import org.toktrace.store.LibraryEntry;
import org.toktrace.store.LocalDatabase;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.Frames;
import org.toktrace.ui.AnalysisRunner;
import org.toktrace.ui.AnalysisSession;
import org.toktrace.ui.Figures;
import org.toktrace.ui.FileDialogs;
import org.toktrace.ui.MainWindow;
import org.toktrace.ui.RecentFiles;
import org.toktrace.ui.TestDialogs;

/**
 * The capture library in the running app (TestFX, headless Monocle) on a database of its own, named
 * through the {@code toktrace.db} setting: every analysis is saved and listed with the analyzer's
 * figures, reopens from the database with the same flows, is deleted after a confirmation, re-analysed
 * from its stored path, compared with another; a database that cannot be used costs one status line,
 * never the result on screen.
 */
@ExtendWith(ApplicationExtension.class)
class LibraryWindowTest {
    static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");
    static AnalysisResult expected;

    @TempDir
    Path dir;

    private Path database;
    private MainWindow window;
    private LibraryWindow library;
    private LibraryAccess access;

    @BeforeAll
    static void analyseWithTheEngine() throws Exception {
        expected = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(SAMPLE);
    }

    @Start
    void start(Stage stage) {
        database = dir.resolve("data").resolve("toktrace");
        System.setProperty(LibraryAccess.DB_PROPERTY, database.toString());
        access = LibraryAccess.fromSettings();
        FileDialogs none = TestDialogs.none();
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), none,
                new RecentFiles(RecentFiles.Store.inMemory()));
        library = LibraryWindow.install(window, access);
        stage.show();
    }

    @AfterEach
    void forgetTheSetting() {
        System.clearProperty(LibraryAccess.DB_PROPERTY);
    }

    private String status(FxRobot robot) {
        return robot.lookup("#statusLabel").queryAs(Label.class).getText();
    }

    /** Analyses {@code capture} in the main window and waits until the library said how its save went. */
    private void analyse(FxRobot robot, Path capture) throws Exception {
        robot.interact(() -> window.open(capture));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED
                && window.session().captureProperty().get().equals(capture.toAbsolutePath().normalize())
                && status(robot).contains(" to the library"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableView<LibraryEntry> showLibrary(FxRobot robot, int captures) throws Exception {
        robot.clickOn("#libraryButton");
        TableView<LibraryEntry> table = robot.lookup("#libraryTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == captures);
        WaitForAsyncUtils.waitForFxEvents();
        return table;
    }

    private void select(FxRobot robot, TableView<LibraryEntry> table, String fileName) {
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            for (LibraryEntry e : table.getItems()) {
                if (ComparisonRows.fileName(e).equals(fileName)) {
                    table.getSelectionModel().select(e);
                }
            }
        });
    }

    private static long tiktokFlows(AnalysisResult r) {
        return r.flows().stream().filter(f -> f.attribution().isTikTok()).count();
    }

    /** A small capture with no TikTok: 200 UDP datagrams from one phone to 20 servers. */
    private Path otherCapture() throws Exception {
        CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(1);
        for (int i = 0; i < 200; i++) {
            pcap.frame(1_700_000_000_000_000_000L + i * 50_000_000L, Frames.ethernet().build(
                    Frames.ipv4("10.0.0.2", "192.0.2." + (1 + i % 20)).payload(Frames.udp(40000 + i % 20, 443).payload(100)).build()));
        }
        return pcap.writeTo(dir.resolve("other.pcap"));
    }

    private Set<String> cellTexts(FxRobot robot, String tableId) {
        return robot.lookup(tableId + " .table-cell").queryAllAs(TableCell.class).stream()
                .map(TableCell::getText).filter(t -> t != null).collect(Collectors.toSet());
    }

    @Test
    void analysingTheSampleSavesItAndTheLibraryListsTheAnalyzersFigures(FxRobot robot) throws Exception {
        analyse(robot, SAMPLE);
        assertTrue(status(robot).startsWith("Analysed hotspot-sample.pcap"), status(robot));
        assertTrue(status(robot).endsWith(LibraryKeeper.SAVED), status(robot));
        assertTrue(Files.exists(Path.of(database + LocalDatabase.H2_SUFFIX)), "the setting's database was used");

        TableView<LibraryEntry> table = showLibrary(robot, 1);
        LibraryEntry e = table.getItems().get(0);
        assertEquals(SAMPLE.toAbsolutePath().normalize().toString(), e.source(), "the path re-analysis needs");
        assertEquals(expected.totalStates().foregroundBytes(), e.foregroundBytes());
        assertEquals(expected.totalStates().backgroundBytes(), e.backgroundBytes());
        assertTrue(e.foregroundBytes() > 0 && e.backgroundBytes() > 0, "the sample has both states");
        assertEquals(expected.flows().size(), e.flows());
        assertEquals(expected.devices().size(), e.devices());
        assertEquals(expected.capture().lastNanos() - expected.capture().firstNanos(), e.durationNanos());
        assertEquals(expected.catalogVersion(), e.catalogVersion());
        Set<String> shown = cellTexts(robot, "#libraryTable");
        for (String s : List.of("hotspot-sample.pcap", Figures.bytes(expected.totalStates().foregroundBytes()),
                Figures.bytes(expected.totalStates().backgroundBytes()), Figures.count(expected.flows().size()),
                Figures.duration(e.durationNanos()), expected.catalogVersion())) {
            assertTrue(shown.contains(s), s + " in " + shown);
        }

        // sortable: by flows, ascending, after a second capture with fewer flows
        Path other = otherCapture();
        analyse(robot, other);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 2); // refreshed after the save
        @SuppressWarnings("unchecked")
        TableColumn<LibraryEntry, ?> flows = (TableColumn<LibraryEntry, ?>) table.getColumns().stream()
                .filter(c -> "flowsColumn".equals(c.getId())).findFirst().orElseThrow();
        robot.interact(() -> {
            flows.setSortType(TableColumn.SortType.ASCENDING);
            table.getSortOrder().setAll(flows);
        });
        assertTrue(table.getItems().get(0).flows() < table.getItems().get(1).flows());
        assertEquals("hotspot-sample.pcap", ComparisonRows.fileName(table.getItems().get(1)));
    }

    @Test
    void openFromTheLibraryShowsTheStoredAnalysisWithoutReadingTheCapture(FxRobot robot) throws Exception {
        analyse(robot, SAMPLE);
        analyse(robot, otherCapture());
        assertEquals(0, tiktokFlows(window.session().resultProperty().get()), "the main window shows the other capture");
        TableView<LibraryEntry> table = showLibrary(robot, 2);
        select(robot, table, "hotspot-sample.pcap");
        robot.clickOn("#libraryOpen");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status(robot).startsWith("Opened hotspot-sample.pcap from the library"));
        AnalysisResult shown = window.session().resultProperty().get();
        assertEquals(expected.flows(), shown.flows());
        assertEquals(AnalysisSession.Phase.FINISHED, window.session().phaseProperty().get());

        robot.interact(() -> window.stage().toFront());
        robot.clickOn("#flowsTab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#flowCount").queryAs(Label.class).getText()
                .startsWith(tiktokFlows(expected) + " of " + expected.flows().size() + " flows \u00b7 "));
        assertTrue(tiktokFlows(expected) > 0);
        assertEquals(2, access.run(l -> l.list().size()).get(30, TimeUnit.SECONDS), "opening saves nothing new");
    }

    @Test
    void deleteAsksFirstThenRemovesTheStoredAnalysis(FxRobot robot) throws Exception {
        analyse(robot, SAMPLE);
        TableView<LibraryEntry> table = showLibrary(robot, 1);
        select(robot, table, "hotspot-sample.pcap");
        robot.clickOn("#libraryDelete");
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane dialog = robot.lookup("#libraryDeleteDialog").queryAs(DialogPane.class);
        robot.clickOn(dialog.lookupButton(ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, access.run(l -> l.list().size()).get(30, TimeUnit.SECONDS), "Cancel deletes nothing");

        robot.clickOn("#libraryDelete");
        WaitForAsyncUtils.waitForFxEvents();
        dialog = robot.lookup("#libraryDeleteDialog").queryAs(DialogPane.class);
        Node ok = dialog.lookupButton(ButtonType.OK);
        robot.clickOn(ok);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().isEmpty());
        assertEquals(0, access.run(l -> l.list().size()).get(30, TimeUnit.SECONDS));
        assertTrue(robot.lookup("#libraryStatus").queryAs(Label.class).getText().startsWith("Deleted 1 capture"));
        assertNotNull(window.session().resultProperty().get(), "the main window keeps what it shows");
    }

    @Test
    void reanalyseReplacesTheEntryAndSaysSoWhenTheFileIsGone(FxRobot robot) throws Exception {
        Path copy = Files.copy(SAMPLE, dir.resolve("copy.pcap"));
        analyse(robot, copy);
        TableView<LibraryEntry> table = showLibrary(robot, 1);
        LibraryEntry before = table.getItems().get(0);
        select(robot, table, "copy.pcap");
        robot.clickOn("#libraryReanalyse");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 1
                && table.getItems().get(0).analysedAt().isAfter(before.analysedAt()));
        LibraryEntry after = table.getItems().get(0);
        assertEquals(before.id(), after.id(), "same SHA-256: replaced in place");
        assertEquals(before.flows(), after.flows());

        Files.delete(copy);
        robot.interact(() -> library.stage().toFront()); // re-analysis brought the main window forward
        select(robot, table, "copy.pcap");
        robot.clickOn("#libraryReanalyse");
        WaitForAsyncUtils.waitForFxEvents();
        Label line = robot.lookup("#libraryStatus").queryAs(Label.class);
        assertTrue(line.getText().contains(copy.toAbsolutePath() + " is gone"), line.getText());
        assertFalse(line.getText().contains("\n"));
        assertEquals(1, access.run(l -> l.list().size()).get(30, TimeUnit.SECONDS), "the stored analysis stays");
    }

    @Test
    void compareShowsTwoCapturesSideBySide(FxRobot robot) throws Exception {
        analyse(robot, SAMPLE);
        Path other = otherCapture();
        analyse(robot, other);
        AnalysisResult otherResult = window.session().resultProperty().get();
        TableView<LibraryEntry> table = showLibrary(robot, 2);
        robot.interact(() -> table.getSelectionModel().selectAll());
        robot.clickOn("#libraryCompare");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !library.shownComparison().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        // the older (the sample, analysed first) on the left
        assertTrue(robot.lookup("#compareA0").queryAs(Label.class).getText().endsWith(" hotspot-sample.pcap"));
        assertTrue(robot.lookup("#compareB0").queryAs(Label.class).getText().endsWith(" other.pcap"));
        ComparisonRows.Row fg = row("foreground bytes");
        assertEquals(Figures.bytes(expected.totalStates().foregroundBytes()), fg.a());
        assertEquals(Figures.bytes(otherResult.totalStates().foregroundBytes()), fg.b());
        assertEquals(Figures.count(expected.flows().size()), row("flows").a());
        assertEquals(Figures.count(otherResult.flows().size()), row("flows").b());
        assertEquals(ComparisonRows.NOT_APPLICABLE, row("foreground per minute").b(), "no foreground time: n/a, not 0");
        assertFalse(row("foreground per minute").a().equals(ComparisonRows.NOT_APPLICABLE));
        assertEquals(Figures.count(org.toktrace.analysis.TikTokReport.of(expected).total().backgroundDownloads()),
                row("video downloads in background").a());
        Set<String> labels = robot.lookup("#comparisonGrid .label").queryAllAs(Label.class).stream()
                .map(Label::getText).collect(Collectors.toSet());
        assertTrue(labels.contains(fg.a()) && labels.contains(fg.b()), labels.toString());

        // B minus A, signed, in the figure's unit
        long flowsDiff = otherResult.flows().size() - expected.flows().size();
        assertEquals((flowsDiff > 0 ? "+" : "\u2212") + Figures.count(Math.abs(flowsDiff)), row("flows").difference());
        long fgDiff = otherResult.totalStates().foregroundBytes() - expected.totalStates().foregroundBytes();
        assertEquals((fgDiff > 0 ? "+" : "\u2212") + Figures.bytes(Math.abs(fgDiff)), fg.difference());
        assertEquals(ComparisonRows.NOT_APPLICABLE, row("foreground per minute").difference(), "n/a on one side: no difference");
        assertEquals(fg.difference(), robot.lookup("#compareDiff" + library.shownComparison().indexOf(fg)).queryAs(Label.class).getText());

        // another selection: the old comparison goes
        select(robot, table, "other.pcap");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(library.shownComparison().isEmpty(), "the comparison is of a selection no longer made");
        assertTrue(robot.lookup("#comparisonGrid .label").queryAll().isEmpty());
    }

    @Test
    void escapeClosesTheLibrary(FxRobot robot) throws Exception {
        analyse(robot, SAMPLE);
        TableView<LibraryEntry> table = showLibrary(robot, 1);
        assertTrue(library.stage().isShowing());
        robot.interact(table::requestFocus);
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(library.stage().isShowing(), "Escape closes the library window");
    }

    @Test
    void aDamagedCaptureIsMarkedInTheList(FxRobot robot) throws Exception {
        byte[] whole = java.nio.file.Files.readAllBytes(SAMPLE);
        Path cut = java.nio.file.Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(whole, whole.length / 2 + 7));
        analyse(robot, cut);
        assertFalse(window.session().resultProperty().get().warnings().isEmpty(), "a cut file is analysed with a warning");
        TableView<LibraryEntry> table = showLibrary(robot, 1);
        LibraryEntry e = table.getItems().get(0);
        assertTrue(ComparisonRows.damaged(e), e.toString());
        assertTrue(cellTexts(robot, "#libraryTable").contains("\u26a0 cut.pcap"), cellTexts(robot, "#libraryTable").toString());
    }

    private ComparisonRows.Row row(String label) {
        return library.shownComparison().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void aDatabaseInUseByAnotherProcessCostsOneStatusLineNotTheResult(FxRobot robot) throws Exception {
        LocalDatabase.open(database).close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.toktrace.store.HoldDatabase",
                database.toString()).redirectErrorStream(true).start();
        try {
            byte[] line = new byte[32];
            int got = holder.getInputStream().read(line);
            assertTrue(got > 0 && new String(line, 0, got, StandardCharsets.UTF_8).startsWith("open "), "the other process holds it");
            analyse(robot, SAMPLE); // the save waits 5 s for its turn, then gives up
            String s = status(robot);
            assertTrue(s.startsWith("Analysed hotspot-sample.pcap"), s);
            assertTrue(s.contains(LibraryKeeper.NOT_SAVED + "the TokTrace database " + database.toAbsolutePath()
                    + ".mv.db is in use by another TokTrace"), s);
            assertFalse(s.contains("\n") || s.contains("Exception"), s);
            assertEquals(expected.flows(), window.session().resultProperty().get().flows(), "the result stays on screen");
            assertFalse(robot.lookup("#emptyView").query().isVisible());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void aFileThatIsNoDatabaseCostsOneStatusLineNotTheResult(FxRobot robot) throws Exception {
        Files.createDirectories(database.getParent());
        Files.writeString(Path.of(database + LocalDatabase.H2_SUFFIX), "this is not an H2 database\n".repeat(200));
        analyse(robot, SAMPLE);
        String s = status(robot);
        assertTrue(s.startsWith("Analysed hotspot-sample.pcap"), s);
        assertTrue(s.contains(LibraryKeeper.NOT_SAVED) && s.contains(database + ".mv.db"), s);
        assertFalse(s.contains("\n") || s.contains("java.") || s.contains("org.h2"), s); // one line, no trace
        assertEquals(expected.flows(), window.session().resultProperty().get().flows());
    }
}
