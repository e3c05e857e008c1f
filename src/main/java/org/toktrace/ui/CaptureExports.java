package org.toktrace.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.toktrace.model.FailureText;
import org.toktrace.model.FlowRecord;

/**
 * The exports of the result shown (the flows the flows table's filters keep, the timeline, the
 * report, a chart as PNG), each asking where to write; apart from the window, which only offers them.
 */
final class CaptureExports {
    private final Stage stage;
    private final AnalysisSession session;
    private final FileDialogs dialogs;
    private final FlowsPane flows;
    private final Executor presenter;

    /** Exports {@code session}'s result; PNGs are drawn on {@code presenter}, off the UI thread. */
    CaptureExports(Stage stage, AnalysisSession session, FileDialogs dialogs, FlowsPane flows, Executor presenter) {
        this.stage = stage;
        this.session = session;
        this.dialogs = dialogs;
        this.flows = flows;
        this.presenter = presenter;
    }

    private String stem() {
        Path c = session.captureProperty().get();
        String name = c == null || c.getFileName() == null ? "capture" : c.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    void exportFlows() {
        if (session.resultProperty().get() != null) {
            // like Wireshark's "displayed" packets: the filters set on the flows table choose what is written
            List<FlowRecord> kept = flows.keptOf(session.resultProperty().get());
            String title = kept == null ? "Export flows CSV" : "Export the " + Figures.count(kept.size()) + " flows the filters show";
            dialogs.chooseSave(stage, title, stem() + "-flows.csv", "csv").ifPresent(f -> session.exportFlows(f, kept));
        }
    }

    void exportTimeline() {
        if (session.resultProperty().get() != null) {
            dialogs.chooseSave(stage, "Export timeline CSV", stem() + "-timeline.csv", "csv").ifPresent(session::exportTimeline);
        }
    }

    void exportReport() { // both its menu items are off while there is no whole result
        dialogs.chooseReport(stage, "Export report (HTML or PDF)", stem() + "-report").ifPresent(session::exportReport);
    }

    void savePng(ChartPane pane) {
        JFreeChart chart = pane.chart();
        if (chart == null) {
            return;
        }
        Optional<Path> file = dialogs.chooseSave(stage, "Save chart as PNG", stem() + "-" + pane.fileStem() + ".png", "png");
        if (file.isEmpty()) {
            return;
        }
        int w = (int) Math.max(800, pane.viewer.getWidth());
        int h = (int) Math.max(450, pane.viewer.getHeight());
        String caption = Charts.caption(session.resultProperty().get());
        presenter.execute(() -> {
            try {
                Charts.savePng(chart, file.get(), w, h, caption);
                Platform.runLater(() -> session.report("Saved the chart to " + file.get()));
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> ErrorDialog.show(stage, "Could not save the chart",
                        "cannot save the chart to " + file.get() + ": " + FailureText.of(e)));
            }
        });
    }
}
