package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
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
import org.toktrace.model.FixedFlowList;
import org.toktrace.model.FlowRecord;
import org.toktrace.testkit.traffic.UdpFlood;

/**
 * A capture of more flows than the heap keeps (read back from disk) in the flows table: all of them
 * listed, the last one reachable, sorting by bytes and filtering done off the UI thread.
 */
@ExtendWith(ApplicationExtension.class)
class BigFlowsTableTest {
    private static final int FLOWS = FlowsPane.IN_PLACE_LIMIT + 20_000;

    @TempDir
    static Path dir;
    static Path capture;

    private MainWindow window;

    @BeforeAll
    static void writeTheCapture() throws Exception {
        capture = dir.resolve("many-flows.pcap");
        UdpFlood.write(capture, FLOWS, 97);
    }

    @Start
    void start(Stage stage) {
        CaptureAnalyzer onDisk = new CaptureAnalyzer(AnalysisOptions.defaults().withFlowsInMemory(1_000));
        window = new MainWindow(stage, new AnalysisSession(onDisk::analyze, Platform::runLater), TestDialogs.none(),
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private static TableView<FlowRecord> table(FxRobot robot) {
        return robot.lookup("#flowsTable").queryAs(TableView.class);
    }

    @Test
    void everyFlowIsListedTheLastIsReachableAndSortingByBytesWorks(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(capture));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        robot.clickOn("#flowsTab");
        robot.interact(() -> robot.lookup("#tiktokOnly").queryAs(javafx.scene.control.CheckBox.class).setSelected(false));
        TableView<FlowRecord> table = table(robot);
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == FLOWS
                    && robot.lookup("#flowCount").queryAs(Label.class).getText().startsWith(String.format("%,d of %,d flows \u00b7 ", FLOWS, FLOWS)));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(table.getItems().size() + " rows, " + robot.lookup("#flowCount").queryAs(Label.class).getText()
                    + ", result " + window.session().resultProperty().get().flows().size());
        }
        assertInstanceOf(FixedFlowList.class, window.session().resultProperty().get().flows(), "the flows come from disk");
        Label count = robot.lookup("#flowCount").queryAs(Label.class);
        assertTrue(count.getText().startsWith(String.format("%,d of %,d flows \u00b7 ", FLOWS, FLOWS)), count.getText());

        robot.interact(() -> table.scrollTo(FLOWS - 1));
        // the rows drawn at the end of the list are read from disk as they are drawn
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .anyMatch(r -> r.getIndex() >= FLOWS - 3 && r.getItem() != null && ((FlowRecord) r.getItem()).id() == r.getIndex() + 1));
        assertEquals(FLOWS, table.getItems().get(FLOWS - 1).id(), "the last row is the last flow");

        TableColumn<FlowRecord, ?> up = table.getColumns().stream().filter(c -> "bytes_up".equals(c.getId())).findFirst()
                .orElseThrow();
        robot.interact(() -> {
            up.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().clear();
            table.getSortOrder().add(up);
        });
        if (count.getText().startsWith("sorting")) {
            assertEquals("Sorting 120,000 flows \u2026", ((Label) table.getPlaceholder()).getText(), "the table says what it waits for");
        }
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> count.getText().contains(" flows \u00b7 ") && !count.getText().startsWith("sorting"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FLOWS, table.getItems().size());
        long first = table.getItems().get(0).bytesUp();
        long last = table.getItems().get(FLOWS - 1).bytesUp();
        assertEquals(20 + 8 + 16 + 96, first, "the biggest first");
        assertEquals(20 + 8 + 16, last, "the smallest last");
        for (int i = 1; i < 2_000; i++) {
            assertTrue(table.getItems().get(i - 1).bytesUp() >= table.getItems().get(i).bytesUp(), "descending at " + i);
        }

        robot.interact(() -> robot.lookup("#searchField").queryAs(javafx.scene.control.TextField.class).setText("198.0.0.7"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !table.getItems().isEmpty() && table.getItems().size() < FLOWS
                && count.getText().contains(String.format("of %,d flows \u00b7 ", FLOWS)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(table.getItems().stream().allMatch(f -> f.key().server().toString().contains("198.0.0.7")),
                table.getItems().toString());
        assertTrue(count.getText().contains(String.format("of %,d flows \u00b7 ", FLOWS)), count.getText());
    }
}
