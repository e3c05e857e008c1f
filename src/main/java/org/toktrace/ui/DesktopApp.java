package org.toktrace.ui;

import java.nio.file.Path;
import javafx.application.Application;

/**
 * Starts the desktop app from a plain class path: the launcher calls this class, which does not
 * extend {@link Application}, so the command line never loads JavaFX.
 */
public final class DesktopApp {
    /**
     * JavaFX warns that it runs from the class path, not as modules; that is this app's choice
     * (DESIGN.md section 3), so the warning would only worry users. Held here so it is not collected.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private DesktopApp() {
    }

    /**
     * Opens the main window, on {@code capture} when not null, and returns when it is closed.
     *
     * @throws RuntimeException when no display can be opened (JavaFX says why)
     */
    public static void launch(Path capture) {
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        String[] args = capture == null ? new String[0] : new String[] {capture.toString()};
        Application.launch(TokTraceApp.class, args);
    }
}
