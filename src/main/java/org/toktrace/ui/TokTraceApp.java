package org.toktrace.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.toktrace.analysis.CaptureAnalyzer;

/** The JavaFX application: one main window, opened on the capture given on the command line, if any. */
public final class TokTraceApp extends Application {

    @Override
    public void start(Stage stage) {
        CaptureAnalyzer.prepareInBackground();
        AnalysisSession session = new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater);
        MainWindow window = new MainWindow(stage, session, FileDialogs.system(),
                new RecentFiles(RecentFiles.Store.userPreferences()));
        org.toktrace.ui.library.LibraryAccess library = org.toktrace.ui.library.LibraryAccess.fromSettings();
        org.toktrace.ui.library.LibraryWindow libraryWindow = org.toktrace.ui.library.LibraryWindow.install(window, library);
        org.toktrace.ui.live.LiveView.install(window, org.toktrace.ui.live.LiveCaptureStarter.system(), library,
                libraryWindow::refreshIfShown);
        // a bug must not reach the user as a stack trace: one line in a dialog, the details for developers
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> Platform.runLater(() ->
                window.showError("internal error: " + UserMessages.of(e) + " (set TOKTRACE_DEBUG=1 for details)")));
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
