package org.toktrace.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Device;

/**
 * The main window: the overview, timeline, charts, flows and where-it-goes tabs under the menus and
 * tool bar ({@link MainMenus}), and a status bar with the analysis's progress and Cancel. Views only:
 * the figures come from {@link AnalysisSession} and the plain view models, computed off the UI
 * thread for big results; the exports are {@link CaptureExports}'.
 */
public final class MainWindow {
    private final Stage stage;
    private final AnalysisSession session;
    private final Scene scene;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final OverviewPane overview = new OverviewPane();
    private final FlowsPane flows = new FlowsPane(this::savePng);
    private final ChartPane timeline;
    private final ChartPane stateBars;
    private final ChartPane categories;
    private final ChartPane servers;
    private final CheckBox logScale = new CheckBox("log scale (kB stay visible beside MB)");
    private final DevicePicker devicePicker;
    private final Label warning = new Label();
    private final Label emptyText = new Label();
    private final VBox top;
    /** The marks drawn on the timeline (UI thread; read by the presenter through the copy each job takes). */
    private List<org.toktrace.store.UserMark> marks = List.of();
    private final MainMenus menus;
    private final CaptureExports exports;
    /** Builds the charts and figures of a result off the UI thread, one job at a time. */
    private final ExecutorService presenter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "toktrace-present");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong presentation = new AtomicLong();
    private final PulseQueue pulses = new PulseQueue();
    /** The flows table fills when the Flows tab is first shown for a result (see {@link #showChart}). */
    private Runnable pendingFlows;
    private final WherePane where = new WherePane(presenter, (filter, tiktok) -> {
        flows.showMatching(filter, tiktok);
        tabs.getSelectionModel().select(3);
    });

    public MainWindow(Stage stage, AnalysisSession session, FileDialogs dialogs, RecentFiles recent) {
        this.stage = stage;
        this.session = session;
        this.timeline = new ChartPane("timelineChart", "timeline", this::savePng).zoomAlongTimeOnly();
        this.stateBars = new ChartPane("stateBarsChart", "foreground-vs-background", this::savePng);
        this.categories = new ChartPane("categoriesChart", "categories", this::savePng);
        this.servers = new ChartPane("serversChart", "server-names", this::savePng);
        this.exports = new CaptureExports(stage, session, dialogs, flows, presenter);
        this.devicePicker = new DevicePicker(session, () -> present(session.resultProperty().get()));
        this.menus = new MainMenus(stage, session, dialogs, recent, exports, tabs, timeline, () -> {
            tabs.getSelectionModel().select(3);
            flows.search.requestFocus();
        }, this::darkMode, devicePicker);

        root.setId("mainWindow");
        top = new VBox(menus.menuBar(), menus.toolBar(), warning);
        root.setTop(top);
        root.setCenter(center());
        root.setBottom(statusBar());
        warning.setId("warningBanner");
        warning.getStyleClass().add("warning-banner");
        warning.setMaxWidth(Double.MAX_VALUE);
        warning.setWrapText(true);
        warning.textProperty().bind(session.warningProperty());
        warning.visibleProperty().bind(session.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());

        scene = new Scene(root, 1280, 800);
        Theme.apply(scene, false);
        acceptDroppedFiles();
        shortcuts();
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> session.captureProperty().get() == null
                ? "TokTrace" : "TokTrace \u2014 " + Overview.fileName(session.captureProperty().get().toString()),
                session.captureProperty()));

        session.resultProperty().addListener((o, a, r) -> showResult(r));
        session.captureProperty().addListener((o, a, c) -> marks = List.of());
        session.onErrorProperty().set(this::showError);
        logScale.selectedProperty().addListener((o, a, b) -> present(session.resultProperty().get()));
        presenter.execute(MainWindow::warmUpCharts);
        overview.warmUp(pulses);
    }

    /** Draws one chart of each kind off screen, on the presenter thread, before any result needs it. */
    private static void warmUpCharts() {
        try {
            TimelineSeries series = new TimelineSeries(1_000_000_000L, java.util.stream.LongStream.range(0, 600)
                    .mapToObj(i -> new TimelineSeries.Point(i * 1_000_000_000L, i % 3 == 0 ? 1_000_000 : 0, 1000 + i, 0))
                    .toList(), List.of());
            for (boolean log : new boolean[] {true, false}) {
                Charts.drawOffScreen(Charts.timeline(series, log, "warm-up"), 1200, 560);
            }
            Charts.drawOffScreen(Charts.foregroundVersusBackground(
                    new org.toktrace.model.DeviceStates(null, List.of(), 1_750_000, 46_100, 1, 1)), 400, 260);
        } catch (RuntimeException e) {
            // only a head start: the charts draw all the same when their result comes
        }
    }

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return scene;
    }

    public AnalysisSession session() {
        return session;
    }

    /**
     * Adds the capture library's entry points: a File menu item (Ctrl+L) after Open Recent and a
     * toolbar button after Recent, both with id {@code id} (the item's id gets "Item" appended).
     */
    public void addLibraryAction(String id, Runnable action) {
        menus.addLibraryAction(id, action);
    }

    /**
     * Adds live capture's entry points: a menu before Help, toolbar items after Open, and a bar
     * under the toolbar shown only while {@code barShown} is true.
     */
    public void addCapture(Menu menu, List<Node> toolbarItems, Node bar, javafx.beans.value.ObservableBooleanValue barShown) {
        menus.addCapture(menu, toolbarItems);
        bar.visibleProperty().bind(barShown);
        bar.managedProperty().bind(barShown);
        top.getChildren().add(2, bar);
    }

    /**
     * Draws {@code marks} (moments a person marked during a live capture) on the timeline of the
     * result shown; opening another capture clears them. UI thread.
     */
    public void showMarks(List<org.toktrace.store.UserMark> marks) {
        this.marks = List.copyOf(marks);
        present(session.resultProperty().get());
    }

    /** Opens {@code file} in this window. */
    public void open(Path file) {
        session.open(file);
    }

    private Node center() {
        Tab overviewTab = new Tab("Overview", overview.node());
        overviewTab.setId("overviewTab");
        VBox timelineBox = new VBox(6, timeline);
        timeline.bar.getChildren().add(0, logScale);
        logScale.setId("logScale");
        logScale.setSelected(true);
        VBox.setVgrow(timeline, Priority.ALWAYS);
        timelineBox.setPadding(new Insets(10));
        Tab timelineTab = new Tab("Timeline", timelineBox);
        timelineTab.setId("timelineTab");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        grid.setPadding(new Insets(10));
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            grid.getColumnConstraints().add(c);
        }
        grid.add(stateBars, 0, 0);
        grid.add(categories, 1, 0);
        grid.add(servers, 0, 1, 2, 1);
        for (ChartPane p : List.of(stateBars, categories, servers)) {
            GridPane.setHgrow(p, Priority.ALWAYS);
            GridPane.setVgrow(p, Priority.ALWAYS);
        }
        Tab chartsTab = new Tab("Charts", grid);
        chartsTab.setId("chartsTab");
        Tab flowsTab = new Tab("Flows", flows.node());
        flowsTab.setId("flowsTab");
        Tab whereTab = new Tab("Where it goes", where.node());
        whereTab.setId("whereTab");
        tabs.getTabs().addAll(overviewTab, timelineTab, chartsTab, flowsTab, whereTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showPendingViews());
        // the tabs are laid out from the start, under the opaque empty view: their first CSS pass and
        // layout happen at start-up, not in the moment a big result arrives

        emptyText.setId("emptyText");
        emptyText.getStyleClass().add("drop-hint");
        emptyText.setWrapText(true);
        emptyText.textProperty().bind(Bindings.createStringBinding(() -> switch (session.phaseProperty().get()) {
            case RUNNING -> session.statusProperty().get() + "\n" + session.progressTextProperty().get();
            default -> "Open a capture (pcap or pcapng) with Ctrl+O, or drop one on this window.";
        }, session.phaseProperty(), session.statusProperty(), session.progressTextProperty()));
        ProgressBar big = new ProgressBar();
        big.setPrefWidth(420);
        big.progressProperty().bind(session.progressProperty());
        big.visibleProperty().bind(session.phaseProperty().isEqualTo(AnalysisSession.Phase.RUNNING));
        VBox empty = new VBox(16, emptyText, big);
        empty.setAlignment(Pos.CENTER);
        empty.setMaxWidth(720);
        StackPane cover = new StackPane(empty);
        cover.setId("emptyView");
        cover.getStyleClass().add("empty-view");
        cover.visibleProperty().bind(session.resultProperty().isNull());
        return new StackPane(tabs, cover);
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("statusLabel");
        status.textProperty().bind(session.statusProperty());
        status.setMinWidth(0);
        Label progressText = new Label();
        progressText.setId("progressText");
        progressText.textProperty().bind(session.progressTextProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("progressBar");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(session.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelButton");
        cancel.setOnAction(e -> session.cancel());
        cancel.disableProperty().bind(session.phaseProperty().isNotEqualTo(AnalysisSession.Phase.RUNNING));
        for (Region n : List.of(progressText, bar, cancel)) {
            n.setMinWidth(Region.USE_PREF_SIZE); // a long status line is cut, never these
            n.visibleProperty().bind(session.phaseProperty().isEqualTo(AnalysisSession.Phase.RUNNING));
            n.managedProperty().bind(n.visibleProperty());
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, status, spacer, progressText, bar, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("status-bar");
        return box;
    }

    private void acceptDroppedFiles() {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                root.getStyleClass().add("drag-over");
            }
            e.consume();
        });
        scene.setOnDragExited(e -> root.getStyleClass().remove("drag-over"));
        scene.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
                open(e.getDragboard().getFiles().get(0).toPath());
                done = true;
            }
            root.getStyleClass().remove("drag-over");
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private void darkMode(boolean dark) {
        Theme.apply(scene, dark);
        // the charts on screen change at once; those of hidden tabs and the next ones are built anew
        Theme.restyleCharts(root);
        present(session.resultProperty().get());
    }

    private void savePng(ChartPane pane) {
        exports.savePng(pane);
    }

    private void shortcuts() {
        // the menu bar's accelerators cover the rest; Escape also cancels from the empty view
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), session::cancel);
    }


    /** Shows what failed and its one-line reason in a message the user dismisses. */
    public void showError(AnalysisSession.Failure failure) {
        showError(failure.title(), failure.message());
    }

    /** Shows {@code message}, one line, under the header {@code title} that names what failed ({@link ErrorDialog}). */
    public void showError(String title, String message) {
        ErrorDialog.show(stage, title, message);
    }


    private void showResult(AnalysisResult r) {
        pendingCharts.clear();
        pulses.clear();
        pendingFlows = null;
        if (r == null) {
            flows.show(null, List.of());
            where.show(null, null, null);
            return;
        }
        presenter.execute(() -> {
            List<DeviceChoice> choices = DeviceChoice.of(r);
            Platform.runLater(() -> {
                if (session.resultProperty().get() != r) {
                    return;
                }
                Runnable fill = () -> flows.show(r, choices);
                if (tabs.getSelectionModel().getSelectedIndex() == 3) {
                    pulses.add(fill);
                } else {
                    pendingFlows = fill;
                }
                devicePicker.show(choices);
                present(r);
            });
        });
    }

    /**
     * Charts of tabs not on screen wait here until their tab is shown: drawing a chart is UI-thread
     * work, and a result should not pay for views nobody looks at.
     */
    private final java.util.Map<ChartPane, JFreeChart> pendingCharts = new java.util.LinkedHashMap<>();
    /** The newest chart of each pane, so a late task never puts back an older one. */
    private final java.util.Map<ChartPane, JFreeChart> latestCharts = new java.util.HashMap<>();

    private void showChart(ChartPane pane, JFreeChart chart) {
        latestCharts.put(pane, chart);
        if (isShown(tabOf(pane))) {
            pendingCharts.remove(pane);
            pulses.add(() -> {
                if (latestCharts.get(pane) == chart) {
                    pane.viewer.setChart(chart);
                }
            });
        } else {
            pendingCharts.put(pane, chart);
        }
    }

    /** Whether {@code tab} is the selected one; a tab's own flag lags behind the selection model's listeners. */
    private boolean isShown(Tab tab) {
        return tabs.getSelectionModel().getSelectedItem() == tab;
    }

    private Tab tabOf(ChartPane pane) {
        return pane == timeline ? tabs.getTabs().get(1) : tabs.getTabs().get(2);
    }

    private void showPendingViews() {
        if (pendingFlows != null && tabs.getSelectionModel().getSelectedIndex() == 3) {
            pulses.add(pendingFlows);
            pendingFlows = null;
        }
        for (ChartPane pane : List.copyOf(pendingCharts.keySet())) {
            if (isShown(tabOf(pane))) {
                JFreeChart chart = pendingCharts.remove(pane);
                pulses.add(() -> {
                    if (latestCharts.get(pane) == chart) {
                        pane.viewer.setChart(chart);
                    }
                });
            }
        }
    }

    /** What the tabs show for one result and device, built off the UI thread. */
    private record Presentation(Overview overview, JFreeChart overviewBars, JFreeChart stateBars, JFreeChart timeline,
            JFreeChart categories, JFreeChart servers) {
    }

    private void present(AnalysisResult r) {
        if (r == null) {
            return;
        }
        Device.Id device = devicePicker.selected();
        Map<Device.Id, DeviceChoice> choices = devicePicker.choicesById();
        boolean log = logScale.isSelected();
        List<org.toktrace.store.UserMark> shownMarks = marks;
        long job = presentation.incrementAndGet();
        boolean provisional = session.phaseProperty().get() == AnalysisSession.Phase.RUNNING;
        presenter.execute(() -> {
            Overview o = Overview.of(r, device, provisional);
            org.toktrace.model.ThirdPartyReport third = TikTokReport.of(r).thirdParties();
            where.show(r, device, third);
            TimelineSeries series = TimelineSeries.of(r, device);
            String subtitle = DeviceChoice.titleOf(device, choices) + " \u00b7 foreground "
                    + Figures.bytes(series.foregroundBytes()) + ", background " + Figures.bytes(series.backgroundBytes())
                    + (device == null ? " \u00b7 shaded: foreground intervals" : " \u00b7 shaded: state intervals");
            // a chart draws in one viewer only: the overview and the charts tab each get their own
            Presentation p = new Presentation(o, Charts.foregroundVersusBackground(Overview.statesOf(r, device)),
                    Charts.foregroundVersusBackground(Overview.statesOf(r, device)), Charts.timeline(series, log, subtitle), Charts.categories(r, device),
                    Charts.topServerNames(r, device, 12));
            TimelineMarks.addMarks(p.timeline(), shownMarks, device);
            TimelineMarks.addLogins(p.timeline(), third.logins(), device);
            for (JFreeChart c : List.of(p.overviewBars(), p.timeline(), p.categories(), p.servers())) {
                Charts.drawOffScreen(c, 1200, 560); // warms the exact drawing paths off the UI thread
            }
            Platform.runLater(() -> {
                if (presentation.get() != job) {
                    return;
                }
                overview.show(p.overview(), p.overviewBars(), pulses, id -> DeviceChoice.titleOf(id, choices));
                pulses.add(() -> {
                    showChart(timeline, p.timeline());
                    showChart(stateBars, p.stateBars());
                    showChart(categories, p.categories());
                    showChart(servers, p.servers());
                });
            });
        });
    }
}
