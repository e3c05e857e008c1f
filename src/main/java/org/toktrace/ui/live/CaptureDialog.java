package org.toktrace.ui.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.toktrace.model.CaptureInterface;

/**
 * The "Live capture" dialog: the interfaces (likely hotspots first, marked with a star and the
 * reason; devices that are no network last, marked "other"), an optional BPF filter, and the pcapng
 * file everything captured is written to.
 */
final class CaptureDialog {

    /** What the user chose; the file is text until the capture checks it. */
    record Choice(String interfaceName, String filter, String file) {
    }

    static final ButtonType START = new ButtonType("Start capture", ButtonBar.ButtonData.OK_DONE);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

    private CaptureDialog() {
    }

    static Dialog<Choice> of(Window owner, List<CaptureInterface> interfaces) {
        Dialog<Choice> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Live capture");
        dialog.setHeaderText("Capture on the laptop's hotspot interface; the phone with TikTok joins that network.");
        dialog.getDialogPane().setId("liveCaptureDialog");
        dialog.getDialogPane().getButtonTypes().addAll(START, ButtonType.CANCEL);

        ComboBox<CaptureInterface> picker = new ComboBox<>();
        picker.setId("interfacePicker");
        picker.getItems().setAll(hotspotsFirst(interfaces));
        picker.setCellFactory(l -> new InterfaceCell());
        picker.setButtonCell(new InterfaceCell());
        picker.setMaxWidth(Double.MAX_VALUE);
        // an interface's line (name, description, addresses, hint) may be long: the dialog keeps its size
        picker.setPrefWidth(560);
        picker.setMinWidth(240);
        if (!picker.getItems().isEmpty()) {
            picker.getSelectionModel().select(0);
        }
        TextField filter = new TextField();
        filter.setId("filterField");
        filter.setPromptText("optional BPF filter, e.g. not port 22");
        TextField file = new TextField(defaultFile().toString());
        file.setId("pcapngField");
        file.setPrefColumnCount(40);
        file.setTooltip(new javafx.scene.control.Tooltip("Its folder is created when the capture starts"));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(12));
        // the labels keep their whole width: the fields beside them take what is left
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        labels.setHgrow(Priority.NEVER);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMinWidth(240);
        grid.getColumnConstraints().addAll(labels, fields);
        grid.addRow(0, label("Interface", "interfaceLabel"), picker);
        grid.addRow(1, label("Filter", "filterLabel"), filter);
        grid.addRow(2, label("Write to", "pcapngLabel"), file);
        Label none = new Label(interfaces.isEmpty() ? "No interface can be captured on." : "");
        grid.add(none, 1, 3);
        GridPane.setHgrow(picker, Priority.ALWAYS);
        GridPane.setHgrow(file, Priority.ALWAYS);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(START).disableProperty().bind(
                picker.valueProperty().isNull().or(file.textProperty().isEmpty()));
        dialog.setResultConverter(b -> b == START && picker.getValue() != null
                ? new Choice(picker.getValue().name(), filter.getText().isBlank() ? null : filter.getText().strip(),
                        file.getText().strip())
                : null);
        return dialog;
    }

    private static Label label(String text, String id) {
        Label l = new Label(text);
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * Likely hotspots first, then the other network interfaces, then loopback, and last the devices
     * that are no network (Bluetooth, USB, netfilter, D-Bus); each group in libpcap's order.
     */
    static List<CaptureInterface> hotspotsFirst(List<CaptureInterface> interfaces) {
        List<CaptureInterface> out = new ArrayList<>(interfaces);
        out.sort(Comparator.comparingInt(CaptureDialog::group));
        return out;
    }

    private static int group(CaptureInterface i) {
        if (i.likelyHotspot()) {
            return 0;
        }
        if (i.notANetwork()) {
            return 3;
        }
        return i.loopback() ? 2 : 1;
    }

    /**
     * How an interface reads in the list: a star and the reason when it looks like the hotspot,
     * "other:" before a device that is no network.
     */
    static String text(CaptureInterface i) {
        StringBuilder s = new StringBuilder(i.likelyHotspot() ? "\u2605 " : i.notANetwork() ? "other: " : "")
                .append(i.name());
        if (!i.description().isEmpty()) {
            s.append(" \u2014 ").append(i.description());
        }
        if (!i.addresses().isEmpty()) {
            s.append(" \u2014 ").append(i.addresses().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        if (i.likelyHotspot()) {
            s.append(" (likely hotspot: ").append(i.hotspotHint()).append(')');
        }
        return s.toString();
    }

    /**
     * {@code ~/Documents/TokTrace/capture-20261122-031500.pcapng}, or {@code ~/TokTrace/...} without a
     * Documents folder: a capture is evidence to keep, never in a temporary directory a reboot
     * empties. The folder is created when the capture starts.
     */
    static Path defaultFile() {
        return defaultFile(Path.of(System.getProperty("user.home", ".")), ZonedDateTime.now(ZoneOffset.UTC));
    }

    static Path defaultFile(Path home, ZonedDateTime now) {
        String name = "capture-" + STAMP.format(now) + ".pcapng";
        Path documents = home.resolve("Documents");
        Path base = Files.isDirectory(documents) && Files.isWritable(documents) ? documents : home;
        return base.resolve("TokTrace").resolve(name);
    }

    private static final class InterfaceCell extends ListCell<CaptureInterface> {
        @Override
        protected void updateItem(CaptureInterface item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : text(item));
        }
    }
}
