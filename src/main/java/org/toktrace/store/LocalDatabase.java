package org.toktrace.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.h2.api.ErrorCode;

/**
 * TokTrace's embedded H2 database: one file, created on first use in a folder only its owner may
 * read (where the file system has POSIX permissions), brought to the latest schema on open.
 *
 * <p>H2 locks the file while it is open, so a second TokTrace process gets a {@link StoreException}
 * saying so; within one process, opening the same file twice shares one database.
 */
public final class LocalDatabase implements AutoCloseable {

    /** The file H2 writes for a database path {@code P}: {@code P.mv.db}. */
    public static final String H2_SUFFIX = ".mv.db";

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final Connection connection;

    private LocalDatabase(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    /**
     * Where the database lives by default: Linux {@code $XDG_DATA_HOME/toktrace/toktrace} or
     * {@code $HOME/.local/share/toktrace/toktrace}, macOS {@code $HOME/Library/Application Support/TokTrace/toktrace},
     * Windows {@code %APPDATA%\TokTrace\toktrace} (H2 adds {@value #H2_SUFFIX}). Java's {@code user.home}
     * stands in only where {@code HOME} is unset.
     */
    public static Path defaultDatabase() {
        return defaultDatabase(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * {@link #defaultDatabase()} for the given operating system and environment; {@code userHome} is
     * Java's {@code user.home}, used when the environment has no absolute {@code HOME}.
     */
    static Path defaultDatabase(String osName, Map<String, String> env, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path dir;
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            dir = (appData != null && !appData.isBlank() ? Path.of(appData) : userHome.resolve("AppData").resolve("Roaming"))
                    .resolve("TokTrace");
            return dir.resolve("toktrace");
        }
        // user.home comes from the password database, not HOME: under sudo, in a container, or with HOME
        // pointed elsewhere for a test, the two differ, and the shell's HOME is the one the user means
        Path home = absolute(env.get("HOME"));
        if (home == null) {
            home = userHome;
        }
        if (os.startsWith("mac")) {
            dir = home.resolve("Library").resolve("Application Support").resolve("TokTrace");
        } else {
            // the XDG spec ignores a relative XDG_DATA_HOME
            Path xdg = absolute(env.get("XDG_DATA_HOME"));
            dir = (xdg != null ? xdg : home.resolve(".local").resolve("share")).resolve("toktrace");
        }
        return dir.resolve("toktrace");
    }

    /** {@code value} as a path when it is one and absolute, else null. */
    private static Path absolute(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Opens (creating on first use) the database at {@code path} (without {@value #H2_SUFFIX}) and
     * migrates it to the latest schema.
     *
     * @throws StoreException with a one-line message when it cannot
     */
    public static LocalDatabase open(Path path) {
        return open(path, SchemaMigrations.ALL);
    }

    /**
     * Like {@link #open(Path)}, but while another process has the database open, tries again for up to
     * {@code waitWhileInUse} before giving up with the "in use by another TokTrace" message. The app and
     * the command line each hold the file only for one operation (docs/decisions/0016), so a short
     * wait lets one finish a save while the other waits its turn.
     */
    public static LocalDatabase open(Path path, Duration waitWhileInUse) {
        long deadline = System.nanoTime() + waitWhileInUse.toNanos();
        while (true) {
            try {
                return open(path);
            } catch (StoreException e) {
                if (!inUse(e) || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the TokTrace database " + path + H2_SUFFIX, e);
            }
        }
    }

    private static final long RETRY_MILLIS = 50;

    private static boolean inUse(StoreException e) {
        return e.getCause() instanceof SQLException s
                && (s.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1 || s.getErrorCode() == ErrorCode.LOCK_TIMEOUT_1);
    }

    static LocalDatabase open(Path path, List<Migration> migrations) {
        Path abs = path.toAbsolutePath().normalize();
        if (abs.toString().indexOf(';') >= 0) {
            // the path goes into the JDBC URL, where ';' starts H2 settings (INIT= even runs SQL)
            throw new StoreException("the TokTrace database path may not contain ';': " + abs);
        }
        Path dir = abs.getParent();
        try {
            if (dir != null && !Files.isDirectory(dir)) {
                createOwnerOnlyDirectories(dir);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of the TokTrace database " + dir + ": " + reason(e, dir), e);
        }
        Path file = Path.of(abs + H2_SUFFIX);
        try {
            createOwnerOnlyFile(file);
        } catch (IOException e) {
            throw new StoreException("cannot create the TokTrace database " + file + ": " + reason(e, file), e);
        }
        Connection c;
        try {
            // FILE_LOCK=FS: an OS lock on the file makes a second process fail fast instead of corrupting it, and
            // the OS drops it when the holder dies, even by kill -9, so a crash never leaves a stale lock behind.
            // TRACE_LEVEL_FILE=0: H2 would otherwise log its errors to a world-readable P.trace.db beside the
            // database, and where it cannot write that file it prints its own stack trace to System.err; every
            // failure reaches the user as the one line of a StoreException instead.
            c = DriverManager.getConnection("jdbc:h2:file:" + abs + ";FILE_LOCK=FS;TRACE_LEVEL_FILE=0;TRACE_LEVEL_SYSTEM_OUT=0",
                    "toktrace", "");
        } catch (SQLException e) {
            throw openFailure(abs, e);
        }
        LocalDatabase db = new LocalDatabase(abs, c);
        try {
            restrictToOwner(file); // an existing file keeps the mode it was made with otherwise
            db.migrate(migrations);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (posix(dir)) {
            Path parent = dir.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(dir); // e.g. Windows: %APPDATA% is already the user's own
        }
    }

    /**
     * Creates an empty database file readable by its owner only, which H2 takes for a new database:
     * left to H2, the file is created under the umask (often 0644) and readable by anyone until
     * {@link #restrictToOwner} runs.
     */
    private static void createOwnerOnlyFile(Path file) throws IOException {
        if (!posix(file) || Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } catch (FileAlreadyExistsException e) {
            // another process created it in between: H2 opens it or says it is in use
        }
    }

    /** Why making {@code target} failed, in words, without the exception's class; names the path only when another. */
    private static String reason(IOException e, Path target) {
        if (e instanceof AccessDeniedException a) {
            return target.toString().equals(a.getFile()) ? "permission denied" : "permission denied on " + a.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return firstLine(e.getMessage());
    }

    private static boolean posix(Path p) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix") && p.getFileSystem() == FileSystems.getDefault();
    }

    private static void restrictToOwner(Path file) {
        try {
            if (posix(file) && Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException("cannot make the TokTrace database " + file + " private to its owner: " + e.getMessage(), e);
        }
    }

    private static StoreException openFailure(Path abs, SQLException e) {
        int code = e.getErrorCode();
        if (code == ErrorCode.DATABASE_ALREADY_OPEN_1 || code == ErrorCode.LOCK_TIMEOUT_1) {
            return new StoreException("the TokTrace database " + abs + H2_SUFFIX
                    + " is in use by another TokTrace; close it and try again", e);
        }
        if (code == ErrorCode.FILE_CORRUPTED_1) {
            return new StoreException("the TokTrace database " + abs + H2_SUFFIX + " is damaged; move it away to start a new one", e);
        }
        if (code == ErrorCode.WRONG_USER_OR_PASSWORD) {
            return new StoreException("the file " + abs + H2_SUFFIX + " is not a TokTrace database", e);
        }
        if (code == ErrorCode.IO_EXCEPTION_1 && endsEarly(e)) {
            // a file shorter than H2's own header: cut short, or something else under that name
            return new StoreException("the file " + abs + H2_SUFFIX + " is damaged or not a TokTrace database;"
                    + " move it away to start a new one", e);
        }
        return new StoreException("cannot open the TokTrace database " + abs + H2_SUFFIX + ": " + ioReason(e), e);
    }

    /**
     * The file system's own words when an I/O error is under H2's ("Is a directory", "permission
     * denied"), which H2's message ("IO Exception: "P.mv.db" [90028-232]") leaves out; else H2's first line.
     */
    private static String ioReason(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (t instanceof FileSystemException f && f.getReason() != null) {
                return f.getReason();
            }
        }
        return firstLine(e.getMessage());
    }

    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void migrate(List<Migration> migrations) {
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INT PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                        + "applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
            }
            int current = schemaVersion();
            int latest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
            if (current > latest) {
                throw new StoreException("the TokTrace database " + path + H2_SUFFIX + " has schema version " + current
                        + ", newer than this TokTrace knows (" + latest + "); use a newer TokTrace");
            }
            int expected = 1;
            for (Migration m : migrations) {
                if (m.version() != expected++) {
                    throw new IllegalStateException("migrations must be numbered 1, 2, 3 ... without gaps");
                }
                if (m.version() <= current) {
                    continue;
                }
                apply(m);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot bring the TokTrace database " + path + H2_SUFFIX + " up to date: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private void apply(Migration m) throws SQLException {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
                p.setInt(1, m.version());
                p.setString(2, m.description());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Work on the connection that {@link #inTransaction} runs. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction: committed when it returns, rolled back when it throws, so
     * a failure midway leaves the database as it was; auto-commit is as before either way.
     */
    <T> T inTransaction(Work<T> work) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /** The highest migration applied, 0 for a new database. */
    public int schemaVersion() {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version of " + path + H2_SUFFIX + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The database path as given to {@link #open} (absolute, without {@value #H2_SUFFIX}). */
    public Path path() {
        return path;
    }

    /** The open connection, for the store's own classes. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the TokTrace database " + path + H2_SUFFIX + ": " + firstLine(e.getMessage()), e);
        }
    }

}
