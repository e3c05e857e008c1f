package org.toktrace.ui.library;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.toktrace.model.AnalysisResult;
import org.toktrace.store.CaptureComparison;
import org.toktrace.store.LibraryEntry;
import org.toktrace.ui.AnalysisSession;
import org.toktrace.ui.Figures;
import org.toktrace.ui.MainWindow;

/**
 * The library view: a window beside the main one listing every capture analysed before with its key
 * figures (sortable), and what can be done with them: open one in the main window straight from the
 * database, delete, re-analyse the file at its stored path (after a catalog update), and compare two
 * side by side. Every database operation runs on the library thread ({@link LibraryAccess}).
 */
public final class LibraryWindow {

    private static final String APP_CSS = MainWindow.class.getResource("toktrace.css").toExternalForm();
    private static final String LIBRARY_CSS = LibraryWindow.class.getResource("library.css").toExternalForm();

    /** How long quitting waits for a save still running (a 1.5 GB capture's takes 1-2 s, its SHA-256 2-5 s). */
    private static final java.time.Duration SAVE_ON_QUIT = java.time.Duration.ofSeconds(15);

    private final MainWindow main;
    private final LibraryAccess access;
    private final Stage stage = new Stage();
    private final ObservableList<LibraryEntry> entries = FXCollections.observableArrayList();
    private final TableView<LibraryEntry> table = new TableView<>();
    private final Label status = new Label();
    private final GridPane comparison = new GridPane();
    private final ScrollPane comparisonPane = new ScrollPane(comparison);
    private final SplitPane split;
    private final AtomicLong listing = new AtomicLong();
    private List<ComparisonRows.Row> shownComparison = List.of();
    /** The library ids of the two captures the comparison on screen is of. */
    private java.util.Set<Long> comparedIds = java.util.Set.of();

    /**
     * Wires the library into {@code main}: every finished analysis is saved, a menu item and a toolbar
     * button (Ctrl+L) show this window, and H2 is opened once in the background so that the first open
     * from the library is fast. Call on the UI thread.
     */
    public static LibraryWindow install(MainWindow main, LibraryAccess access) {
        LibraryKeeper keeper = new LibraryKeeper(main.session(), access, Platform::runLater);
        main.session().setObserver(keeper);
        LibraryWindow window = new LibraryWindow(main, access);
        keeper.onSaved(window::refreshIfShown);
        // closing the window right after an analysis must not lose its save: the JVM waits for it a little
        Runtime.getRuntime().addShutdownHook(new Thread(() -> keeper.awaitSaves(SAVE_ON_QUIT), "toktrace-library-quit"));
        main.addLibraryAction("libraryButton", window::show);
        access.warmUp();
        return window;
    }

    LibraryWindow(MainWindow main, LibraryAccess access) {
        this.main = main;
        this.access = access;
        table.setId("libraryTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No captures yet: every capture you analyse is kept here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<LibraryEntry, String> file = column("File", "fileColumn", ComparisonRows::listName, s -> s, false);
        file.setPrefWidth(230);
        TableColumn<LibraryEntry, Instant> analysed = column("Analysed (UTC)", "analysedColumn", LibraryEntry::analysedAt,
                ComparisonRows.MINUTE::format, false);
        analysed.setPrefWidth(140);
        table.getColumns().add(file);
        table.getColumns().add(analysed);
        table.getColumns().add(column("Duration", "durationColumn", LibraryEntry::durationNanos, Figures::duration, true));
        table.getColumns().add(column("Devices", "devicesColumn", LibraryEntry::devices, n -> Figures.count(n), true));
        table.getColumns().add(column("Foreground", "foregroundColumn", LibraryEntry::foregroundBytes, Figures::bytes, true));
        table.getColumns().add(column("Background", "backgroundColumn", LibraryEntry::backgroundBytes, Figures::bytes, true));
        table.getColumns().add(column("Flows", "flowsColumn", LibraryEntry::flows, n -> Figures.count(n), true));
        table.getColumns().add(column("Size", "sizeColumn", e -> e.capture().sizeBytes(), Figures::bytes, true));
        TableColumn<LibraryEntry, String> catalog = column("Catalog", "catalogColumn", LibraryEntry::catalogVersion, s -> s, false);
        catalog.setPrefWidth(120);
        table.getColumns().add(catalog);
        analysed.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().add(analysed);
        SortedList<LibraryEntry> sorted = new SortedList<>(entries);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<LibraryEntry> row = new javafx.scene.control.TableRow<>() {
                @Override
                protected void updateItem(LibraryEntry e, boolean empty) {
                    super.updateItem(e, empty);
                    setTooltip(empty || e == null ? null : new Tooltip(e.source() + (e.complete() ? "" : "\n(partial: the capture ended early)")
                            + (e.warnings() == 0 ? "" : "\n\u26a0 analysed with " + e.warnings() + (e.warnings() == 1 ? " warning" : " warnings")
                                    + ": the capture is damaged, its figures may be short")));
                }
            };
            row.setOnMouseClicked(ev -> {
                if (ev.getButton() == MouseButton.PRIMARY && ev.getClickCount() == 2 && !row.isEmpty()) {
                    open(row.getItem());
                }
            });
            return row;
        });
        // a comparison stays only while the two it compares are the ones selected
        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<LibraryEntry>) ch -> {
            if (!shownComparison.isEmpty() && !comparedIds.equals(selectedIds())) {
                clearComparison();
            }
        });
        table.setOnKeyPressed(ev -> {
            if (ev.getCode() == KeyCode.ENTER && selected().size() == 1) {
                open(selected().get(0));
            } else if (ev.getCode() == KeyCode.DELETE && !selected().isEmpty()) {
                confirmDelete();
            }
        });

        stage.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, ev -> {
            if (ev.getCode() == KeyCode.ESCAPE) {
                stage.hide();
            }
        });
        comparison.setId("comparisonGrid");
        comparison.setHgap(24);
        comparison.setVgap(4);
        comparison.setPadding(new Insets(10));
        comparisonPane.setId("comparisonPane");
        comparisonPane.setFitToWidth(true);
        split = new SplitPane(table);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);

        BorderPane root = new BorderPane(split);
        root.setId("libraryWindow");
        root.setTop(toolBar());
        status.setId("libraryStatus");
        status.setMinWidth(0);
        HBox bar = new HBox(status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        root.setBottom(bar);
        Scene scene = new Scene(root, 1100, 620);
        stage.setScene(scene);
        stage.setTitle("TokTrace \u2014 Library");
        stage.initOwner(main.stage());
        stage.setMinWidth(760);
        stage.setMinHeight(420);
    }

    private ToolBar toolBar() {
        BooleanBinding one = Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1);
        Button open = button("Open", "libraryOpen", "Show this analysis in the main window, straight from the library (Enter)",
                () -> open(selected().get(0)));
        open.disableProperty().bind(one);
        Button reanalyse = button("Re-analyse", "libraryReanalyse",
                "Analyse the capture file again (e.g. after a catalog update); the stored analysis is replaced",
                () -> reanalyse(selected().get(0)));
        reanalyse.disableProperty().bind(one);
        Button compare = button("Compare", "libraryCompare", "Two selected captures side by side (Ctrl+click to select two)",
                () -> compare(selected().get(0), selected().get(1)));
        compare.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        Button delete = button("Delete\u2026", "libraryDelete", "Remove the stored analyses (the capture files stay) (Delete)",
                this::confirmDelete);
        delete.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        Button refresh = button("Refresh", "libraryRefresh", "Read the library again (a terminal may have changed it)", this::refresh);
        Label hint = new Label("Ctrl+click two captures to compare them");
        hint.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(open, reanalyse, compare, delete, new javafx.scene.control.Separator(), refresh, spacer, hint);
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A column of typed values (so it sorts by value, not by text) shown as {@code text} gives them. */
    private static <T> TableColumn<LibraryEntry, T> column(String title, String id, Function<LibraryEntry, T> value,
            Function<T, String> text, boolean numeric) {
        TableColumn<LibraryEntry, T> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        if (numeric) {
            c.getStyleClass().add("numeric");
            c.setPrefWidth(100);
        }
        return c;
    }

    private List<LibraryEntry> selected() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    /** Shows the window (in the main window's theme) and reads the library. */
    public void show() {
        Scene scene = stage.getScene();
        scene.getStylesheets().setAll(APP_CSS, LIBRARY_CSS);
        scene.getRoot().getStyleClass().removeAll("dark", "light");
        scene.getRoot().getStyleClass().addAll(main.scene().getRoot().getStyleClass().filtered(c -> c.equals("dark") || c.equals("light")));
        stage.show();
        stage.toFront();
        refresh();
    }

    public Stage stage() {
        return stage;
    }

    /** Reloads the list when the window is open (a capture was saved from elsewhere, e.g. a live capture). */
    public void refreshIfShown() {
        if (stage.isShowing()) {
            refresh();
        }
    }

    /** Reads the list again; the future completes on the UI thread once the table shows it. */
    public CompletableFuture<List<LibraryEntry>> refresh() {
        long job = listing.incrementAndGet();
        CompletableFuture<List<LibraryEntry>> shown = new CompletableFuture<>();
        access.read(library -> library.list(), List.<LibraryEntry>of()).whenComplete((list, e) -> Platform.runLater(() -> {
            if (listing.get() != job) {
                shown.complete(entries);
                return;
            }
            if (e != null) {
                problem("cannot read the library: " + LibraryKeeper.reason(e, access.database()));
                shown.completeExceptionally(e);
                return;
            }
            List<Long> keep = selected().stream().map(LibraryEntry::id).toList();
            entries.setAll(list);
            for (LibraryEntry x : table.getItems()) {
                if (keep.contains(x.id())) {
                    table.getSelectionModel().select(x);
                }
            }
            say(list.isEmpty() ? "The library " + access.database() + " is empty: every capture you analyse is kept there."
                    : Figures.count(list.size()) + (list.size() == 1 ? " capture" : " captures") + " in " + access.database());
            shown.complete(list);
        }));
        return shown;
    }

    /**
     * Loads {@code e}'s stored analysis off the UI thread and shows it in the main window; no capture is
     * read. The future completes on the UI thread once the main window has the result (true), or the
     * library no longer had it (false).
     */
    public CompletableFuture<Boolean> open(LibraryEntry e) {
        say("Opening " + ComparisonRows.fileName(e) + " from the library \u2026");
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        // the marks made during a live capture come along, to be drawn on its timeline
        access.run(library -> library.load(e.id()).map(a -> new Stored(a, library.marks(e.id()))))
                .whenComplete((r, x) -> Platform.runLater(() -> {
            if (x != null) {
                problem("cannot open " + ComparisonRows.fileName(e) + ": " + LibraryKeeper.reason(x, access.database()));
                done.complete(false);
                return;
            }
            if (r.isEmpty()) {
                problem("capture #" + e.id() + " is no longer in the library (deleted elsewhere?)");
                refresh();
                done.complete(false);
                return;
            }
            show(e, r.get().result());
            main.showMarks(r.get().marks());
            say("Opened " + ComparisonRows.fileName(e) + " in the main window.");
            done.complete(true);
        }));
        return done;
    }

    /** A stored analysis and the marks kept with it. */
    private record Stored(AnalysisResult result, List<org.toktrace.store.UserMark> marks) {
    }

    private void show(LibraryEntry e, AnalysisResult r) {
        Path file = pathOf(e).orElse(null);
        AnalysisSession session = main.session();
        session.showStored(file, r, "Opened " + ComparisonRows.fileName(e) + " from the library (analysed "
                + ComparisonRows.MINUTE.format(e.analysedAt()) + " UTC, catalog " + e.catalogVersion() + "): "
                + Figures.count(r.counters().frames()) + " packets, " + Figures.count(r.flows().size()) + " flows",
                e.sha256());
        main.stage().toFront();
    }

    private static Optional<Path> pathOf(LibraryEntry e) {
        try {
            return Optional.of(Path.of(e.source()));
        } catch (InvalidPathException x) {
            return Optional.empty(); // saved on another system
        }
    }

    /** Analyses the capture file again in the main window; its save then replaces the stored analysis. */
    void reanalyse(LibraryEntry e) {
        if (e.sha256() == null) {
            problem("cannot re-analyse " + ComparisonRows.fileName(e) + ": it was a live capture kept in no file");
            return;
        }
        Optional<Path> file = pathOf(e);
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            problem("cannot re-analyse: " + e.source() + " is gone (moved or deleted); the stored analysis stays."
                    + " Open the file where it is now to analyse it again.");
            return;
        }
        main.open(file.get());
        main.stage().toFront();
        say("Re-analysing " + ComparisonRows.fileName(e) + " in the main window; its library entry is replaced when done.");
    }

    private void confirmDelete() {
        List<LibraryEntry> doomed = selected();
        if (doomed.isEmpty()) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(stage);
        a.setTitle("TokTrace");
        a.setHeaderText(doomed.size() == 1 ? "Delete " + ComparisonRows.fileName(doomed.get(0)) + " from the library?"
                : "Delete " + doomed.size() + " captures from the library?");
        a.setContentText("Only the stored analyses go; the capture files stay where they are and can be analysed again.");
        a.getDialogPane().setId("libraryDeleteDialog");
        ((Button) a.getDialogPane().lookupButton(ButtonType.OK)).setText("Delete");
        a.resultProperty().addListener((o, was, answer) -> {
            if (answer == ButtonType.OK) {
                delete(doomed);
            }
        });
        a.show();
    }

    /** Deletes the entries' stored analyses; the future completes on the UI thread with how many went. */
    CompletableFuture<Integer> delete(List<LibraryEntry> doomed) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        access.run(library -> {
            int n = 0;
            for (LibraryEntry e : doomed) {
                n += library.delete(e.id()) ? 1 : 0;
            }
            return n;
        }).whenComplete((n, x) -> Platform.runLater(() -> {
            if (x != null) {
                problem("cannot delete: " + LibraryKeeper.reason(x, access.database()));
                done.complete(0);
                return;
            }
            refresh().whenComplete((l, y) -> {
                say("Deleted " + n + (n == 1 ? " capture" : " captures") + " from the library.");
                done.complete(n);
            });
        }));
        return done;
    }

    /** Puts {@code a} and {@code b} side by side below the list; loads both analyses off the UI thread. */
    CompletableFuture<Boolean> compare(LibraryEntry a, LibraryEntry b) {
        // the older capture on the left: "before" and "after" an app update read left to right
        LibraryEntry first = a.analysedAt().isAfter(b.analysedAt()) ? b : a;
        LibraryEntry second = first == a ? b : a;
        say("Comparing \u2026");
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        access.run(library -> library.compare(first.id(), second.id(), ComparisonRows.CADENCE))
                .whenComplete((c, x) -> Platform.runLater(() -> {
                    if (x != null) {
                        problem("cannot compare: " + LibraryKeeper.reason(x, access.database()));
                        done.complete(false);
                    } else if (c.isEmpty()) {
                        problem("one of the two captures is no longer in the library");
                        refresh();
                        done.complete(false);
                    } else {
                        showComparison(c.get());
                        say("Compared " + ComparisonRows.fileName(first) + " with " + ComparisonRows.fileName(second)
                                + " (rates per minute or hour of device time in that state; n/a: no time in it).");
                        done.complete(true);
                    }
                }));
        return done;
    }

    private java.util.Set<Long> selectedIds() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        table.getSelectionModel().getSelectedItems().forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** Takes the comparison off screen: its captures are no longer the ones selected. */
    private void clearComparison() {
        comparison.getChildren().clear();
        shownComparison = List.of();
        comparedIds = java.util.Set.of();
        split.getItems().remove(comparisonPane);
        say("Select two captures and press Compare to compare them.");
    }

    private void showComparison(CaptureComparison c) {
        List<ComparisonRows.Row> rows = ComparisonRows.of(c);
        comparison.getChildren().clear();
        ColumnConstraints right = new ColumnConstraints();
        right.setHalignment(javafx.geometry.HPos.RIGHT);
        comparison.getColumnConstraints().setAll(new ColumnConstraints(), new ColumnConstraints(), new ColumnConstraints(), right);
        int i = 0;
        for (ComparisonRows.Row r : rows) {
            Label label = new Label(r.label());
            label.getStyleClass().add(i == 0 ? "section-title" : "card-title");
            Label a = new Label(r.a());
            Label b = new Label(r.b());
            Label d = new Label(i == 0 ? "B \u2212 A" : r.difference());
            if (i == 0) {
                a.getStyleClass().add("section-title");
                b.getStyleClass().add("section-title");
                d.getStyleClass().add("section-title");
                d.setTooltip(new Tooltip("The right-hand capture's figure minus the left-hand one's, in the same unit"));
            }
            a.setId("compareA" + i);
            b.setId("compareB" + i);
            d.setId("compareDiff" + i);
            comparison.addRow(i++, label, a, b, d);
        }
        shownComparison = rows;
        comparedIds = java.util.Set.of(c.a().entry().id(), c.b().entry().id());
        if (!split.getItems().contains(comparisonPane)) {
            split.getItems().add(comparisonPane);
            split.setDividerPositions(0.3); // a few captures stay in view; the rows of the comparison need the room
        }
    }

    /** The rows of the comparison on screen, for tests. */
    List<ComparisonRows.Row> shownComparison() {
        return shownComparison;
    }

    private void say(String line) {
        status.getStyleClass().remove("library-problem");
        status.setText(line);
    }

    private void problem(String line) {
        if (!status.getStyleClass().contains("library-problem")) {
            status.getStyleClass().add("library-problem");
        }
        status.setText(line);
    }
}
