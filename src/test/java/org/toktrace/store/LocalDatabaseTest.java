package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void aFileShorterThanADatabaseIsCalledDamagedOrForeignInOneLine() throws Exception {
        Path base = tmp.resolve("notes");
        Files.writeString(tmp.resolve("notes" + LocalDatabase.H2_SUFFIX), "hello world, not h2\n");
        StoreException e = assertThrows(StoreException.class, () -> LocalDatabase.open(base));
        assertEquals("the file " + base.toAbsolutePath() + LocalDatabase.H2_SUFFIX
                + " is damaged or not a TokTrace database; move it away to start a new one", e.getMessage());
        assertEquals("hello world, not h2\n", Files.readString(tmp.resolve("notes" + LocalDatabase.H2_SUFFIX)),
                "the file is left as it was");
    }

    @Test
    void createsMigratesAndReopens() throws Exception {
        Path p = tmp.resolve("data").resolve("toktrace");
        try (LocalDatabase db = LocalDatabase.open(p)) {
            assertEquals(SchemaMigrations.latest(), db.schemaVersion());
            assertTrue(Files.exists(Path.of(p + LocalDatabase.H2_SUFFIX)));
        }
        try (LocalDatabase db = LocalDatabase.open(p);
                Statement s = db.connection().createStatement();
                ResultSet r = s.executeQuery("SELECT version, description FROM schema_version ORDER BY version")) {
            for (Migration m : SchemaMigrations.ALL) {
                assertTrue(r.next());
                assertEquals(m.version(), r.getInt(1));
                assertEquals(m.description(), r.getString(2));
            }
            assertEquals("learned name memory", SchemaMigrations.ALL.get(0).description());
            assertFalse(r.next(), "reopening applies nothing twice");
        }
    }

    @Test
    void laterMigrationsRunInOrderOnAnOlderDatabase() throws Exception {
        Path p = tmp.resolve("toktrace");
        LocalDatabase.open(p).close();
        List<Migration> next = new java.util.ArrayList<>(SchemaMigrations.ALL);
        int later = SchemaMigrations.latest() + 1;
        next.add(new Migration(later, "test table", List.of("CREATE TABLE t2 (x INT)", "INSERT INTO t2 VALUES (7)")));
        try (LocalDatabase db = LocalDatabase.open(p, next);
                Statement s = db.connection().createStatement();
                ResultSet r = s.executeQuery("SELECT x FROM t2")) {
            assertEquals(later, db.schemaVersion());
            assertTrue(r.next());
            assertEquals(7, r.getInt(1));
        }
        StoreException e = assertThrows(StoreException.class, () -> LocalDatabase.open(p));
        assertTrue(e.getMessage().contains("schema version " + later + ", newer than this TokTrace knows ("
                + SchemaMigrations.latest() + ")"), e.getMessage());
    }

    @Test
    void aFailingMigrationLeavesTheVersionUnchanged() {
        Path p = tmp.resolve("toktrace");
        LocalDatabase.open(p).close();
        List<Migration> broken = new java.util.ArrayList<>(SchemaMigrations.ALL);
        broken.add(new Migration(SchemaMigrations.latest() + 1, "broken", List.of("CREATE TABLE t2 (x INT)", "THIS IS NOT SQL")));
        StoreException e = assertThrows(StoreException.class, () -> LocalDatabase.open(p, broken));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        try (LocalDatabase db = LocalDatabase.open(p)) {
            assertEquals(SchemaMigrations.latest(), db.schemaVersion());
        }
    }

    @Test
    void ownerOnlyPermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path dir = tmp.resolve("fresh");
        Path p = dir.resolve("toktrace");
        LocalDatabase.open(p).close();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(p + LocalDatabase.H2_SUFFIX))));
    }

    @Test
    void notADatabaseGivesOnePlainLine() throws Exception {
        Path p = tmp.resolve("junk");
        Files.writeString(Path.of(p + LocalDatabase.H2_SUFFIX), "this is not an H2 file, just text ".repeat(200));
        StoreException e = assertThrows(StoreException.class, () -> LocalDatabase.open(p));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void theSameProcessMayOpenItTwice() {
        Path p = tmp.resolve("toktrace");
        try (LocalDatabase a = LocalDatabase.open(p); LocalDatabase b = LocalDatabase.open(p)) {
            assertEquals(a.schemaVersion(), b.schemaVersion());
        }
    }

    @Test
    void aSecondProcessIsToldTheDatabaseIsInUse() throws Exception {
        Path p = tmp.resolve("toktrace");
        LocalDatabase.open(p).close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldDatabase.class.getName(), p.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("open " + SchemaMigrations.latest(), out.readLine());
            StoreException e = assertThrows(StoreException.class, () -> LocalDatabase.open(p));
            assertEquals("the TokTrace database " + p.toAbsolutePath() + ".mv.db is in use by another TokTrace; close it and try again",
                    e.getMessage());
        } finally {
            other.getOutputStream().close();
            if (!other.waitFor(30, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
        try (LocalDatabase db = LocalDatabase.open(p)) {
            assertEquals(SchemaMigrations.latest(), db.schemaVersion(), "usable again once the other process is gone");
        }
    }

    /** What {@code action} printed on System.out and System.err, where H2's own trace system writes. */
    static String printedBy(Runnable action) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFailedOpenLeavesNoTraceFile() throws Exception {
        // a folder where the database file belongs: H2 cannot open it, and used to log that to toktrace.trace.db
        Path p = tmp.resolve("toktrace");
        Files.createDirectory(Path.of(p + LocalDatabase.H2_SUFFIX));
        String printed = printedBy(() -> {
            StoreException e = assertThrows(StoreException.class, () -> LocalDatabase.open(p));
            assertEquals("cannot open the TokTrace database " + p + LocalDatabase.H2_SUFFIX + ": Is a directory", e.getMessage());
        });
        assertEquals("", printed);
        assertFalse(Files.exists(tmp.resolve("toktrace.trace.db")), "no trace file beside the database");
    }

    @Test
    void aTraceFileThatCannotBeWrittenPrintsNoStackTrace() throws Exception {
        // where H2 cannot write its trace file either (an unwritable folder), it printed a DbException trace
        Path p = tmp.resolve("toktrace");
        Files.createDirectory(Path.of(p + LocalDatabase.H2_SUFFIX));
        Files.createDirectory(tmp.resolve("toktrace.trace.db"));
        String printed = printedBy(() -> assertThrows(StoreException.class, () -> LocalDatabase.open(p)));
        assertEquals("", printed);
    }

    @Test
    void aFolderThatCannotBeMadeIsOneLineNamingWhy() throws Exception {
        // under a regular file no folder can be made, by root as by anyone
        Path file = Files.writeString(tmp.resolve("file.txt"), "not a folder");
        Path p = file.resolve("sub").resolve("toktrace");
        StoreException e = assertThrows(StoreException.class, () -> LocalDatabase.open(p));
        assertEquals("cannot create the folder of the TokTrace database " + file.resolve("sub") + ": " + file
                + " exists and is not a folder", e.getMessage());
    }

    @Test
    void theDatabaseFileIsCreatedOwnerOnlyInAnOpenFolder() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path open = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path p = open.resolve("toktrace");
        LocalDatabase.open(p).close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(p + LocalDatabase.H2_SUFFIX))));
        try (var files = Files.list(open)) {
            assertEquals(List.of(Path.of(p + LocalDatabase.H2_SUFFIX)), files.toList(), "the database file alone");
        }
    }

    @Test
    void defaultLocationPerOperatingSystem() {
        Path home = Path.of("/home/ana");
        assertEquals(Path.of("/home/ana/.local/share/toktrace/toktrace"), LocalDatabase.defaultDatabase("Linux", Map.of(), home));
        assertEquals(Path.of("/data/xdg/toktrace/toktrace"),
                LocalDatabase.defaultDatabase("Linux", Map.of("XDG_DATA_HOME", "/data/xdg"), home));
        assertEquals(Path.of("/home/ana/.local/share/toktrace/toktrace"),
                LocalDatabase.defaultDatabase("Linux", Map.of("XDG_DATA_HOME", "relative"), home), "relative XDG paths are ignored");
        assertEquals(Path.of("/home/ana/Library/Application Support/TokTrace/toktrace"),
                LocalDatabase.defaultDatabase("Mac OS X", Map.of(), home));
        assertEquals(Path.of("/appdata/TokTrace/toktrace"),
                LocalDatabase.defaultDatabase("Windows 11", Map.of("APPDATA", "/appdata"), home));
        assertTrue(LocalDatabase.defaultDatabase().endsWith(Path.of("toktrace")));
    }

    @Test
    void theEnvironmentsHomeWinsOverJavasUserHome() {
        Path userHome = Path.of("/root"); // user.home, from the password database
        assertEquals(Path.of("/home/ana/.local/share/toktrace/toktrace"),
                LocalDatabase.defaultDatabase("Linux", Map.of("HOME", "/home/ana"), userHome));
        assertEquals(Path.of("/data/xdg/toktrace/toktrace"),
                LocalDatabase.defaultDatabase("Linux", Map.of("HOME", "/home/ana", "XDG_DATA_HOME", "/data/xdg"), userHome),
                "XDG_DATA_HOME first");
        assertEquals(Path.of("/home/ana/Library/Application Support/TokTrace/toktrace"),
                LocalDatabase.defaultDatabase("Mac OS X", Map.of("HOME", "/home/ana"), userHome));
        assertEquals(Path.of("/root/.local/share/toktrace/toktrace"),
                LocalDatabase.defaultDatabase("Linux", Map.of("HOME", ""), userHome), "user.home when HOME is empty");
        assertEquals(Path.of("/root/.local/share/toktrace/toktrace"),
                LocalDatabase.defaultDatabase("Linux", Map.of("HOME", "relative/home"), userHome), "or relative");
    }
}
