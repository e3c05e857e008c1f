package org.toktrace.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.AnalysisProgress;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.LiveCaptureRequest;
import org.toktrace.model.LiveCaptureUnavailableException;
import org.toktrace.analysis.LiveListener;
import org.toktrace.analysis.LiveProgress;
import org.toktrace.analysis.LiveSnapshot;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureInterface;
import org.toktrace.model.Device;
import org.toktrace.model.LiveCaptureStats;
import org.toktrace.store.UserMark;
import org.toktrace.ui.AnalysisRunner;
import org.toktrace.ui.AnalysisSession;
import org.toktrace.ui.Figures;
import org.toktrace.ui.FileDialogs;
import org.toktrace.ui.MainWindow;
import org.toktrace.ui.RecentFiles;
import org.toktrace.ui.TestDialogs;
import org.toktrace.ui.library.LibraryAccess;

/**
 * The live view under TestFX with a stand-in for libpcap: the capture dialog lists the hotspot first,
 * Start shows each snapshot the capture hands out (the analyses of growing prefixes of the bundled
 * sample), marks are kept, Stop (or Esc) shows the final analysis and saves it with its marks into the
 * library, closing the window (or Quit) mid-capture stops and saves it before the window closes, and
 * an unavailable capture gives its one-line message in a dialog.
 */
@ExtendWith(ApplicationExtension.class)
class LiveViewTest {
    static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");
    static final String PERMISSION = "no permission to capture on wlan0: run TokTrace with sudo or give the JRE cap_net_raw";
    static List<AnalysisResult> prefixes;
    static AnalysisResult whole;

    @TempDir
    static Path dir;

    private MainWindow window;
    private LiveView view;
    private LibraryAccess library;
    private org.toktrace.ui.library.LibraryWindow libraryWindow;
    private final FakeStarter starter = new FakeStarter();

    /** The analyses of the first 30 % and 70 % of the sample's packets, and of all of it. */
    @BeforeAll
    static void analysePrefixes() throws Exception {
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisOptions.defaults());
        List<Integer> ends = recordEnds(Files.readAllBytes(SAMPLE));
        prefixes = new ArrayList<>();
        byte[] all = Files.readAllBytes(SAMPLE);
        for (double share : new double[] {0.3, 0.7}) {
            int end = ends.get((int) (ends.size() * share));
            Path p = dir.resolve("prefix-" + share + ".pcap");
            Files.write(p, java.util.Arrays.copyOf(all, end));
            prefixes.add(analyzer.analyze(p));
        }
        whole = analyzer.analyze(SAMPLE);
    }

    /** Where each record of a little-endian classic pcap ends. */
    static List<Integer> recordEnds(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> ends = new ArrayList<>();
        int at = 24;
        while (at + 16 <= pcap.length) {
            int caplen = b.getInt(at + 8);
            at += 16 + caplen;
            ends.add(at);
        }
        return ends;
    }

    @Start
    void start(Stage stage) {
        FileDialogs none = TestDialogs.none();
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), none,
                new RecentFiles(RecentFiles.Store.inMemory()));
        library = new LibraryAccess(dir.resolve("library-" + System.nanoTime()), Duration.ofSeconds(5));
        libraryWindow = org.toktrace.ui.library.LibraryWindow.install(window, library);
        view = LiveView.install(window, starter, library, libraryWindow::refreshIfShown);
        stage.show();
    }

    @Test
    void startShowsLiveSnapshotsMarksAreKeptAndStopShowsAndSavesTheFinalResult(FxRobot robot) throws Exception {
        Path pcapng = dir.resolve("live-" + System.nanoTime() + ".pcapng");
        startThroughTheDialog(robot, pcapng);
        assertEquals("wlan0", starter.request.interfaceName(), "the likely hotspot is offered first");
        assertEquals(pcapng, starter.request.writeTo());
        assertEquals("not port 22", starter.request.filter());
        AnalysisSession session = window.session();
        assertTrue(view.capturingProperty().get());
        assertTrue(robot.lookup("#liveBar").query().isVisible());

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < prefixes.size(); i++) {
            LiveSnapshot s = snapshot(prefixes.get(i), 100L * (i + 1));
            starter.listener.snapshot(s);
            WaitForAsyncUtils.waitForFxEvents();
            assertSame(s.result(), session.resultProperty().get(), "the window shows the newest snapshot");
            String line = robot.lookup("#liveStatus").queryAs(Label.class).getText();
            assertTrue(line.contains(Figures.count(100L * (i + 1)) + " packets"), line);
            assertTrue(line.contains("TikTok foreground " + Figures.bytes(s.result().totalStates().foregroundBytes())), line);
            assertTrue(line.contains("Pixel-7"), "the device's own name is shown: " + line);
            lines.add(line);
        }
        assertNotEquals(prefixes.get(0).totalStates().bytes(), prefixes.get(1).totalStates().bytes(),
                "the prefixes differ in TikTok bytes, so the test sees the figures move");
        assertNotEquals(lines.get(0), lines.get(1), "the TikTok figures change between snapshots");
        assertEquals(AnalysisSession.Phase.RUNNING, session.phaseProperty().get());

        robot.clickOn("#markScrolling");
        robot.clickOn("#markMinimized");
        robot.clickOn("#markClosed");
        assertEquals(List.of("now scrolling", "now minimized", "now closed"),
                view.marks().stream().map(UserMark::label).toList());
        assertEquals("3 marks", robot.lookup("#markCount").queryAs(Label.class).getText());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL); // the Timeline tab
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> markLabels(robot).size() == 3);
        assertEquals(List.of("now scrolling", "now minimized", "now closed"), markLabels(robot),
                "the marks are drawn on the timeline");

        robot.clickOn("#stopCaptureButton");
        assertTrue(starter.stopped.await(30, TimeUnit.SECONDS), "Stop stops the capture");
        long id = view.lastSave().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(whole, session.resultProperty().get(), "Stop shows the final result");
        assertEquals(AnalysisSession.Phase.FINISHED, session.phaseProperty().get());
        assertFalse(view.capturingProperty().get());
        assertFalse(robot.lookup("#liveBar").query().isVisible());

        List<UserMark> stored = library.run(lib -> lib.marks(id)).get(30, TimeUnit.SECONDS);
        assertEquals(List.of("now scrolling", "now minimized", "now closed"), stored.stream().map(UserMark::label).toList());
        String sha = org.toktrace.store.CaptureDigest.sha256(pcapng);
        var entry = library.run(lib -> lib.list()).get(30, TimeUnit.SECONDS).stream()
                .filter(e -> e.id() == id).findFirst().orElseThrow();
        assertEquals(sha, entry.sha256(), "saved under the pcapng's SHA-256");

        // another capture clears the marks; reopening the live one from the library draws them again
        CountDownLatch analysed = new CountDownLatch(1);
        robot.interact(() -> {
            session.resultProperty().addListener((o, a, r) -> {
                if (r != null && r.complete() && session.phaseProperty().get() == AnalysisSession.Phase.FINISHED) {
                    analysed.countDown();
                }
            });
            window.open(SAMPLE);
        });
        assertTrue(analysed.await(60, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> markLabels(robot).isEmpty());
        CompletableFutureBox.await(robot, () -> libraryWindow.open(entry));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> markLabels(robot).size() == 3);
        assertEquals(List.of("now scrolling", "now minimized", "now closed"), markLabels(robot),
                "the stored marks are drawn when the capture is reopened from the library");
    }

    @Test
    void escapeStopsTheCapture(FxRobot robot) throws Exception {
        // in a folder not made yet, as the default ~/Documents/TokTrace is on a first capture
        Path folder = dir.resolve("not-yet-" + System.nanoTime());
        startThroughTheDialog(robot, folder.resolve("esc.pcapng"));
        assertTrue(Files.isDirectory(folder), "the capture makes its file's folder");
        starter.listener.snapshot(snapshot(prefixes.get(0), 10));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#liveStatus");
        robot.type(KeyCode.ESCAPE);
        assertTrue(starter.stopped.await(30, TimeUnit.SECONDS), "Esc stops the capture");
        view.lastSave().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(whole, window.session().resultProperty().get());
    }

    @Test
    void closingTheWindowMidCaptureStopsItSavesItWithItsMarksAndThenCloses(FxRobot robot) throws Exception {
        Path pcapng = dir.resolve("closed-" + System.nanoTime() + ".pcapng");
        startThroughTheDialog(robot, pcapng);
        starter.listener.snapshot(snapshot(prefixes.get(0), 10));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#markMinimized");
        Stage stage = window.stage();

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST))); // the close button
        assertTrue(starter.stopped.await(30, TimeUnit.SECONDS), "closing stops the capture");
        long id = view.lastSave().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !stage.isShowing());
        assertSame(whole, window.session().resultProperty().get(), "the final result was taken before closing");
        List<UserMark> stored = library.run(lib -> lib.marks(id)).get(30, TimeUnit.SECONDS);
        assertEquals(List.of("now minimized"), stored.stream().map(UserMark::label).toList(), "saved with its mark");
        var entry = library.run(lib -> lib.list()).get(30, TimeUnit.SECONDS).stream()
                .filter(e -> e.id() == id).findFirst().orElseThrow();
        assertEquals(org.toktrace.store.CaptureDigest.sha256(pcapng), entry.sha256());
    }

    @Test
    void quitMidCaptureKeepsTheWindowResponsiveUntilSavedAndASecondCloseClosesAtOnce(FxRobot robot) throws Exception {
        starter.hold = new CountDownLatch(1); // the final analysis does not come until released
        startThroughTheDialog(robot, dir.resolve("quit-" + System.nanoTime() + ".pcapng"));
        Stage stage = window.stage();

        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        assertTrue(starter.stopped.await(30, TimeUnit.SECONDS), "Quit stops the capture");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing(), "the window waits for the save");
        assertTrue(robot.lookup("#liveStatus").queryAs(Label.class).getText().endsWith("(close again to quit at once)"));
        assertFalse(view.lastSave().isDone());
        robot.clickOn("#markCount"); // the window still answers

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertFalse(stage.isShowing(), "a second close request closes at once");
        starter.hold.countDown();
        view.lastSave().get(30, TimeUnit.SECONDS); // (in the app the process has ended by now)
    }

    @Test
    void anUnavailableCaptureShowsItsOneLineMessageAndFileAnalysisGoesOn(FxRobot robot) throws Exception {
        starter.unavailable = true;
        startThroughTheDialog(robot, dir.resolve("never.pcapng"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane error = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertEquals(PERMISSION, error.getContentText(), "the one line, no stack trace");
        assertFalse(view.capturingProperty().get());
        assertNull(window.session().resultProperty().get());
        robot.interact(() -> error.getScene().getWindow().hide());

        CountDownLatch done = new CountDownLatch(1);
        robot.interact(() -> {
            window.session().resultProperty().addListener((o, a, r) -> {
                if (r != null && r.complete()) {
                    done.countDown();
                }
            });
            window.open(SAMPLE);
        });
        assertTrue(done.await(60, TimeUnit.SECONDS), "a file is still analysed");
        assertEquals(whole.flows().size(), window.session().resultProperty().get().flows().size());
    }

    /** Runs a UI-thread action that answers a future, and waits for it to be true. */
    static final class CompletableFutureBox {
        static void await(FxRobot robot, java.util.function.Supplier<java.util.concurrent.CompletableFuture<Boolean>> action)
                throws Exception {
            var box = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Boolean>>();
            robot.interact(() -> box.set(action.get()));
            assertTrue(box.get().get(30, TimeUnit.SECONDS), "the library opened the capture");
        }
    }

    /** The labels of the vertical markers on the timeline chart shown. */
    private static List<String> markLabels(FxRobot robot) {
        org.jfree.chart.JFreeChart chart = robot.lookup("#timelineChartViewer")
                .queryAs(org.jfree.chart.fx.ChartViewer.class).getChart();
        if (chart == null) {
            return List.of();
        }
        var markers = chart.getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        return markers == null ? List.of() : markers.stream()
                .filter(m -> m instanceof org.jfree.chart.plot.ValueMarker).map(m -> ((org.jfree.chart.plot.Marker) m).getLabel())
                .toList();
    }

    private void startThroughTheDialog(FxRobot robot, Path pcapng) throws Exception {
        robot.clickOn("#liveCaptureButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#liveCaptureDialog").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ComboBox<CaptureInterface> picker = robot.lookup("#interfacePicker").queryAs(ComboBox.class);
        assertEquals("wlan0", picker.getValue().name());
        assertTrue(picker.getItems().get(0).likelyHotspot());
        robot.interact(() -> {
            robot.lookup("#pcapngField").queryAs(javafx.scene.control.TextField.class).setText(pcapng.toString());
            robot.lookup("#filterField").queryAs(javafx.scene.control.TextField.class).setText("not port 22");
        });
        DialogPane pane = robot.lookup("#liveCaptureDialog").queryAs(DialogPane.class);
        robot.clickOn(pane.lookupButton(CaptureDialog.START));
        if (!starter.unavailable) {
            assertTrue(starter.started.await(30, TimeUnit.SECONDS), "Start starts the capture");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.session().isLive());
        }
    }

    /** A snapshot of {@code r} after {@code packets} packets, with the busiest device named Pixel-7. */
    static LiveSnapshot snapshot(AnalysisResult r, long packets) {
        long mac = r.states().get(0).device().mac();
        List<Device> devices = List.of(new Device(mac, List.of(), "Pixel-7", "dhcp"));
        LiveCaptureStats stats = new LiveCaptureStats(packets, packets * 100, 0, 0, packets, List.of("live.pcapng"));
        return new LiveSnapshot(r, devices, new LiveProgress(stats, new AnalysisProgress(0, -1, packets, 0, 0), 1));
    }

    /** libpcap's stand-in: two interfaces (the hotspot second), a capture that ends with the whole sample's analysis. */
    static final class FakeStarter implements LiveCaptureStarter {
        volatile boolean unavailable;
        volatile LiveCaptureRequest request;
        volatile LiveListener listener;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        /** The final analysis comes once this is released (at once by default). */
        volatile CountDownLatch hold = new CountDownLatch(0);

        @Override
        public List<CaptureInterface> interfaces() {
            return List.of(new CaptureInterface("eth0", "", List.of(), false, true, ""),
                    new CaptureInterface("wlan0", "Wi-Fi", List.of(), false, true, "10.42.0.0/24 with other hosts"));
        }

        @Override
        public Running start(LiveCaptureRequest r, LiveListener l) throws LiveCaptureUnavailableException {
            if (unavailable) {
                throw new LiveCaptureUnavailableException(LiveCaptureUnavailableException.Reason.NO_PERMISSION, PERMISSION, null);
            }
            request = r;
            listener = l;
            started.countDown();
            return new Running() {
                @Override
                public void stop() {
                    try { // what the capture "wrote": its SHA-256 keys the save
                        Files.write(r.writeTo(), Files.readAllBytes(SAMPLE));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    stopped.countDown();
                }

                @Override
                public AnalysisResult result() throws InterruptedException {
                    stopped.await();
                    hold.await();
                    return whole;
                }

                @Override
                public LiveCaptureStats stats() {
                    return new LiveCaptureStats(1, 1, 0, 0, 1, List.of(r.writeTo().toString()));
                }
            };
        }
    }
}
