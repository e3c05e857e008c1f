package org.toktrace.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import java.util.List;
import javafx.scene.Scene;

/**
 * The app's look: AtlantaFX's Primer theme, light or dark, plus TokTrace's own stylesheet, and the
 * charts' palette to match.
 */
final class Theme {
    private static final String APP_CSS = Theme.class.getResource("toktrace.css").toExternalForm();

    private Theme() {
    }

    static void apply(Scene scene, boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
        scene.getRoot().getStyleClass().removeAll("dark", "light");
        scene.getRoot().getStyleClass().add(dark ? "dark" : "light");
        Charts.usePalette(ChartPalette.of(dark));
    }

    /** Paints every chart shown under {@code root} in the palette of the theme now applied. */
    static void restyleCharts(javafx.scene.Parent root) {
        ChartPalette p = Charts.palette();
        java.util.ArrayDeque<javafx.scene.Node> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            javafx.scene.Node n = todo.pop();
            if (n instanceof org.jfree.chart.fx.ChartViewer v) {
                if (v.getChart() != null) {
                    p.applyTo(v.getChart());
                }
            } else if (n instanceof javafx.scene.Parent parent) {
                todo.addAll(parent.getChildrenUnmodifiable());
            }
        }
    }
}
