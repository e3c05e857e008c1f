package org.toktrace.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.ui.library.LibraryAccess;
import org.toktrace.ui.library.LibraryWindow;
import org.toktrace.ui.live.LiveCaptureStarter;
import org.toktrace.ui.live.LiveView;
import org.toktrace.model.FailureText;

/** The JavaFX application: one main window, opened on the capture given on the command line, if any. */
public final class TokTraceApp extends Application {

    /**
     * The main window as the app shows it: analysis session, capture library (the user's, or the
     * {@code toktrace.db} setting) and live capture wired in; also what the README's screenshots show.
     */
    static MainWindow assemble(Stage stage, RecentFiles recent) {
        AnalysisSession session = new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater);
        MainWindow window = new MainWindow(stage, session, FileDialogs.system(), recent);
        LibraryAccess library = LibraryAccess.fromSettings();
        LibraryWindow libraryWindow = LibraryWindow.install(window, library);
        LiveView.install(window, LiveCaptureStarter.system(), library, libraryWindow::refreshIfShown);
        return window;
    }

    @Override
    public void start(Stage stage) {
        CaptureAnalyzer.prepareInBackground();
        MainWindow window = assemble(stage, new RecentFiles(RecentFiles.Store.userPreferences()));
        // a bug must not reach the user as a stack trace: one line in a dialog, the details for developers
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> Platform.runLater(() ->
                window.showError("TokTrace hit an internal error",
                        "internal error: " + FailureText.of(e) + " (set TOKTRACE_DEBUG=1 for details)")));
        if (System.getenv("TOKTRACE_DEBUG") != null) {
            Thread.setDefaultUncaughtExceptionHandler(null);
        }
        stage.show();
        List<String> args = getParameters().getRaw();
        if (!args.isEmpty()) {
            window.open(Path.of(args.get(0)));
        }
    }
}
