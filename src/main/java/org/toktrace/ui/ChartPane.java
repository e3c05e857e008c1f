package org.toktrace.ui;

import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/** A chart with a small bar above it: a hint on zoom and pan, and a button that saves it as PNG. */
final class ChartPane extends VBox {
    final ChartViewer viewer = new ChartViewer();
    final HBox bar = new HBox(8);

    ChartPane(String id, String fileStem, Consumer<ChartPane> save) {
        setId(id);
        viewer.setId(id + "Viewer");
        Label hint = new Label("drag to zoom \u00b7 wheel zooms \u00b7 Ctrl+drag pans \u00b7 right-click for more");
        hint.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button png = new Button("Save PNG\u2026");
        png.setId(id + "SavePng");
        png.getStyleClass().add("small");
        png.setTooltip(new Tooltip("Save this chart as a PNG image"));
        png.setOnAction(e -> save.accept(this));
        bar.getChildren().addAll(hint, spacer, png);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        viewer.setMinSize(200, 150);
        getChildren().addAll(bar, viewer);
        setSpacing(4);
        setUserData(fileStem);
    }

    JFreeChart chart() {
        return viewer.getChart();
    }

    String fileStem() {
        return (String) getUserData();
    }
}
