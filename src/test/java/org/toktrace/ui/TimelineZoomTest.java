package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The timeline zooms in time only: a drag narrows the time axis and leaves the byte axis whole;
 * Reset zoom, a double-click and the context menu show everything again; a tooltip goes with the
 * pointer.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineZoomTest {
    private MainWindow window;
    private ChartViewer viewer;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), TestDialogs.none(),
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @BeforeEach
    void showTheSampleTimeline(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(MainWindowTest.SAMPLE));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        robot.clickOn("#timelineTab");
        viewer = robot.lookup("#timelineChartViewer").queryAs(ChartViewer.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewer.getChart() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300); // a first draw, so the canvas knows its data area
        WaitForAsyncUtils.waitForFxEvents();
    }

    private XYPlot plot() {
        return viewer.getChart().getXYPlot();
    }

    /** A point of the canvas at fractions of its width and height, on screen. */
    private Point2D at(double fx, double fy) {
        Bounds b = viewer.getCanvas().localToScreen(viewer.getCanvas().getBoundsInLocal());
        return new Point2D(b.getMinX() + b.getWidth() * fx, b.getMinY() + b.getHeight() * fy);
    }

    private void dragAcross(FxRobot robot) {
        robot.drag(at(0.35, 0.35), MouseButton.PRIMARY).moveTo(at(0.45, 0.5)).moveTo(at(0.6, 0.7)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static double width(Range r) {
        return r.getUpperBound() - r.getLowerBound();
    }

    @Test
    void aDragZoomsTimeOnlyAndResetZoomShowsEverythingAgain(FxRobot robot) {
        Range time = plot().getDomainAxis().getRange();
        Range bytes = plot().getRangeAxis().getRange();

        dragAcross(robot);
        Range zoomed = plot().getDomainAxis().getRange();
        assertTrue(width(zoomed) < width(time) * 0.5, "the time axis narrows: " + time + " -> " + zoomed);
        assertEquals(bytes, plot().getRangeAxis().getRange(), "the byte axis keeps its whole scale");

        robot.clickOn("#timelineChartResetZoom");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(time, plot().getDomainAxis().getRange(), "Reset zoom restores the whole time range");
        assertEquals(bytes, plot().getRangeAxis().getRange());
    }

    @Test
    void aDoubleClickShowsEverythingAgain(FxRobot robot) {
        Range time = plot().getDomainAxis().getRange();
        dragAcross(robot);
        assertFalse(time.equals(plot().getDomainAxis().getRange()), "zoomed in");
        robot.moveTo(at(0.5, 0.5)).doubleClickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(time, plot().getDomainAxis().getRange());
    }

    @Test
    void theContextMenuOffersResetAndSaveBesideExport(FxRobot robot) {
        List<String> items = viewer.getContextMenu().getItems().stream().map(MenuItem::getText).toList();
        assertTrue(items.containsAll(List.of("Reset zoom", "Save as PNG\u2026", "Export As")), items.toString());
        javafx.scene.control.Menu export = (javafx.scene.control.Menu) viewer.getContextMenu().getItems().stream()
                .filter(m -> "Export As".equals(m.getText())).findFirst().orElseThrow();
        // JFreeChart's own export would write the chart without the capture's name: only ours is offered
        assertEquals(List.of("PNG\u2026"), export.getItems().stream().map(MenuItem::getText).toList());
        Range time = plot().getDomainAxis().getRange();
        dragAcross(robot);
        robot.interact(() -> viewer.getContextMenu().getItems().get(0).fire());
        assertEquals(time, plot().getDomainAxis().getRange(), "the menu's Reset zoom works too");
    }

    @Test
    void aTooltipGoesWhenThePointerLeavesTheChart(FxRobot robot) {
        ChartCanvas canvas = viewer.getCanvas();
        // as the canvas's own tooltip handler does over a bar
        robot.interact(() -> canvas.setTooltip("16:19:30 UTC, foreground: 700 kB per 1 s", 10, 10));
        assertTrue(canvas.getProperties().containsKey("javafx.scene.control.Tooltip"), "a tooltip is installed");
        robot.interact(() -> Event.fireEvent(canvas, new MouseEvent(MouseEvent.MOUSE_EXITED, -1, -1, 0, 0,
                MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null)));
        assertNull(canvas.getProperties().get("javafx.scene.control.Tooltip"), "no tooltip left behind");
    }
}
