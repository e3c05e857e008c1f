package org.toktrace.ui.live;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.WindowEvent;
import org.toktrace.analysis.LiveCaptureRequest;
import org.toktrace.model.LiveCaptureUnavailableException;
import org.toktrace.analysis.LiveListener;
import org.toktrace.analysis.LiveProgress;
import org.toktrace.analysis.LiveSnapshot;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Device;
import org.toktrace.model.LiveCaptureStats;
import org.toktrace.store.CaptureDigest;
import org.toktrace.store.UserMark;
import org.toktrace.ui.AnalysisSession;
import org.toktrace.ui.Figures;
import org.toktrace.ui.MainWindow;
import org.toktrace.ui.library.LibraryAccess;

/**
 * Live capture in the main window: the Capture menu and toolbar button open the dialog; while the
 * capture runs, the window shows its newest snapshot (coalesced: a snapshot not yet shown is
 * replaced by a newer one) through the session's result, a bar gives the counters, TikTok's bytes and
 * each device's current state, the marks ("now scrolling" ...) and Stop (Esc too). Stop shows the
 * final analysis and saves it, with the marks, into the library. libpcap is only touched off the UI
 * thread; when capture is unavailable the user gets its one-line message, and file analysis goes on.
 */
public final class LiveView {

    static final List<String> MARK_LABELS = List.of("now scrolling", "now minimized", "now closed");

    private final MainWindow window;
    private final AnalysisSession session;
    private final LiveCaptureStarter starter;
    private final LibraryAccess library;
    private final Runnable onSaved;
    /** Lists interfaces, starts and stops captures: libpcap calls that may take a while. */
    private final ExecutorService pcap = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "toktrace-live-control");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyBooleanWrapper capturing = new ReadOnlyBooleanWrapper();
    private final Label status = new Label();
    private final Label markCount = new Label();
    private final Button stop = new Button("Stop");
    private final ComboBox<String> markDevice = new ComboBox<>();
    /** The devices a mark can be about, by their item in the mark picker; {@link Device#ALL}, the first, has none. */
    private java.util.Map<String, Device.Id> markIds = java.util.Map.of();
    /** The devices of the snapshot shown, so the mark picker names them as the Device picker does. */
    private java.util.Map<Device.Id, Device> markNames = java.util.Map.of();
    /** The marks of the capture running (UI thread only). */
    private final List<UserMark> marks = new ArrayList<>();
    private Capture current;
    /** UI thread: the window was asked to close during a capture, and closes once that capture is saved. */
    private boolean closeWhenSaved;
    /** The save of the last capture started: completes with its library id once it ended and was saved. */
    private volatile CompletableFuture<Long> lastSave = CompletableFuture.completedFuture(-1L);

    private LiveView(MainWindow window, LiveCaptureStarter starter, LibraryAccess library, Runnable onSaved) {
        this.window = window;
        this.session = window.session();
        this.starter = starter;
        this.library = library;
        this.onSaved = onSaved;
    }

    /** Adds live capture to {@code window}; finished captures go into {@code library}, then {@code onSaved} runs. */
    public static LiveView install(MainWindow window, LiveCaptureStarter starter, LibraryAccess library, Runnable onSaved) {
        LiveView view = new LiveView(window, starter, library, onSaved);
        MenuItem open = new MenuItem("_Live capture\u2026");
        open.setId("menuLiveCapture");
        open.setAccelerator(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> view.chooseAndStart());
        open.disableProperty().bind(view.capturing);
        MenuItem stopItem = new MenuItem("_Stop capture");
        stopItem.setId("menuStopCapture");
        stopItem.setOnAction(e -> view.stop());
        stopItem.disableProperty().bind(view.capturing.not());
        Button button = new Button("Live capture\u2026");
        button.setId("liveCaptureButton");
        button.setTooltip(new Tooltip("Capture on the hotspot interface and watch TikTok's traffic as it happens (Ctrl+K)"));
        button.setOnAction(e -> view.chooseAndStart());
        button.disableProperty().bind(view.capturing);
        window.addCapture(new Menu("_Capture", null, open, stopItem), List.of(button), view.bar(), view.capturing);
        window.stage().addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, view::closeRequested);
        return view;
    }

    /**
     * Closing the window during a capture stops it and closes once its analysis is saved (a few
     * seconds at most: the pcapng is closed at once, the analysis reads what is left of the capture),
     * so what was captured reaches the library as with Stop. The window stays responsive meanwhile;
     * a second close request closes at once, the pcapng complete up to its last flush.
     */
    private void closeRequested(WindowEvent e) {
        Capture capture = current;
        if (capture == null || closeWhenSaved) {
            return;
        }
        e.consume();
        closeWhenSaved = true;
        stop();
        String line = "Stopping the capture and saving it before closing \u2026 (close again to quit at once)";
        status.setText(line);
        session.report(line);
        capture.saved.whenComplete((id, failure) -> Platform.runLater(() -> {
            closeWhenSaved = false;
            window.stage().close();
        }));
    }

    /**
     * Two rows: the status line across the window (it carries the devices' states, the point of
     * watching), then the marks and Stop, which keep their full width; a long line is cut, never them.
     */
    private Node bar() {
        status.setId("liveStatus");
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        markDevice.setId("markDevice");
        markDevice.setTooltip(new Tooltip("The device a mark is about"));
        org.toktrace.ui.DeviceChoiceCell.applyTo(markDevice, key -> {
            Device.Id id = markDevice(key);
            Device h = id == null ? null : markNames.get(id);
            return h == null ? null : org.toktrace.ui.DeviceChoice.of(h, true, true);
        });
        markDevice.getItems().setAll(Device.ALL);
        markDevice.setValue(Device.ALL);
        List<Region> controls = new ArrayList<>(List.of(new Label("Mark the moment for"), markDevice));
        String[] ids = {"markScrolling", "markMinimized", "markClosed"};
        for (int i = 0; i < MARK_LABELS.size(); i++) {
            String label = MARK_LABELS.get(i);
            Button b = new Button(Character.toUpperCase(label.charAt(0)) + label.substring(1));
            b.setId(ids[i]);
            b.setTooltip(new Tooltip("Marks this moment as \"" + label + "\", to check the classifier against it"));
            b.setOnAction(e -> mark(label));
            controls.add(b);
        }
        markCount.setId("markCount");
        stop.setId("stopCaptureButton");
        stop.setTooltip(new Tooltip("Stop the capture (Esc); everything captured stays in the pcapng file"));
        stop.setOnAction(e -> stop());
        stop.setDefaultButton(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        controls.add(markCount);
        controls.add(spacer);
        controls.add(stop);
        for (Region r : controls) {
            if (r != spacer) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        HBox marks = new HBox(8, controls.toArray(Node[]::new));
        marks.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, status, marks);
        box.setId("liveBar");
        box.getStyleClass().add("status-bar");
        return box;
    }

    /** Whether a capture runs. */
    public ReadOnlyBooleanProperty capturingProperty() {
        return capturing.getReadOnlyProperty();
    }

    /** The marks of the running capture, or of the last one, in the order made. */
    public List<UserMark> marks() {
        return List.copyOf(marks);
    }

    /**
     * The save into the library of the last capture started; completes with its capture id after it
     * ended, exceptionally when it failed or could not be saved.
     */
    public CompletableFuture<Long> lastSave() {
        return lastSave;
    }

    /** Lists the interfaces off the UI thread, then shows the dialog; Start starts the capture. */
    public void chooseAndStart() {
        if (capturing.get()) {
            return;
        }
        session.report("Listing the interfaces \u2026");
        pcap.execute(() -> {
            try {
                var interfaces = starter.interfaces();
                Platform.runLater(() -> {
                    session.report("");
                    var dialog = CaptureDialog.of(window.stage(), interfaces);
                    dialog.setOnHidden(e -> {
                        CaptureDialog.Choice c = dialog.getResult();
                        if (c != null) {
                            start(c);
                        }
                    });
                    dialog.show();
                });
            } catch (LiveCaptureUnavailableException e) {
                Platform.runLater(() -> unavailable(e.getMessage()));
            } catch (RuntimeException e) {
                Platform.runLater(() -> unavailable("cannot list the interfaces: " + oneLine(e)));
            }
        });
    }

    private void unavailable(String message) {
        session.report("Live capture is unavailable: " + message);
        window.showError("Live capture is unavailable", message);
    }

    private void start(CaptureDialog.Choice c) {
        LiveCaptureRequest request;
        try {
            request = LiveCaptureRequest.of(c.interfaceName(), Path.of(c.file()).toAbsolutePath().normalize())
                    .withFilter(c.filter());
        } catch (InvalidPathException e) {
            unavailable("not a file name: " + c.file());
            return;
        }
        Capture capture = new Capture(request);
        current = capture;
        lastSave = capture.saved;
        capturing.set(true); // the buttons stay off while the capture starts
        marks.clear();
        markCount.setText("");
        markDevice.getItems().setAll(Device.ALL);
        markDevice.setValue(Device.ALL);
        stop.setDisable(false);
        status.setText("Starting the capture on " + request.interfaceName() + " \u2026");
        pcap.execute(() -> {
            try {
                // the default file lies in a TokTrace folder that may not exist yet
                Path folder = request.writeTo().getParent();
                if (folder != null) {
                    java.nio.file.Files.createDirectories(folder);
                }
                LiveCaptureStarter.Running running = starter.start(request, capture);
                capture.running = running;
                Platform.runLater(() -> started(capture));
                Thread waiter = new Thread(() -> awaitEnd(capture), "toktrace-live-result");
                waiter.setDaemon(true);
                waiter.start();
            } catch (LiveCaptureUnavailableException e) {
                capture.saved.completeExceptionally(e);
                Platform.runLater(() -> failedToStart(capture, e.getMessage()));
            } catch (IOException e) {
                capture.saved.completeExceptionally(e);
                Platform.runLater(() -> failedToStart(capture, "cannot create the folder for "
                        + request.writeTo() + ": " + oneLine(e)));
            } catch (RuntimeException e) {
                capture.saved.completeExceptionally(e);
                Platform.runLater(() -> failedToStart(capture, "the capture did not start: " + oneLine(e)));
            }
        });
    }

    private void failedToStart(Capture capture, String message) {
        if (current == capture) {
            current = null;
            capturing.set(false);
        }
        unavailable(message);
    }

    private void started(Capture capture) {
        if (current != capture) {
            return;
        }
        String line = "Capturing on " + capture.request.interfaceName() + " \u2026 writing " + capture.request.writeTo();
        status.setText(line);
        session.startLive(capture.request.writeTo(), line, this::stop);
        capture.shownLive = true;
        capture.showSnapshot(); // a snapshot that came before the window was ready
    }

    /** Stops the running capture off the UI thread; the final result follows when its analysis ends. */
    public void stop() {
        Capture capture = current;
        if (capture == null || capture.stopping) {
            return;
        }
        capture.stopping = true;
        stop.setDisable(true);
        status.setText("Stopping the capture on " + capture.request.interfaceName() + " \u2026");
        pcap.execute(() -> {
            LiveCaptureStarter.Running running = capture.running;
            if (running != null) {
                running.stop();
            }
        });
    }

    private void mark(String label) {
        if (current == null) {
            return;
        }
        Device.Id device = markDevice(markDevice.getValue());
        long now = System.currentTimeMillis() * 1_000_000L; // live timestamps are the wall clock's
        marks.add(new UserMark(now, device, label));
        markCount.setText(marks.size() == 1 ? "1 mark" : marks.size() + " marks");
        window.showMarks(marks);
        session.report("Marked " + Figures.clock(now) + " UTC: " + label + (device == null ? "" : " (" + device.label() + ")"));
    }

    /** The device of the mark picker's item {@code key}; null for every device. */
    private Device.Id markDevice(String key) {
        return key == null ? null : markIds.get(key);
    }

    /** On its own thread: waits for the capture's end, then shows and saves the final analysis. */
    private void awaitEnd(Capture capture) {
        try {
            AnalysisResult r = capture.running.result();
            Platform.runLater(() -> ended(capture, r, null));
        } catch (IOException | RuntimeException e) {
            Platform.runLater(() -> ended(capture, null, oneLine(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ended(Capture capture, AnalysisResult r, String failure) {
        boolean shown = current == capture;
        if (shown) {
            current = null;
            capturing.set(false);
        }
        LiveCaptureStats stats = capture.running.stats();
        if (r == null) {
            capture.saved.completeExceptionally(new IOException(failure));
            if (shown && session.isLive()) {
                session.finishLive(null, "The live capture failed: " + failure + "; the packets captured are in "
                        + capture.request.writeTo());
            }
            return;
        }
        String line = "Captured on " + capture.request.interfaceName() + ": " + Figures.count(r.counters().frames())
                + " packets, " + Figures.count(r.flows().size()) + " flows, " + Figures.count(stats.dropped())
                + " dropped \u00b7 written to " + String.join(", ", stats.files());
        if (shown && session.isLive()) {
            session.finishLive(r, line);
        }
        save(r, stats.files(), shown ? List.copyOf(marks) : List.of(), capture.saved);
    }

    /** Saves into the library, keyed by the pcapng's SHA-256 when it is one file (its re-analysis gives the same flows). */
    private void save(AnalysisResult r, List<String> files, List<UserMark> toKeep, CompletableFuture<Long> outcome) {
        CompletableFuture<String> sha = files.size() == 1 ? CaptureDigest.start(Path.of(files.get(0)))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<Long> saved = sha.thenCompose(s -> library.run(lib -> {
            long id = lib.save(r, s);
            for (UserMark m : toKeep) {
                lib.addMark(id, m);
            }
            return id;
        }));
        saved.whenComplete((id, e) -> Platform.runLater(() -> {
            if (session.resultProperty().get() == r) {
                session.report(session.statusProperty().get() + (e == null ? " \u00b7 saved to the library"
                        + (toKeep.isEmpty() ? "" : " with " + toKeep.size() + (toKeep.size() == 1 ? " mark" : " marks"))
                        : " \u00b7 not saved to the library: " + oneLine(e)));
            }
            if (e == null) {
                onSaved.run();
                outcome.complete(id);
            } else {
                outcome.completeExceptionally(e);
            }
        }));
    }

    private static String oneLine(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** One capture: what was asked, its handle, and the newest snapshot and progress not yet shown. */
    private final class Capture implements LiveListener {
        final LiveCaptureRequest request;
        volatile LiveCaptureStarter.Running running;
        volatile boolean stopping;
        /** UI thread: the window shows this capture. */
        boolean shownLive;
        final AtomicReference<LiveSnapshot> pendingSnapshot = new AtomicReference<>();
        final AtomicReference<LiveProgress> pendingProgress = new AtomicReference<>();
        final CompletableFuture<Long> saved = new CompletableFuture<>();
        /** UI thread: the newest snapshot shown, so progress lines keep its TikTok figures. */
        LiveSnapshot shown;

        Capture(LiveCaptureRequest request) {
            this.request = request;
        }

        @Override
        public void progress(LiveProgress p) {
            if (pendingProgress.getAndSet(p) == null) {
                Platform.runLater(this::showProgress);
            }
        }

        @Override
        public void snapshot(LiveSnapshot s) {
            // coalesce: a snapshot the UI has not taken yet is replaced by the newer one
            if (pendingSnapshot.getAndSet(s) == null) {
                Platform.runLater(this::showSnapshot);
            }
        }

        void showProgress() {
            LiveProgress p = pendingProgress.getAndSet(null);
            if (p == null || current != this || !shownLive || stopping) {
                return;
            }
            status.setText(LiveStatusLine.of(request.interfaceName(), p.capture(),
                    shown == null ? null : shown.result(), shown == null ? List.of() : shown.devices()));
        }

        void showSnapshot() {
            if (current != this || !shownLive) {
                return;
            }
            LiveSnapshot s = pendingSnapshot.getAndSet(null);
            if (s == null) {
                return;
            }
            shown = s;
            String line = LiveStatusLine.of(request.interfaceName(), s.progress().capture(), s.result(), s.devices());
            if (!stopping) {
                status.setText(line);
            }
            session.showLive(s.result(), line);
            List<String> devices = new ArrayList<>();
            devices.add(Device.ALL);
            java.util.Map<String, Device.Id> ids = new java.util.HashMap<>();
            for (DeviceStates d : s.result().states()) {
                devices.add(d.device().label());
                ids.put(d.device().label(), d.device());
            }
            java.util.Map<Device.Id, Device> names = Device.byId(s.devices());
            boolean renamed = !names.equals(markNames);
            markIds = ids;
            markNames = names;
            if (renamed || !devices.equals(markDevice.getItems())) {
                String keep = markDevice.getValue();
                markDevice.getItems().setAll(devices);
                markDevice.setValue(devices.contains(keep) ? keep : Device.ALL);
            }
        }
    }
}
