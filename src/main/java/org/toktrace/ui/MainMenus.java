package org.toktrace.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

/**
 * The main window's menu bar and tool bar with the Recent lists they share: every command's entry
 * point and shortcut, apart from the views the commands act on.
 */
final class MainMenus {
    private final Stage stage;
    private final AnalysisSession session;
    private final FileDialogs dialogs;
    private final RecentFiles recent;
    private final CaptureExports exports;
    private final TabPane tabs;
    private final Menu recentMenu = new Menu("Open _Recent");
    private final MenuButton recentButton = new MenuButton("Recent");
    private final MenuBar menuBar;
    private Menu fileMenu;
    private final ToolBar toolBar;

    /**
     * The menus and tool bar of a window showing {@code session} in {@code tabs}.
     *
     * @param timeline the chart that Save timeline chart as PNG saves
     * @param find     shows the flows table's search
     * @param dark     switches dark mode on (true) or off
     * @param devices  the tool bar's device choice
     */
    MainMenus(Stage stage, AnalysisSession session, FileDialogs dialogs, RecentFiles recent, CaptureExports exports,
            TabPane tabs, ChartPane timeline, Runnable find, Consumer<Boolean> dark, DevicePicker devices) {
        this.stage = stage;
        this.session = session;
        this.dialogs = dialogs;
        this.recent = recent;
        this.exports = exports;
        this.tabs = tabs;
        this.menuBar = menuBar(timeline, find, dark);
        this.toolBar = toolBar(timeline, devices);
        // only a file that could be read goes into Recent: a bad one would be offered again and again
        session.onOpenedProperty().set(file -> {
            recent.opened(file);
            refreshRecent();
        });
        refreshRecent();
    }

    MenuBar menuBar() {
        return menuBar;
    }

    ToolBar toolBar() {
        return toolBar;
    }

    /**
     * Adds the capture library's entry points: a File menu item (Ctrl+L) after Open Recent and a
     * toolbar button after Recent, both with id {@code id} (the item's id gets "Item" appended).
     */
    void addLibraryAction(String id, Runnable action) {
        MenuItem item = item("_Library\u2026", id + "Item", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                action);
        fileMenu.getItems().add(fileMenu.getItems().indexOf(recentMenu) + 1, item);
        Button button = new Button("Library");
        button.setId(id);
        button.setTooltip(new Tooltip("Every capture analysed before: reopen, compare, re-analyse (Ctrl+L)"));
        button.setOnAction(e -> action.run());
        toolBar.getItems().add(toolBar.getItems().indexOf(recentButton) + 1, button);
    }

    /** Adds live capture's menu before Help and its toolbar items after Open. */
    void addCapture(Menu menu, List<Node> toolbarItems) {
        menuBar.getMenus().add(menuBar.getMenus().size() - 1, menu);
        toolBar.getItems().addAll(1, toolbarItems);
    }

    private MenuBar menuBar(ChartPane timeline, Runnable find, Consumer<Boolean> dark) {
        MenuItem open = item("_Open capture\u2026", "menuOpen", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                this::chooseAndOpen);
        MenuItem exportFlows = item("Export _flows CSV\u2026", "menuExportFlows",
                new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), exports::exportFlows);
        MenuItem exportTimeline = item("Export _timeline CSV\u2026", "menuExportTimeline",
                new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                exports::exportTimeline);
        MenuItem exportReport = item("Export re_port\u2026", "menuExportReport",
                new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                exports::exportReport);
        MenuItem savePng = item("_Save timeline chart as PNG\u2026", "menuSavePng",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), () -> exports.savePng(timeline));
        MenuItem cancel = item("_Cancel analysis", "menuCancel", new KeyCodeCombination(KeyCode.ESCAPE), session::cancel);
        // a close request, as the window's close button sends: a live capture holds the window until it is saved
        MenuItem quit = item("_Quit", "menuQuit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        noResult(exportFlows);
        noResult(exportTimeline);
        noResult(exportReport);
        noResult(savePng);
        cancel.disableProperty().bind(session.phaseProperty().isNotEqualTo(AnalysisSession.Phase.RUNNING));
        Menu file = fileMenu = new Menu("_File", null, open, recentMenu, new SeparatorMenuItem(), exportFlows, exportTimeline,
                exportReport, savePng, new SeparatorMenuItem(), cancel, new SeparatorMenuItem(), quit);

        CheckMenuItem darkMode = new CheckMenuItem("_Dark mode");
        darkMode.setId("menuDark");
        darkMode.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN));
        darkMode.selectedProperty().addListener((o, a, b) -> dark.accept(b));
        Menu view = new Menu("_View", null,
                tabItem("_Overview", 0, KeyCode.DIGIT1), tabItem("_Timeline", 1, KeyCode.DIGIT2),
                tabItem("_Charts", 2, KeyCode.DIGIT3), tabItem("F_lows", 3, KeyCode.DIGIT4),
                tabItem("_Where it goes", 4, KeyCode.DIGIT5),
                item("_Find flows", "menuFind", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), find),
                new SeparatorMenuItem(), darkMode);
        MenuItem about = item("_About TokTrace", "menuAbout", null, () -> HelpTexts.showAbout(stage));
        MenuItem glossary = item("_Glossary", "menuGlossary", new KeyCodeCombination(KeyCode.F1), () -> HelpTexts.showGlossary(stage));
        MenuBar bar = new MenuBar(file, view, new Menu("_Help", null, glossary, about));
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void noResult(MenuItem item) {
        item.disableProperty().bind(session.resultProperty().isNull()
                .or(session.phaseProperty().isEqualTo(AnalysisSession.Phase.RUNNING))); // not a partial result
    }

    private MenuItem tabItem(String text, int index, KeyCode key) {
        return item(text, null, new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN),
                () -> tabs.getSelectionModel().select(index));
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (id != null) {
            m.setId(id);
        }
        if (key != null) {
            m.setAccelerator(key);
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private ToolBar toolBar(ChartPane timeline, DevicePicker devices) {
        Button open = new Button("Open\u2026");
        open.setId("openButton");
        open.setTooltip(new Tooltip("Open a pcap or pcapng capture (Ctrl+O), or drop one on the window"));
        open.setOnAction(e -> chooseAndOpen());
        open.setDefaultButton(false);
        recentButton.setId("recentButton");
        MenuButton export = new MenuButton("Export");
        export.setId("exportButton");
        MenuItem flowsCsv = new MenuItem("Flows CSV\u2026");
        flowsCsv.setId("exportFlowsItem");
        flowsCsv.setOnAction(e -> exports.exportFlows());
        MenuItem timelineCsv = new MenuItem("Timeline CSV\u2026");
        timelineCsv.setId("exportTimelineItem");
        timelineCsv.setOnAction(e -> exports.exportTimeline());
        MenuItem png = new MenuItem("Timeline chart as PNG\u2026");
        png.setOnAction(e -> exports.savePng(timeline));
        MenuItem report = item("Report (HTML or PDF)\u2026", "exportReportItem", null, exports::exportReport);
        export.getItems().addAll(flowsCsv, timelineCsv, report, png);
        export.disableProperty().bind(session.resultProperty().isNull()
                .or(session.phaseProperty().isEqualTo(AnalysisSession.Phase.RUNNING)));
        Button cancel = new Button("Cancel");
        cancel.setId("toolbarCancel");
        cancel.setTooltip(new Tooltip("Stop the analysis (Esc); the flows read so far stay"));
        cancel.setOnAction(e -> session.cancel());
        cancel.disableProperty().bind(session.phaseProperty().isNotEqualTo(AnalysisSession.Phase.RUNNING));
        Label deviceLabel = new Label("Device");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(open, recentButton, export, cancel, new javafx.scene.control.Separator(), deviceLabel,
                devices.node(), spacer);
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        recentButton.getItems().clear();
        for (Path p : recent.files()) {
            recentMenu.getItems().add(recentItem(p.toString(), p));
            recentButton.getItems().add(recentItem(p.getFileName() == null ? p.toString() : p.getFileName().toString(), p));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
        recentButton.setDisable(recentButton.getItems().isEmpty());
    }

    /** A file name is shown as it is: an underscore in it is no mnemonic ("hotspot_session.pcap"). */
    private MenuItem recentItem(String text, Path file) {
        MenuItem m = new MenuItem(text);
        m.setMnemonicParsing(false);
        m.setOnAction(e -> session.open(file));
        return m;
    }

    private void chooseAndOpen() {
        dialogs.chooseCapture(stage).ifPresent(session::open);
    }
}
