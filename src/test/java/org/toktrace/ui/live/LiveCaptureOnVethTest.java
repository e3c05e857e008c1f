package org.toktrace.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.export.TimelineCsvWriter;
import org.toktrace.live.ReplayedHotspot;
import org.toktrace.live.TestHost;
import org.toktrace.live.TestNetwork;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureInterface;
import org.toktrace.store.CaptureDigest;
import org.toktrace.store.UserMark;
import org.toktrace.testkit.traffic.Scenario;
import org.toktrace.ui.AnalysisRunner;
import org.toktrace.ui.AnalysisSession;
import org.toktrace.ui.FileDialogs;
import org.toktrace.ui.MainWindow;
import org.toktrace.ui.RecentFiles;
import org.toktrace.ui.TestDialogs;
import org.toktrace.ui.library.LibraryAccess;
import org.toktrace.ui.library.LibraryWindow;

/**
 * The live view on a real interface: the app's window, wired to libpcap as the app is, captures on
 * a veth pair whose capture end is in this JVM's namespace (guarded: nothing replayed reaches the
 * network stack, decision 0018) while a generated hotspot scenario is replayed into the other end in
 * real time. Through the window: the dialog offers the test interface, Start starts, the status
 * line's packet count grows, the flows table fills and TikTok's figures and the phone's state show
 * while frames still come; a mark is recorded; Stop, while the phone still sends, shows and saves
 * (temporary library) exactly what {@code analyze} gives for the pcapng written. Needs root; fails
 * (never skips) without it. It runs in the {@code live} profile ({@code mvn verify -Plive}).
 */
@Tag("live")
@ExtendWith(ApplicationExtension.class)
class LiveCaptureOnVethTest {
    /** One phone for 25 s: the app in the background for 4-5 s, then scrolling (foreground from about 4 s on). */
    static final Scenario SCENARIO = new Scenario(21, 1, 0, 25 * ReplayedHotspot.SECOND, 0, false, 12, 15, 4, 5,
            500_000, 2_000_000, 0.3);
    static final Pattern PACKETS = Pattern.compile("\u00b7 ([\\d,]+) packets");

    @TempDir
    static Path dir;

    private MainWindow window;
    private LiveView view;
    private LibraryAccess library;

    @Start
    void start(Stage stage) {
        FileDialogs none = TestDialogs.none();
        // as TokTraceApp.assemble wires it, with a library of the test's own
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), none,
                new RecentFiles(RecentFiles.Store.inMemory()));
        library = new LibraryAccess(dir.resolve("library-" + System.nanoTime()), Duration.ofSeconds(5));
        LibraryWindow libraryWindow = LibraryWindow.install(window, library);
        view = LiveView.install(window, LiveCaptureStarter.system(), library, libraryWindow::refreshIfShown);
        stage.show();
    }

    @Test
    void aCaptureOnAVethPairUpdatesTheWindowWhileFramesComeAndStopShowsAndSavesWhatAnalyzeGivesForItsPcapng(FxRobot robot)
            throws Exception {
        TestHost.requireRootAndTools("ip", "nft", "tcpreplay", "tcprewrite");
        ReplayedHotspot scenario = ReplayedHotspot.prepare(SCENARIO, dir);
        assertTrue(scenario.truth().totalStates().foregroundBytes() > 1_000_000, "the scenario scrolls");
        Path pcapng = dir.resolve("live.pcapng");
        AnalysisSession session = window.session();
        try (TestNetwork net = TestNetwork.withCaptureEndHere()) {
            chooseInTheDialogAndStart(robot, net.captureEnd(), pcapng);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, session::isLive);
            assertTrue(view.capturingProperty().get());

            Process replay = scenario.startReplay(net, dir.resolve("tcpreplay.txt"));
            long id;
            long beforeStop;
            try {
                // the status line counts packets as they come
                List<Long> counts = new ArrayList<>();
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                    long n = packets(status(robot));
                    if (n > 0 && (counts.isEmpty() || n > counts.get(counts.size() - 1))) {
                        counts.add(n);
                    }
                    return counts.size() >= 3;
                });
                assertTrue(replay.isAlive(), "the count grew while frames still came: " + counts);

                // the flows table fills
                robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
                @SuppressWarnings("unchecked")
                TableView<Object> flows = onFx(() -> robot.lookup("#flowsTable").queryAs(TableView.class));
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> !flows.getItems().isEmpty()));

                // TikTok's figures and the phone's state, under the name it gave in DHCP, appear
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status(robot).contains(ReplayedHotspot.PHONE_NAME + " \u00b7 ")
                        && status(robot).contains(" (foreground)"));
                AnalysisResult snapshot = session.resultProperty().get();
                assertFalse(snapshot.complete(), "a snapshot, not the final result");
                assertTrue(snapshot.totalStates().foregroundBytes() > 0, snapshot.states().toString());
                assertTrue(snapshot.flows().stream().anyMatch(f -> f.attribution().isTikTok()), "TikTok flows named");
                assertFalse(status(robot).contains("TikTok foreground 0 B"), status(robot));
                assertEquals(AnalysisSession.Phase.RUNNING, session.phaseProperty().get());

                robot.clickOn("#markScrolling");
                assertEquals("1 mark", onFx(() -> robot.lookup("#markCount").queryAs(Label.class).getText()));

                // Stop while the phone still sends: the capture ends all the same, with what came before
                assertTrue(replay.isAlive(), "all of it while frames still came");
                beforeStop = packets(status(robot));
                robot.clickOn("#stopCaptureButton");
                id = view.lastSave().get(120, TimeUnit.SECONDS);
                WaitForAsyncUtils.waitForFxEvents();
            } finally {
                ReplayedHotspot.stop(replay);
            }
            long arrived = net.framesDroppedOnArrival();

            AnalysisResult shown = session.resultProperty().get();
            assertTrue(shown.complete(), "Stop shows the final result");
            assertEquals(AnalysisSession.Phase.FINISHED, session.phaseProperty().get());
            assertFalse(view.capturingProperty().get());
            assertFalse(robot.lookup("#liveBar").query().isVisible());

            // the final result is what analyze gives for the pcapng the capture wrote
            AnalysisResult file = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(pcapng);
            assertEquals(file.counters().frames(), shown.counters().frames());
            assertTrue(shown.counters().frames() >= beforeStop, "nothing captured before Stop is lost: " + beforeStop);
            assertTrue(file.counters().frames() <= arrived,
                    "every frame captured was also dropped on arrival, before the network stack: " + arrived);
            assertEquals(tiktokFlows(file), tiktokFlows(shown));
            assertTrue(tiktokFlows(shown) > 0, "TikTok flows: " + tiktokFlows(shown));
            assertEquals(file.totalStates().foregroundBytes(), shown.totalStates().foregroundBytes());
            assertEquals(flowsCsv(file), flowsCsv(shown), "the same flows, byte for byte");
            assertEquals(timelineCsv(file), timelineCsv(shown), "the same timeline, byte for byte");

            // ... and it is in the library under the pcapng's SHA-256, with the mark
            var entry = library.run(lib -> lib.list()).get(30, TimeUnit.SECONDS).stream()
                    .filter(e -> e.id() == id).findFirst().orElseThrow();
            assertEquals(CaptureDigest.sha256(pcapng), entry.sha256());
            AnalysisResult stored = library.run(lib -> lib.load(id)).get(30, TimeUnit.SECONDS).orElseThrow();
            assertEquals(flowsCsv(shown), flowsCsv(stored), "the stored flows are the ones shown");
            List<UserMark> marks = library.run(lib -> lib.marks(id)).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("now scrolling"), marks.stream().map(UserMark::label).toList());
        }
    }

    /** Opens the dialog, picks {@code end} in the interface list by clicking it, sets the file, clicks Start. */
    private static void chooseInTheDialogAndStart(FxRobot robot, String end, Path pcapng) throws Exception {
        robot.clickOn("#liveCaptureButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#liveCaptureDialog").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ComboBox<CaptureInterface> picker = robot.lookup("#interfacePicker").queryAs(ComboBox.class);
        List<String> names = picker.getItems().stream().map(CaptureInterface::name).toList();
        assertTrue(names.contains(end), "the test interface is offered: " + names);
        robot.clickOn(picker);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".list-cell")
                .match((ListCell<?> c) -> isCellOf(c, end)).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".list-cell").match((ListCell<?> c) -> isCellOf(c, end)).<ListCell<?>>query());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(end, picker.getValue().name(), "picked by a click");
        robot.interact(() -> robot.lookup("#pcapngField").queryAs(TextField.class).setText(pcapng.toString()));
        DialogPane pane = robot.lookup("#liveCaptureDialog").queryAs(DialogPane.class);
        robot.clickOn(pane.lookupButton(CaptureDialog.START));
    }

    private static boolean isCellOf(ListCell<?> c, String end) {
        String t = c.getText();
        // a row of the open list (in its popup), not the combo box's own button cell
        return c.isVisible() && c.getScene() != null && c.getScene().getWindow() instanceof javafx.stage.PopupWindow
                && t != null && (t.equals(end) || t.startsWith(end + " "));
    }

    /**
     * The live status line, read on the FX thread: the window changes its scene graph with every
     * snapshot, and a lookup from the test's thread meanwhile can walk a list being changed.
     */
    private static String status(FxRobot robot) {
        return onFx(() -> robot.lookup("#liveStatus").queryAs(Label.class).getText());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading the window on the FX thread: " + e, e);
        }
    }

    /** The packet count of a status line, or -1 before the first count. */
    private static long packets(String status) {
        Matcher m = PACKETS.matcher(status);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    private static long tiktokFlows(AnalysisResult r) {
        return r.flows().stream().filter(f -> f.attribution().isTikTok()).count();
    }

    private static String flowsCsv(AnalysisResult r) throws Exception {
        StringWriter w = new StringWriter();
        new FlowsCsvWriter(TikTokReport.networks(), r.announcedDevices()).write(r.flows(), w);
        return w.toString();
    }

    private static String timelineCsv(AnalysisResult r) throws Exception {
        Path f = Files.createTempFile(dir, "timeline", ".csv");
        new TimelineCsvWriter().write(r, f);
        return Files.readString(f);
    }
}
