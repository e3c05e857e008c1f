package org.toktrace.ui;

import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

/**
 * A chart with a small bar above it: a hint on zoom and pan, Reset zoom, and a button that saves it
 * as PNG. Double-click and the context menu reset the zoom too.
 */
final class ChartPane extends VBox {
    final ChartViewer viewer = new ChartViewer();
    final HBox bar = new HBox(8);
    final Button resetZoom = new Button("Reset zoom");

    ChartPane(String id, String fileStem, Consumer<ChartPane> save) {
        setId(id);
        viewer.setId(id + "Viewer");
        Label hint = new Label("drag to zoom in \u00b7 wheel zooms \u00b7 Ctrl+drag pans \u00b7 double-click shows all");
        hint.getStyleClass().add("hint");
        hint.setMinWidth(0); // a narrow window wraps the hint onto a second line, and never cuts the buttons
        hint.setWrapText(true);
        hint.setTooltip(new Tooltip(hint.getText()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        resetZoom.setId(id + "ResetZoom");
        resetZoom.getStyleClass().add("small");
        resetZoom.setTooltip(new Tooltip("Show the whole chart again (or double-click it)"));
        resetZoom.setOnAction(e -> resetZoom());
        resetZoom.setMinWidth(Region.USE_PREF_SIZE);
        Button png = new Button("Save PNG\u2026");
        png.setId(id + "SavePng");
        png.getStyleClass().add("small");
        png.setTooltip(new Tooltip("Save this chart as a PNG image"));
        png.setOnAction(e -> save.accept(this));
        png.setMinWidth(Region.USE_PREF_SIZE);
        bar.getChildren().addAll(hint, spacer, resetZoom, png);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        viewer.setMinSize(200, 150);
        getChildren().addAll(bar, viewer);
        setSpacing(4);
        setUserData(fileStem);

        ChartCanvas canvas = viewer.getCanvas();
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                resetZoom();
            }
        });
        // the canvas shows a bar's tooltip while the pointer moves over it but never takes it back
        // when the pointer leaves the chart: without this it stays over whatever comes next
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> canvas.setTooltip(null, 0, 0));
        MenuItem reset = new MenuItem("Reset zoom");
        reset.setOnAction(e -> resetZoom());
        MenuItem savePng = new MenuItem("Save as PNG\u2026");
        savePng.setOnAction(e -> save.accept(this));
        viewer.getContextMenu().getItems().addAll(0, java.util.List.of(reset, savePng, new SeparatorMenuItem()));
        // JFreeChart's own export writes the bare chart: its PNG goes through ours, which adds the capture's
        // name and time below the chart
        for (MenuItem m : viewer.getContextMenu().getItems()) {
            if (m instanceof javafx.scene.control.Menu export && "Export As".equals(export.getText())) {
                MenuItem asPng = new MenuItem("PNG\u2026");
                asPng.setOnAction(e -> save.accept(this));
                export.getItems().setAll(asPng);
            }
        }
    }

    /**
     * Makes drag and wheel zoom along the domain (time) axis only; {@link Charts.TimePlot} keeps a
     * drag to time, this keeps the wheel to it.
     */
    ChartPane zoomAlongTimeOnly() {
        viewer.getCanvas().setRangeZoomable(false);
        return this;
    }

    /** Shows the whole chart again: every axis back to the range its data need. */
    void resetZoom() {
        JFreeChart chart = chart();
        if (chart == null) {
            return;
        }
        Plot plot = chart.getPlot();
        if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                auto(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                auto(xy.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot category) {
            for (int i = 0; i < category.getRangeAxisCount(); i++) {
                auto(category.getRangeAxis(i));
            }
        }
    }

    private static void auto(ValueAxis axis) {
        if (axis != null) {
            axis.setAutoRange(true);
        }
    }

    JFreeChart chart() {
        return viewer.getChart();
    }

    String fileStem() {
        return (String) getUserData();
    }
}
