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
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.toktrace.model.CaptureInterface;

/**
 * The "Live capture" dialog: the interfaces (likely hotspots first, marked with a star and the
 * reason), an optional BPF filter, and the pcapng file everything captured is written to.
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
        if (!picker.getItems().isEmpty()) {
            picker.getSelectionModel().select(0);
        }
        TextField filter = new TextField();
        filter.setId("filterField");
        filter.setPromptText("optional BPF filter, e.g. not port 22");
        TextField file = new TextField(defaultFile().toString());
        file.setId("pcapngField");
        file.setPrefColumnCount(40);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Interface"), picker);
        grid.addRow(1, new Label("Filter"), filter);
        grid.addRow(2, new Label("Write to"), file);
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

    /** Likely hotspots first, each group in libpcap's order. */
    static List<CaptureInterface> hotspotsFirst(List<CaptureInterface> interfaces) {
        List<CaptureInterface> out = new ArrayList<>(interfaces);
        out.sort(Comparator.comparing(i -> !i.likelyHotspot()));
        return out;
    }

    /** How an interface reads in the list: a star and the reason when it looks like the hotspot. */
    static String text(CaptureInterface i) {
        StringBuilder s = new StringBuilder(i.likelyHotspot() ? "\u2605 " : "").append(i.name());
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

    /** {@code ~/Documents/toktrace-live-20261122-031500.pcapng}, or in the temporary directory without Documents. */
    static Path defaultFile() {
        String name = "toktrace-live-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + ".pcapng";
        Path documents = Path.of(System.getProperty("user.home", "."), "Documents");
        Path dir = Files.isDirectory(documents) && Files.isWritable(documents) ? documents
                : Path.of(System.getProperty("java.io.tmpdir", "."));
        return dir.resolve(name);
    }

    private static final class InterfaceCell extends ListCell<CaptureInterface> {
        @Override
        protected void updateItem(CaptureInterface item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : text(item));
        }
    }
}
