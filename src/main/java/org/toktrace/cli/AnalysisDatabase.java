package org.toktrace.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.FailureText;
import org.toktrace.model.LearnedName;
import org.toktrace.store.CaptureLibrary;
import org.toktrace.store.H2NameMemory;
import org.toktrace.store.LocalDatabase;
import org.toktrace.store.StoreException;

/**
 * The database as {@code analyze} uses it, when asked to: the learned name memory loaded before the
 * analysis and what the capture taught saved after it (a database that cannot be opened costs a
 * warning, never the analysis), and the analysis saved into the capture library.
 */
final class AnalysisDatabase {

    /** No database: nothing loaded, nothing saved. */
    static final AnalysisDatabase NONE = new AnalysisDatabase(null, null, List.of(), null);

    private final Path path;
    private final LocalDatabase db;
    private final List<LearnedName> known;
    private final String failure;

    private AnalysisDatabase(Path path, LocalDatabase db, List<LearnedName> known, String failure) {
        this.path = path;
        this.db = db;
        this.known = known;
        this.failure = failure;
    }

    /**
     * Opens the database at {@code path}, loading the names when {@code memory}. Only to save an analysis
     * does it wait while another TokTrace holds the file: the name memory alone is not worth delaying
     * the analysis for.
     */
    static AnalysisDatabase open(Path path, boolean memory, boolean save, PrintWriter err) {
        LocalDatabase db = null;
        try {
            db = LocalDatabase.open(path, save ? LibraryCommand.WAIT_WHILE_IN_USE : Duration.ZERO);
            return new AnalysisDatabase(path, db, memory ? new H2NameMemory(db).loadAll() : List.of(), null);
        } catch (StoreException e) {
            if (db != null) {
                db.close();
            }
            if (memory) {
                err.println("toktrace: warning: the name memory is not available (" + e.getMessage()
                        + "); analysing without it");
            }
            return new AnalysisDatabase(path, null, List.of(), e.getMessage());
        }
    }

    List<LearnedName> known() {
        return known;
    }

    /** Saves what the capture taught the name memory; a failure is a warning. */
    void saveNames(List<LearnedName> learned, PrintWriter err) {
        if (db == null) {
            return;
        }
        try {
            new H2NameMemory(db).saveAll(learned);
        } catch (StoreException e) {
            err.println("toktrace: warning: could not save what this capture taught the name memory: " + e.getMessage());
        }
    }

    /**
     * Saves the analysis into the capture library.
     *
     * @return the capture's id in the library, or -1 after printing why it could not be saved
     */
    long saveAnalysis(AnalysisResult result, String sha256, PrintWriter err) {
        if (db == null) {
            err.println("toktrace: cannot save the analysis into the library: "
                    + (failure != null ? failure : "no database at " + path));
            return -1;
        }
        try {
            return new CaptureLibrary(db).save(result, sha256);
        } catch (StoreException e) {
            err.println("toktrace: " + e.getMessage());
            return -1;
        }
    }

    /**
     * Saves the analysis of {@code capture} into the capture library once {@code sha256}, the file's
     * digest computed beside the analysis, is known.
     *
     * @return the capture's id in the library, or -1 after printing why it could not be saved
     */
    long saveAnalysis(AnalysisResult result, Path capture, CompletableFuture<String> sha256, PrintWriter err) {
        String digest;
        try {
            digest = sha256.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            err.println("toktrace: cannot save the analysis into the library: reading " + capture
                    + " for its SHA-256 failed: " + (cause instanceof Exception x ? FailureText.of(x) : String.valueOf(cause)));
            return -1;
        }
        return saveAnalysis(result, digest, err);
    }

    void close() {
        if (db != null) {
            db.close();
        }
    }
}
