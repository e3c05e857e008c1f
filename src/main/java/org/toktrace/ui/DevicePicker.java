package org.toktrace.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import org.toktrace.model.Device;

/**
 * The tool bar's Device choice for the result shown: its items, kept put across live snapshots, and
 * the device picked; apart from the window, which only asks which device is picked.
 */
final class DevicePicker {
    /** Its items and value are device keys (MAC addresses); its cells show them by name ({@link DeviceChoiceCell}). */
    private final ComboBox<String> box = new ComboBox<>();
    /** The devices of the result shown, by key (UI thread); {@link Device#ALL}, the first item, has none. */
    private Map<String, DeviceChoice> choices = Map.of();
    /** The same devices by id, for the views that name the device picked. */
    private Map<Device.Id, DeviceChoice> choicesById = Map.of();
    /** The items are being replaced: the value passes through others, which are not to be presented. */
    private boolean filling;

    /** A picker of no device yet, disabled while {@code session} shows no result; {@code changed} runs on a new pick. */
    DevicePicker(AnalysisSession session, Runnable changed) {
        box.setId("devicePicker");
        box.getItems().add(Device.ALL);
        box.setValue(Device.ALL);
        box.setTooltip(new Tooltip("The phone to show, by the name it gave itself over DHCP or mDNS and its"
                + " MAC address; devices with TikTok traffic first; " + Device.ALL + " sums them"));
        DeviceChoiceCell.applyTo(box, key -> choices.get(key));
        // no devices to pick while no analysis is shown, and the one picked stays for the result that comes back
        box.disableProperty().bind(session.resultProperty().isNull());
        box.setMaxWidth(360); // a name from a packet may be long: the toolbar keeps its size
        box.valueProperty().addListener((o, a, d) -> {
            if (!filling) {
                changed.run();
            }
        });
    }

    ComboBox<String> node() {
        return box;
    }

    /** The device picked; null for all devices (the item without a device). */
    Device.Id selected() {
        String key = box.getValue();
        DeviceChoice c = key == null ? null : choices.get(key);
        return c == null ? null : c.id();
    }

    /** The devices offered, by id (UI thread). */
    Map<Device.Id, DeviceChoice> choicesById() {
        return choicesById;
    }

    /**
     * Offers {@code offered}, keeping the device picked when it is still there. During a live capture
     * this runs for every snapshot: the items are replaced only when a device came, went, moved or got
     * its name, so an open list stays put.
     */
    void show(List<DeviceChoice> offered) {
        List<String> keys = new ArrayList<>(offered.size() + 1);
        keys.add(Device.ALL);
        offered.forEach(c -> keys.add(c.key()));
        Map<String, DeviceChoice> byKey = DeviceChoice.byKey(offered);
        boolean changed = !keys.equals(box.getItems()) || !byKey.equals(choices);
        choices = byKey;
        choicesById = DeviceChoice.byId(offered);
        if (!changed) {
            return;
        }
        String keep = box.getValue();
        filling = true;
        try {
            box.getItems().setAll(keys);
            box.setValue(keys.contains(keep) ? keep : Device.ALL);
        } finally {
            filling = false;
        }
    }
}
