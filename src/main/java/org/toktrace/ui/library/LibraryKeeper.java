package org.toktrace.ui.library;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.toktrace.model.AnalysisResult;
import org.toktrace.store.CaptureDigest;
import org.toktrace.ui.AnalysisSession;

/**
 * Keeps every finished analysis of the window in the capture library: the file's SHA-256 is computed
 * while the analysis runs, the save happens after it on the library thread, and the status line says
 * how it went in one line. A cancelled analysis is not kept (it covers only part of the file, and would
 * replace a complete one of the same file).
 */
public final class LibraryKeeper implements AnalysisSession.Observer {

    static final String SAVED = " \u00b7 saved to the library";
    static final String NOT_SAVED = " \u00b7 not saved to the library: ";

    private final AnalysisSession session;
    private final LibraryAccess access;
    private final Executor ui;
    private final List<Runnable> onSaved = new CopyOnWriteArrayList<>();
    /** Saves started and not yet ended, so that quitting can wait for them. */
    private final java.util.concurrent.Phaser pending = new java.util.concurrent.Phaser(1);
    /** The digest of the analysis running now (UI thread only). */
    private Path hashing;
    private CompletableFuture<String> digest;

    public LibraryKeeper(AnalysisSession session, LibraryAccess access, Executor ui) {
        this.session = session;
        this.access = access;
        this.ui = ui;
    }

    /** Runs {@code r} on the UI thread after every save that changed the library. */
    public void onSaved(Runnable r) {
        onSaved.add(r);
    }

    @Override
    public void started(Path file) {
        hashing = file;
        digest = CaptureDigest.start(file); // overlaps the analysis; the save needs it only at the end
    }

    @Override
    public void finished(Path file, AnalysisResult r, boolean cancelled) {
        CompletableFuture<String> sha = file.equals(hashing) ? digest : CaptureDigest.start(file);
        hashing = null;
        digest = null;
        if (cancelled) {
            append(r, " \u00b7 not saved to the library (cancelled: only part of the file was read)");
            return;
        }
        // the save waits for the digest without holding the library thread: other operations go first meanwhile
        pending.register();
        sha.thenCompose(s -> access.run(library -> library.save(r, s)))
                .whenComplete((id, e) -> pending.arriveAndDeregister())
                .whenComplete((id, e) -> ui.execute(() -> {
                    if (e == null) {
                        append(r, SAVED);
                        onSaved.forEach(Runnable::run);
                    } else {
                        append(r, NOT_SAVED + reason(e, file));
                    }
                }));
    }

    /**
     * Waits up to {@code limit} for the saves still running (the app is quitting: its library thread is
     * a daemon, and a save cut short would be rolled back, losing the analysis).
     *
     * @return whether none is left
     */
    public boolean awaitSaves(java.time.Duration limit) {
        int phase = pending.arrive();
        try {
            pending.awaitAdvanceInterruptibly(phase, limit.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Adds {@code line} to the status when it still describes {@code r} (the user may have moved on). */
    private void append(AnalysisResult r, String line) {
        if (session.resultProperty().get() == r) {
            session.report(session.statusProperty().get() + line);
        }
    }

    /** One line for why a save failed: the store's own message, or the digest's. */
    static String reason(Throwable e, Path file) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof java.io.UncheckedIOException io) {
            return "reading " + file + " for its SHA-256 failed (" + firstLine(io.getCause().getMessage()) + ")";
        }
        return firstLine(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
