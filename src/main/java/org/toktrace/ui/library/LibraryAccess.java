package org.toktrace.ui.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;
import org.toktrace.store.CaptureLibrary;
import org.toktrace.store.LibraryEntry;
import org.toktrace.store.LocalDatabase;

/**
 * The app's way into the capture library: which database (the user's, or the {@value #DB_PROPERTY}
 * system property), and every operation run on one background thread that opens the database, does
 * that one thing and closes it again, so a {@code toktrace library ...} command in a terminal only ever
 * waits for one save (docs/decisions/0016).
 */
public final class LibraryAccess {

    /** System property naming another database (a path without {@value LocalDatabase#H2_SUFFIX}), e.g. for tests. */
    public static final String DB_PROPERTY = "toktrace.db";

    /** As the command line waits: the other process holds the file for one operation at most. */
    static final Duration WAIT_WHILE_IN_USE = Duration.ofSeconds(5);

    private final Path database;
    private final Duration wait;
    /** One operation at a time, in order: a list after a save sees the save. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "toktrace-library");
        t.setDaemon(true);
        return t;
    });

    public LibraryAccess(Path database, Duration waitWhileInUse) {
        this.database = database;
        this.wait = waitWhileInUse;
    }

    /** The database the settings name: {@value #DB_PROPERTY} when set, else the user's default one. */
    public static LibraryAccess fromSettings() {
        String p = System.getProperty(DB_PROPERTY);
        return new LibraryAccess(p == null || p.isBlank() ? LocalDatabase.defaultDatabase() : Path.of(p), WAIT_WHILE_IN_USE);
    }

    /** The database path, without {@value LocalDatabase#H2_SUFFIX}. */
    public Path database() {
        return database;
    }

    /** Whether the database file exists; reading an absent library gives nothing and creates no file. */
    public boolean exists() {
        return Files.exists(Path.of(database + LocalDatabase.H2_SUFFIX));
    }

    /**
     * Runs {@code operation} on the library thread with the database open for it alone. The future fails
     * with the store's one-line {@code StoreException} when the database cannot be opened or written.
     */
    public <T> CompletableFuture<T> run(Function<CaptureLibrary, T> operation) {
        return CompletableFuture.supplyAsync(() -> {
            try (LocalDatabase db = LocalDatabase.open(database, wait)) {
                return operation.apply(new CaptureLibrary(db));
            }
        }, worker);
    }

    /** Like {@link #run}, but gives {@code whenAbsent} without creating a database when there is none. */
    public <T> CompletableFuture<T> read(Function<CaptureLibrary, T> operation, T whenAbsent) {
        return CompletableFuture.supplyAsync(() -> {
            if (!exists()) {
                return whenAbsent;
            }
            try (LocalDatabase db = LocalDatabase.open(database, wait)) {
                return operation.apply(new CaptureLibrary(db));
            }
        }, worker);
    }

    /**
     * Opens H2 once in the background so that the first open from the library does not pay for loading
     * and initialising its classes: the user's database when it exists (listing it and reading its newest
     * analysis, which is then dropped), else a throw-away one
     * in a temporary folder, so that starting the app never creates a library by itself.
     */
    public CompletableFuture<Void> warmUp() {
        return CompletableFuture.runAsync(() -> {
            try {
                if (exists()) {
                    try (LocalDatabase db = LocalDatabase.open(database, wait)) {
                        CaptureLibrary library = new CaptureLibrary(db);
                        List<LibraryEntry> entries = library.list();
                        if (!entries.isEmpty()) {
                            // reading one analysis compiles the load path: the first Open took 0.5 s, later ones 0.15 s
                            library.load(entries.get(entries.size() - 1).id());
                        }
                    }
                } else {
                    Path dir = Files.createTempDirectory("toktrace-warm-up");
                    try (LocalDatabase db = LocalDatabase.open(dir.resolve("warm-up"))) {
                        new CaptureLibrary(db).list();
                    } finally {
                        deleteTree(dir);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // only a head start: the first real operation reports any problem itself
            }
        }, worker);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
