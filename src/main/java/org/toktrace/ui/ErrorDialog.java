package org.toktrace.ui;

import javafx.scene.control.Alert;
import javafx.stage.Window;

/** The message that says what failed, in one line under a header that names it. */
final class ErrorDialog {

    private ErrorDialog() {
    }

    /**
     * Shows {@code message}, one line, under the header {@code title}. A warning, not an error icon:
     * the window and its analysis stay as they were, and the error icon's red cross reads as a close
     * button.
     */
    static void show(Window owner, String title, String message) {
        Alert a = new Alert(Alert.AlertType.WARNING);
        a.initOwner(owner);
        a.setTitle("TokTrace: " + title);
        a.setHeaderText(title);
        a.setContentText(message);
        a.getDialogPane().setId("errorDialog");
        a.getDialogPane().setMinWidth(480);
        a.show();
    }
}
