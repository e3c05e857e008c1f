package org.toktrace.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** One overview card on screen: title, big figure, explanation. */
final class CardView extends VBox {
    private final Label title = new Label();
    private final Label value = new Label();
    private final Label detail = new Label();

    CardView(String id, String... styleClasses) {
        setId(id);
        getStyleClass().add("card");
        getStyleClass().addAll(styleClasses);
        title.getStyleClass().add("card-title");
        value.getStyleClass().add("card-value");
        value.setId(id + "Value");
        detail.getStyleClass().add("card-detail");
        detail.setWrapText(true);
        value.setWrapText(true); // "No · 6.09 MB per hour" takes two lines on a narrow window rather than losing its end
        title.setWrapText(true);
        getChildren().addAll(title, value, detail);
        setSpacing(4);
        setMinWidth(0);
    }

    /** A tooltip on the whole card: what its figure means or how it is decided. */
    void explain(String text) {
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        for (Label l : new Label[] {title, value, detail}) {
            l.setTooltip(tip);
        }
    }

    void show(Overview.Card card) {
        title.setText(card.title());
        value.setText(card.value());
        detail.setText(card.detail());
    }

    String value() {
        return value.getText();
    }
}
