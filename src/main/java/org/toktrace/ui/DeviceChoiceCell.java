package org.toktrace.ui;

import java.util.function.Function;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * A cell of a device picker whose items are device keys (MAC addresses): it shows the device's
 * {@link DeviceChoice#title()} with its detail as a tooltip, so the picker reads "Pixel-7 · 0a:33:…"
 * while its value, and every filter and chart that reads it, stays the key. Items without a choice
 * (e.g. {@link org.toktrace.model.Device#ALL}) show as they are.
 */
public final class DeviceChoiceCell extends ListCell<String> {

    private final Function<String, DeviceChoice> choices;

    public DeviceChoiceCell(Function<String, DeviceChoice> choices) {
        this.choices = choices;
    }

    /** Shows {@code box}'s keys through {@code choices}, in the list and on the button. */
    public static void applyTo(ComboBox<String> box, Function<String, DeviceChoice> choices) {
        box.setCellFactory(list -> new DeviceChoiceCell(choices));
        box.setButtonCell(new DeviceChoiceCell(choices));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String key) {
                return titleOf(key, choices);
            }

            @Override
            public String fromString(String text) {
                return text; // not editable: never asked
            }
        });
    }

    /** {@code key}'s title, or the key itself when it has no choice. */
    public static String titleOf(String key, Function<String, DeviceChoice> choices) {
        DeviceChoice c = key == null ? null : choices.apply(key);
        return c == null ? key : c.title();
    }

    @Override
    protected void updateItem(String key, boolean empty) {
        super.updateItem(key, empty);
        DeviceChoice c = empty || key == null ? null : choices.apply(key);
        setText(empty ? null : c == null ? key : c.title());
        setTooltip(c == null ? null : new Tooltip(c.detail()));
    }
}
