package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.model.FlowRecord;

/**
 * No text of the main views is cut at 1280x800 or 1024x700, in the light theme or the dark: a label
 * drawn shorter than its text (ending in its ellipsis) is a finding, unless a tooltip gives the whole
 * text. Table cells are left out (a long server name is cut in its column) but a server name's cell
 * carries its full name in a tooltip.
 */
@ExtendWith(ApplicationExtension.class)
class CutTextTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater),
                TestDialogs.none(), new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @Test
    void noLabelOfTheMainViewsIsCut(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Path.of("captures/hotspot-sample.pcap")));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        List<String> cut = new ArrayList<>();
        for (boolean dark : new boolean[] {false, true}) {
            for (int[] size : new int[][] {{1280, 800}, {1024, 700}}) {
                robot.interact(() -> {
                    Theme.apply(window.scene(), dark);
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
                for (int tab = 0; tab < tabs.getTabs().size(); tab++) {
                    int t = tab;
                    robot.interact(() -> tabs.getSelectionModel().select(t));
                    if (tab == 3) {
                        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#flowCount")
                                .queryLabeled().getText().contains(" of "));
                    }
                    WaitForAsyncUtils.waitForFxEvents();
                    robot.interact(() -> window.scene().getRoot().applyCss());
                    robot.interact(() -> window.scene().getRoot().layout());
                    WaitForAsyncUtils.waitForFxEvents();
                    String where = (dark ? "dark " : "light ") + size[0] + "x" + size[1] + " "
                            + tabs.getTabs().get(tab).getText() + ": ";
                    robot.interact(() -> collectCut(window.scene().getRoot(), where, cut));
                }
            }
        }
        assertEquals(List.of(), cut);
    }

    @Test
    void aLongServerNameHasItsFullNameInATooltip(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(Path.of("captures/hotspot-sample.pcap")));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        robot.clickOn("#flowsTab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#flowCount").queryLabeled()
                .getText().contains(" of "));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#flowsTable").queryTableView();
        List<TableCell<?, ?>> names = new ArrayList<>();
        robot.interact(() -> table.lookupAll(".table-cell").forEach(n -> {
            if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null && "server_name".equals(c.getTableColumn().getId())
                    && c.getItem() != null && !c.isEmpty()) {
                names.add(c);
            }
        }));
        assertFalse(names.isEmpty(), "the table draws server names");
        for (TableCell<?, ?> c : names) {
            FlowRecord f = (FlowRecord) c.getTableRow().getItem();
            Tooltip tip = c.getTooltip();
            assertNotNull(tip, "server name " + c.getItem());
            assertEquals(true, tip.getText().contains(f.attribution().serverName() == null ? String.valueOf(c.getItem())
                    : f.attribution().serverName()), tip.getText());
        }
    }

    /** Adds to {@code cut} every shown label under {@code n} that is drawn cut and has no tooltip with its text. */
    private static void collectCut(Node n, String where, List<String> cut) {
        if (!n.isVisible() || n instanceof TableCell<?, ?>) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            Node drawn = l.lookup(".text");
            if (drawn instanceof Text text && !text.getText().equals(l.getText())
                    && text.getText().endsWith(l.getEllipsisString()) && !hasFullTooltip(l)) {
                cut.add(where + l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId()) + " \""
                        + l.getText() + "\" drawn \"" + text.getText() + "\"");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collectCut(c, where, cut);
            }
        }
    }

    private static boolean hasFullTooltip(Labeled l) {
        return l.getTooltip() != null && l.getTooltip().getText() != null && l.getTooltip().getText().contains(l.getText());
    }
}
