package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LearnedName;
import org.toktrace.model.NameSource;

/** A database from before the capture library (schema 1: the name memory only) is brought forward with its data. */
class LibraryMigrationTest {

    @TempDir
    Path tmp;

    @Test
    void aNameMemoryOnlyDatabaseGainsTheLibraryAndKeepsItsNames() throws Exception {
        Path p = tmp.resolve("toktrace");
        List<LearnedName> names = List.of(
                new LearnedName(IpAddress.parse("23.50.1.10"), "v16-webapp.tiktok.com", NameSource.TLS_SNI, 100, 200, "old.pcap"),
                new LearnedName(IpAddress.parse("2404:9dc0::1"), "log.tiktokv.com", NameSource.DNS, 150, 150, "old.pcap"));
        try (LocalDatabase v1 = LocalDatabase.open(p, SchemaMigrations.ALL.subList(0, 1))) {
            assertEquals(1, v1.schemaVersion());
            new H2NameMemory(v1).saveAll(names);
            try (Statement s = v1.connection().createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'CAPTURE'")) {
                r.next();
                assertEquals(0, r.getInt(1), "an old database has no library");
            }
        }
        AnalysisResult result = LibraryResults.everything(25);
        try (LocalDatabase db = LocalDatabase.open(p)) {
            assertEquals(SchemaMigrations.latest(), db.schemaVersion());
            assertTrue(SchemaMigrations.latest() >= 2);
            assertEquals(names.size(), new H2NameMemory(db).count());
            assertEquals(List.of(names.get(1), names.get(0)), new H2NameMemory(db).loadAll(), "oldest sighting first");
            CaptureLibrary lib = new CaptureLibrary(db);
            assertTrue(lib.list().isEmpty());
            long id = lib.save(result, "b".repeat(64));
            assertEquals(result, lib.load(id).orElseThrow());
        }
        try (LocalDatabase db = LocalDatabase.open(p);
                Statement s = db.connection().createStatement();
                ResultSet r = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            for (Migration m : SchemaMigrations.ALL) {
                assertTrue(r.next());
                assertEquals(m.version(), r.getInt(1), "each migration applied once, in order");
            }
            assertEquals(1, new CaptureLibrary(db).list().size());
        }
    }
}
