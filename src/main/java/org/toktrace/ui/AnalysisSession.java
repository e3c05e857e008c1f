package org.toktrace.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.toktrace.analysis.AnalysisListener;
import org.toktrace.analysis.AnalysisProgress;
import org.toktrace.analysis.UnreadableCaptureException;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.export.CaptureReport;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.export.HtmlReportWriter;
import org.toktrace.export.ReportFormat;
import org.toktrace.store.CaptureDigest;
import org.toktrace.export.TimelineCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.FailureText;

/**
 * The view model of one window's analysis: opens a capture on a background thread, publishes its
 * progress to the UI thread a few times a second at most (never per packet: the newest progress
 * replaces any not yet shown), cancels, keeps the result, and exports it through the CLI's writers.
 * Every property changes on the UI thread, through the executor it is given.
 */
public final class AnalysisSession {

    /** Where the session is. */
    public enum Phase { IDLE, RUNNING, FINISHED, CANCELLED, FAILED }

    private final AnalysisRunner runner;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a capture (pcap or pcapng) to begin.");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<AnalysisResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> capture = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Consumer<Failure>> onError = new SimpleObjectProperty<>(m -> { });
    private final ObjectProperty<Consumer<Path>> onOpened = new SimpleObjectProperty<>(f -> { });
    private volatile Observer observer = new Observer() { };

    /**
     * Told, on the UI thread, when an analysis of a file starts and how it ended (the capture library
     * keeps every finished one). Not told about results shown with {@link #showStored}.
     */
    public interface Observer {
        default void started(Path file) {
        }

        /** {@code r} is the shown result; {@code cancelled} when Cancel cut it short. */
        default void finished(Path file, AnalysisResult r, boolean cancelled) {
        }
    }

    /**
     * Something that failed: {@code title} names what (e.g. "Could not open notes.pcap"),
     * {@code message} is the one-line reason.
     */
    public record Failure(String title, String message) {
        public Failure {
            java.util.Objects.requireNonNull(title, "title");
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    /**
     * What the window showed before an open: a file that cannot be read gives it back, so a bad
     * file never costs the analysis on screen.
     */
    private record Shown(Path capture, AnalysisResult result, Phase phase, double progress, String status,
            String warning) {
    }

    /** How often a running analysis shows what it has found so far. */
    static final long PARTIAL_RESULT_INTERVAL_NANOS = 2_000_000_000L;

    /** The run in progress; a newer open() replaces it, and the old one's late reports are dropped. */
    private final AtomicReference<Run> current = new AtomicReference<>();

    public AnalysisSession(AnalysisRunner runner, Executor ui) {
        this.runner = runner;
        this.ui = ui;
    }

    /** One analysis: its cancel flag and the newest progress not yet shown. */
    private final class Run implements AnalysisListener {
        final Path file;
        /** What to show again if this run cannot read its file; null when there was nothing. */
        Shown before;
        final long started = System.nanoTime();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicReference<AnalysisProgress> pending = new AtomicReference<>();
        final AtomicReference<AnalysisResult> pendingPartial = new AtomicReference<>();

        Run(Path file) {
            this.file = file;
        }

        @Override
        public void progress(AnalysisProgress p) {
            // coalesce: only the first report since the UI last looked schedules an update
            if (pending.getAndSet(p) == null) {
                ui.execute(this::show);
            }
        }

        @Override
        public long partialResultIntervalNanos() {
            return PARTIAL_RESULT_INTERVAL_NANOS;
        }

        @Override
        public void partialResult(AnalysisResult partial) {
            if (pendingPartial.getAndSet(partial) == null) {
                ui.execute(this::showPartial);
            }
        }

        /** A big capture shows what it holds so far while it is read; the final result replaces it. */
        void showPartial() {
            AnalysisResult r = pendingPartial.getAndSet(null);
            if (r != null && current.get() == this && phase.get() == Phase.RUNNING) {
                result.set(r);
                Path name = file.getFileName();
                status.set("Analysing " + (name == null ? file : name) + " \u2026 showing the "
                        + Figures.count(r.counters().frames()) + " packets read so far");
            }
        }

        void show() {
            AnalysisProgress p = pending.getAndSet(null);
            if (p != null && current.get() == this && phase.get() == Phase.RUNNING) {
                progress.set(p.fraction());
                progressText.set(ProgressText.of(p, System.nanoTime() - started));
            }
        }
    }

    /** Starts analysing {@code file} on a background thread; cancels a run still going. */
    public void open(Path given) {
        // absolute, as the command line's --save keeps it: the library offers re-analysis from that path
        Path file = given.toAbsolutePath().normalize();
        Run previous = current.get();
        if (previous != null) {
            previous.cancelled.set(true);
        }
        Shown before = shownNow(previous);
        stopLive(); // opening a file ends a live capture: the capture's own pcapng keeps what it got
        Run run = new Run(file);
        run.before = before;
        current.set(run);
        capture.set(file);
        phase.set(Phase.RUNNING);
        result.set(null);
        warning.set("");
        progress.set(-1);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        status.set("Analysing " + name + " \u2026");
        long size = sizeOf(file);
        progressText.set(size >= 0 ? "0 B of " + Figures.bytes(size) : "");
        observer.started(file);
        Thread t = new Thread(() -> analyse(run, name), "toktrace-analysis");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The finished analysis on screen, or, while a run still loads, what that run would give back:
     * a partial result or a live capture is no analysis to return to.
     */
    private Shown shownNow(Run running) {
        Phase p = phase.get();
        if (result.get() != null && liveStop == null && (p == Phase.FINISHED || p == Phase.CANCELLED)) {
            return new Shown(capture.get(), result.get(), p, progress.get(), status.get(), warning.get());
        }
        return running != null && p == Phase.RUNNING ? running.before : null;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void analyse(Run run, String name) {
        try {
            AnalysisResult r = runner.analyze(run.file, run, run.cancelled::get);
            ui.execute(() -> finished(run, name, r));
        } catch (UnreadableCaptureException e) {
            ui.execute(() -> failed(run, e.getMessage()));
        } catch (IOException e) {
            ui.execute(() -> failed(run, "reading " + name + " failed: " + FailureText.of(e)));
        } catch (RuntimeException | OutOfMemoryError e) {
            // a bug or a capture too big for the memory given: the user gets one line, not a trace
            ui.execute(() -> failed(run, "the analysis of " + name + " stopped: " + FailureText.of(e)));
        }
    }

    private void finished(Run run, String name, AnalysisResult r) {
        if (current.get() != run) {
            return;
        }
        boolean cancelled = !r.complete() && run.cancelled.get();
        phase.set(cancelled ? Phase.CANCELLED : Phase.FINISHED);
        if (!cancelled) {
            progress.set(1); // a cancelled run keeps the bar where it stopped
        }
        result.set(r);
        List<CaptureWarning> warnings = r.warnings();
        StringBuilder w = new StringBuilder();
        if (cancelled) {
            w.append("Cancelled: the result shows only the packets read before Cancel (")
                    .append(Figures.count(r.counters().frames())).append(" packets).");
        }
        for (CaptureWarning cw : warnings) {
            w.append(w.length() > 0 ? " " : "").append("Warning: ").append(cw)
                    .append("; the flows read before it are shown.");
        }
        warning.set(w.toString());
        status.set((cancelled ? "Cancelled " : "Analysed ") + name + ": " + Figures.count(r.counters().frames())
                + " packets, " + Figures.count(r.flows().size()) + " flows in "
                + String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - run.started) / 1e9));
        progressText.set("");
        observer.finished(run.file, r, cancelled);
        onOpened.get().accept(run.file);
    }

    /**
     * Shows a result analysed earlier (from the capture library) as if its analysis had just finished,
     * without reading the capture; a running analysis is cancelled.
     */
    public void showStored(Path file, AnalysisResult r, String statusLine) {
        showStored(file, r, statusLine, null);
    }

    /**
     * {@link #showStored(Path, AnalysisResult, String)}, with the SHA-256 the library keeps for the
     * capture (null: none), which a report states rather than the hash of whatever file is at that
     * path now.
     */
    public void showStored(Path file, AnalysisResult r, String statusLine, String sha256) {
        storedDigest = sha256 == null ? null : new StoredDigest(r, sha256);
        stopLive();
        Run previous = current.getAndSet(null);
        if (previous != null) {
            previous.cancelled.set(true);
        }
        capture.set(file);
        phase.set(Phase.FINISHED);
        progress.set(1);
        progressText.set("");
        result.set(r);
        StringBuilder w = new StringBuilder();
        for (CaptureWarning cw : r.warnings()) {
            w.append(w.length() > 0 ? " " : "").append("Warning: ").append(cw)
                    .append("; the flows read before it are shown.");
        }
        warning.set(w.toString());
        status.set(statusLine);
    }

    /** Sets who is told about each analysis; one at a time. */
    public void setObserver(Observer observer) {
        this.observer = observer == null ? new Observer() { } : observer;
    }

    private void failed(Run run, String message) {
        if (current.get() != run) {
            return;
        }
        String name = run.file.getFileName() == null ? run.file.toString() : run.file.getFileName().toString();
        progressText.set("");
        Shown back = run.before;
        if (back == null) {
            phase.set(Phase.FAILED);
            progress.set(0);
            status.set("Could not open " + name + ": " + message);
        } else {
            // the phase first: views that see the result come back must not take it for a partial one
            phase.set(back.phase());
            capture.set(back.capture());
            result.set(back.result());
            progress.set(back.progress());
            warning.set(back.warning());
            Path shown = back.capture() == null ? null : back.capture().getFileName();
            status.set("Could not open " + name + "; still showing " + (shown == null ? "the analysis before it" : shown));
        }
        onError.get().accept(new Failure("Could not open " + name, message));
    }

    /** What stops the live capture shown now (Cancel and Esc call it), or null when none is shown. */
    private Runnable liveStop;

    /**
     * Starts showing a live capture written to {@code file}: a running analysis is cancelled, the
     * session is RUNNING until {@link #finishLive}, and {@link #cancel()} calls {@code stop}.
     */
    public void startLive(Path file, String statusLine, Runnable stop) {
        Run previous = current.getAndSet(null);
        if (previous != null) {
            previous.cancelled.set(true);
        }
        liveStop = stop;
        capture.set(file);
        phase.set(Phase.RUNNING);
        result.set(null);
        warning.set("");
        progress.set(-1);
        progressText.set("");
        status.set(statusLine);
    }

    /** Shows a live capture's analysis so far, by the same path as a file's partial results. */
    public void showLive(AnalysisResult r, String statusLine) {
        if (liveStop != null && phase.get() == Phase.RUNNING) {
            result.set(r);
            status.set(statusLine);
        }
    }

    /** Shows the final analysis of a stopped live capture, or the reason it failed when {@code r} is null. */
    public void finishLive(AnalysisResult r, String statusLine) {
        liveStop = null;
        progressText.set("");
        if (r == null) {
            phase.set(Phase.FAILED);
            progress.set(0);
            status.set(statusLine);
            onError.get().accept(new Failure("The live capture stopped", statusLine));
            return;
        }
        phase.set(Phase.FINISHED);
        progress.set(1);
        result.set(r);
        StringBuilder w = new StringBuilder();
        for (CaptureWarning cw : r.warnings()) {
            w.append(w.length() > 0 ? " " : "").append("Warning: ").append(cw);
        }
        warning.set(w.toString());
        status.set(statusLine);
    }

    private void stopLive() {
        Runnable stop = liveStop;
        liveStop = null;
        if (stop != null) {
            stop.run();
        }
    }

    /** Whether a live capture is shown and still running. */
    public boolean isLive() {
        return liveStop != null;
    }

    /** Asks the running analysis to stop; it ends with the flows found so far. A live capture stops. */
    public void cancel() {
        if (liveStop != null && phase.get() == Phase.RUNNING) {
            status.set("Stopping the capture \u2026");
            liveStop.run();
            return;
        }
        Run run = current.get();
        if (run != null && phase.get() == Phase.RUNNING) {
            run.cancelled.set(true);
            status.set("Cancelling \u2026");
        }
    }

    /** Writes flows.csv with the CLI's writer, off the UI thread; the future completes once written. */
    public CompletableFuture<Void> exportFlows(Path file) {
        return export("flows CSV", file, r -> new FlowsCsvWriter(TikTokReport.networks(), r.announcedDevices()).write(r.flows(), file));
    }

    /**
     * Writes flows.csv of {@code kept}, the flows the table's filters show (null: all of them); the
     * status line says when that is not all of them.
     */
    public CompletableFuture<Void> exportFlows(Path file, List<FlowRecord> kept) {
        AnalysisResult shown = result.get();
        if (kept == null || shown == null) {
            return exportFlows(file);
        }
        String what = "flows CSV (" + Figures.count(kept.size()) + " of " + Figures.count(shown.flows().size())
                + " flows, those the filters show)";
        return export(what, file, r -> new FlowsCsvWriter(TikTokReport.networks(), r.announcedDevices()).write(kept, file));
    }

    /** Writes timeline.csv with the CLI's writer, off the UI thread. */
    public CompletableFuture<Void> exportTimeline(Path file) {
        return export("timeline CSV", file, r -> new TimelineCsvWriter().write(r, file));
    }

    /**
     * Writes the report of the result shown (HTML or PDF, by the file's extension) off the UI thread,
     * with the capture's SHA-256 when its file can still be read; the status line says when it is
     * written, a message what failed.
     */
    public CompletableFuture<Void> exportReport(Path file) {
        Optional<ReportFormat> format = ReportFormat.of(file);
        if (format.isEmpty()) {
            String m = "cannot write the report to " + file + ": a report is written as .html or .pdf";
            status.set(m);
            onError.get().accept(new Failure("Could not write the report", m));
            return CompletableFuture.failedFuture(new IllegalArgumentException(m));
        }
        Path capture = this.capture.get();
        StoredDigest stored = storedDigest;
        return export("report", file, r -> {
            String sha256 = stored != null && stored.result() == r ? stored.sha256() : null;
            if (sha256 == null && capture != null && Files.isRegularFile(capture)) {
                sha256 = CaptureDigest.sha256(capture);
            }
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            String command = CaptureReport.reportCommand(HtmlReportWriter.fileName(r.capture().source()), name, r);
            String v = AnalysisSession.class.getPackage().getImplementationVersion();
            format.get().write(new CaptureReport(r, TikTokReport.of(r), TikTokReport.destinations(r), sha256,
                    v != null ? v : "development build", TikTokReport.thresholds(), command, Instant.now()), file);
        });
    }

    /** The library's SHA-256 of the capture of a stored result; only for that very result. */
    private record StoredDigest(AnalysisResult result, String sha256) {
    }

    private volatile StoredDigest storedDigest;

    private interface Export {
        void write(AnalysisResult r) throws IOException;
    }

    private CompletableFuture<Void> export(String what, Path file, Export export) {
        AnalysisResult r = result.get();
        if (r == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to export yet"));
        }
        return CompletableFuture.runAsync(() -> {
            try {
                export.write(r);
                ui.execute(() -> status.set("Wrote the " + what + " to " + file));
            } catch (IOException e) {
                String m = "cannot write the " + what + " to " + file + ": " + FailureText.of(e);
                ui.execute(() -> {
                    status.set(m);
                    onError.get().accept(new Failure("Could not write the " + what, m));
                });
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Shows a line in the status bar (e.g. a chart saved). */
    public void report(String line) {
        status.set(line);
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** Fraction read in [0, 1]; -1 while unknown (the progress bar then spins). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** A damaged capture's warning, or the note that a result is partial; empty otherwise. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AnalysisResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> captureProperty() {
        return capture.getReadOnlyProperty();
    }

    /** Told what failed and why, in one line, when a capture cannot be opened or an export fails. */
    public ObjectProperty<Consumer<Failure>> onErrorProperty() {
        return onError;
    }

    /**
     * Told, on the UI thread, each file whose analysis finished or was cancelled: a file that could
     * be read (the Recent list keeps only those).
     */
    public ObjectProperty<Consumer<Path>> onOpenedProperty() {
        return onOpened;
    }
}
