package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Paint;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.model.FlowRecord;

/** Dark mode reaches the charts: their backgrounds turn dark and their text light, and back again. */
@ExtendWith(ApplicationExtension.class)
class ChartThemeTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), TestDialogs.none(),
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @AfterEach
    void lightAgain() {
        // the theme is global, as JavaFX's user-agent stylesheet is: the next test starts light
        Platform.runLater(() -> Theme.apply(window.scene(), false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static double luminance(Paint p) {
        Color c = (Color) p;
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
    }

    private static ChartViewer viewer(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ChartViewer.class);
    }

    private static void assertDark(JFreeChart chart, String what) {
        assertNotNull(chart, what);
        assertTrue(luminance(chart.getBackgroundPaint()) < 0.2, what + " background " + chart.getBackgroundPaint());
        assertTrue(luminance(chart.getPlot().getBackgroundPaint()) < 0.2, what + " plot " + chart.getPlot().getBackgroundPaint());
        assertTrue(luminance(chart.getTitle().getPaint()) > 0.6, what + " title " + chart.getTitle().getPaint());
        if (chart.getPlot() instanceof XYPlot xy) {
            assertTrue(luminance(xy.getDomainAxis().getTickLabelPaint()) > 0.6, what + " time labels");
            assertTrue(luminance(xy.getRangeAxis().getTickLabelPaint()) > 0.6, what + " byte labels");
            assertTrue(luminance(xy.getRangeGridlinePaint()) < 0.35, what + " grid " + xy.getRangeGridlinePaint());
        } else {
            assertTrue(luminance(chart.getCategoryPlot().getRangeAxis().getTickLabelPaint()) > 0.6, what + " byte labels");
        }
        if (chart.getLegend() != null) {
            assertTrue(luminance(chart.getLegend().getBackgroundPaint()) < 0.2, what + " legend");
            assertTrue(luminance(chart.getLegend().getItemPaint()) > 0.6, what + " legend text");
        }
    }

    private static void assertLight(JFreeChart chart, String what) {
        assertTrue(luminance(chart.getBackgroundPaint()) > 0.9, what + " background " + chart.getBackgroundPaint());
        assertTrue(luminance(chart.getPlot().getBackgroundPaint()) > 0.9, what + " plot");
        assertTrue(luminance(chart.getTitle().getPaint()) < 0.3, what + " title");
    }

    /** The drawn canvas, not only the chart's settings: a pixel in the chart's margin. */
    private static double drawnLuminance(FxRobot robot, ChartViewer v) {
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = v.getCanvas().snapshot(null, null));
        javafx.scene.paint.Color c = img[0].getPixelReader().getColor(3, 3);
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void darkModeMakesEveryChartDarkAndLightModeMakesThemLightAgain(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(MainWindowTest.SAMPLE));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        robot.clickOn("#timelineTab");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewer(robot, "#timelineChartViewer").getChart() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertLight(viewer(robot, "#timelineChartViewer").getChart(), "timeline, light");
        assertTrue(drawnLuminance(robot, viewer(robot, "#timelineChartViewer")) > 0.9, "drawn light");

        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        // the chart on screen changes at once
        assertDark(viewer(robot, "#timelineChartViewer").getChart(), "timeline on screen");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> drawnLuminance(robot, viewer(robot, "#timelineChartViewer")) < 0.2);

        // and the rebuilt ones, on every tab, come dark too
        robot.clickOn("#chartsTab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewer(robot, "#serversChartViewer").getChart() != null
                && luminance(viewer(robot, "#serversChartViewer").getChart().getBackgroundPaint()) < 0.2);
        for (String id : List.of("#timelineChartViewer", "#stateBarsChartViewer", "#categoriesChartViewer",
                "#serversChartViewer", "#overviewBarsChart")) {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewer(robot, id).getChart() != null
                    && luminance(viewer(robot, id).getChart().getBackgroundPaint()) < 0.2);
            assertDark(viewer(robot, id).getChart(), id);
        }

        // a flow's own chart, made when a flow is selected, is dark as well
        robot.clickOn("#flowsTab");
        @SuppressWarnings("unchecked")
        TableView<FlowRecord> table = robot.lookup("#flowsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        robot.interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewer(robot, "#flowChart").getChart() != null);
        assertDark(viewer(robot, "#flowChart").getChart(), "flow chart");

        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertLight(viewer(robot, "#flowChart").getChart(), "flow chart, light again");
        robot.clickOn("#timelineTab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> luminance(viewer(robot, "#timelineChartViewer").getChart().getBackgroundPaint()) > 0.9);
        assertLight(viewer(robot, "#timelineChartViewer").getChart(), "timeline, light again");
    }
}
