package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.model.FlowRecord;

/** The selected flow's chart zooms its time with the wheel, as the timeline does, and Reset zoom undoes it. */
@ExtendWith(ApplicationExtension.class)
class FlowChartZoomTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), TestDialogs.none(),
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @Test
    void theWheelZoomsTimeOnlyAndResetZoomUndoesIt(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(MainWindowTest.SAMPLE));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        robot.clickOn("#flowsTab");
        @SuppressWarnings("unchecked")
        TableView<FlowRecord> table = robot.lookup("#flowsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        int longest = 0;
        for (int i = 0; i < table.getItems().size(); i++) {
            FlowRecord f = table.getItems().get(i);
            if (f.lastSeenNanos() - f.firstSeenNanos() > table.getItems().get(longest).lastSeenNanos()
                    - table.getItems().get(longest).firstSeenNanos()) {
                longest = i;
            }
        }
        int row = longest;
        robot.interact(() -> table.getSelectionModel().select(row));
        ChartViewer viewer = robot.lookup("#flowChart").queryAs(ChartViewer.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewer.getChart() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300); // a first draw, so the canvas knows its data area
        WaitForAsyncUtils.waitForFxEvents();
        var plot = viewer.getChart().getXYPlot();
        Range time = plot.getDomainAxis().getRange();
        Range bytes = plot.getRangeAxis().getRange();

        ChartCanvas canvas = viewer.getCanvas();
        // the wheel turned towards the user over the middle of the plot's data area zooms in
        java.awt.geom.Rectangle2D area = canvas.getRenderingInfo().getPlotInfo().getDataArea();
        assertTrue(area.getWidth() > 0, "drawn: " + area);
        // an event's coordinates are the scene's; the canvas reads them in its own
        javafx.geometry.Point2D middle = canvas.localToScene(area.getCenterX(), area.getCenterY());
        robot.interact(() -> Event.fireEvent(canvas, new ScrollEvent(ScrollEvent.SCROLL, middle.getX(), middle.getY(),
                0, 0, false, false, false, false, false, false, 0, -40, 0, -40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        WaitForAsyncUtils.waitForFxEvents();
        Range zoomed = plot.getDomainAxis().getRange();
        assertTrue(zoomed.getLength() < time.getLength(), "the wheel narrows the time axis: " + time + " -> " + zoomed);
        assertEquals(bytes, plot.getRangeAxis().getRange(), "the byte axis keeps its scale");

        robot.clickOn("#flowChartPaneResetZoom");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(time, plot.getDomainAxis().getRange(), "Reset zoom shows the whole flow again");

        robot.interact(() -> canvas.setTooltip("16:19:30 UTC: 700 kB", 10, 10));
        robot.interact(() -> Event.fireEvent(canvas, new MouseEvent(MouseEvent.MOUSE_EXITED, -1, -1, 0, 0,
                MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null)));
        assertNull(canvas.getProperties().get("javafx.scene.control.Tooltip"), "no tooltip left once the pointer leaves");
    }
}
