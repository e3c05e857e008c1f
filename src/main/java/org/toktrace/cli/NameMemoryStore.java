package org.toktrace.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.toktrace.model.LearnedName;
import org.toktrace.store.H2NameMemory;
import org.toktrace.store.LocalDatabase;
import org.toktrace.store.StoreException;

/**
 * The learned name memory as the command line uses it: loaded before an analysis, what the capture
 * taught saved after it. A database that cannot be opened (locked by the app, unwritable) costs a
 * warning, never the analysis.
 */
final class NameMemoryStore {

    /** No memory: nothing loaded, nothing saved. */
    static final NameMemoryStore NONE = new NameMemoryStore(null, List.of());

    private final LocalDatabase db;
    private final List<LearnedName> known;

    private NameMemoryStore(LocalDatabase db, List<LearnedName> known) {
        this.db = db;
        this.known = known;
    }

    static NameMemoryStore open(Path path, PrintWriter err) {
        LocalDatabase db = null;
        try {
            db = LocalDatabase.open(path);
            return new NameMemoryStore(db, new H2NameMemory(db).loadAll());
        } catch (StoreException e) {
            if (db != null) {
                db.close();
            }
            err.println("toktrace: warning: the name memory is not available (" + e.getMessage()
                    + "); analysing without it");
            return NONE;
        }
    }

    List<LearnedName> known() {
        return known;
    }

    /** After a failed analysis: nothing to save. */
    void close() {
        if (db != null) {
            db.close();
        }
    }

    void saveAndClose(List<LearnedName> learned, PrintWriter err) {
        if (db == null) {
            return;
        }
        try {
            new H2NameMemory(db).saveAll(learned);
        } catch (StoreException e) {
            err.println("toktrace: warning: could not save what this capture taught the name memory: " + e.getMessage());
        } finally {
            db.close();
        }
    }
}
