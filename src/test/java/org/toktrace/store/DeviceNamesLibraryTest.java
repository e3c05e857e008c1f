package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Device;
import org.toktrace.testkit.NamedDevicesCapture;

/**
 * The library keeps the names devices gave themselves (schema 3): a reopened capture names its
 * phones, and a database of schema 2, whose captures were saved before, migrates and reopens them
 * with their devices unnamed until they are analysed again.
 */
class DeviceNamesLibraryTest {

    static final String SHA = "b".repeat(64);

    @TempDir
    Path tmp;

    private AnalysisResult named() throws Exception {
        NamedDevicesCapture capture = NamedDevicesCapture.write(tmp.resolve("named.pcap"), "Pixel-7", "Galaxy-S23");
        return new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture.file());
    }

    private static List<String> names(AnalysisResult r) {
        return r.hotspotDevices().stream().map(Device::title).toList();
    }

    @Test
    void aReopenedCaptureNamesItsDevices() throws Exception {
        AnalysisResult r = named();
        assertTrue(names(r).get(0).startsWith("Pixel-7 \u00b7 "), names(r).toString());
        Path db = tmp.resolve("db").resolve("toktrace");
        long id;
        try (LocalDatabase d = LocalDatabase.open(db)) {
            id = new CaptureLibrary(d).save(r, SHA);
        }
        try (LocalDatabase d = LocalDatabase.open(db)) {
            AnalysisResult loaded = new CaptureLibrary(d).load(id).orElseThrow();
            assertEquals(r.announcedDevices(), loaded.announcedDevices());
            assertEquals(r, loaded);
            assertEquals(names(r), names(loaded));
        }
    }

    /** Table and column names with their types, as H2 describes the schema. */
    private static List<String> schema(LocalDatabase d) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = d.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM "
                        + "INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME <> 'SCHEMA_VERSION' "
                        + "ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return out;
    }

    @Test
    void aSchemaTwoDatabaseMigratesAndItsCapturesReopen() throws Exception {
        AnalysisResult r = named();
        List<String> schemaTwo;
        try (LocalDatabase fresh = LocalDatabase.open(tmp.resolve("v2").resolve("toktrace"), SchemaMigrations.ALL.subList(0, 2))) {
            assertEquals(2, fresh.schemaVersion());
            schemaTwo = schema(fresh);
        }

        // A database as TokTrace 2 left it: a capture saved, no device table. Made by saving and then
        // taking schema 3 away again; the check against a fresh schema-2 database shows nothing else differs.
        Path db = tmp.resolve("old").resolve("toktrace");
        long id;
        try (LocalDatabase d = LocalDatabase.open(db)) {
            id = new CaptureLibrary(d).save(r, SHA);
            Connection c = d.connection();
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE capture_device");
                s.execute("DELETE FROM schema_version WHERE version = 3");
            }
            assertEquals(2, d.schemaVersion());
            assertEquals(schemaTwo, schema(d), "a schema-2 database");
        }

        try (LocalDatabase d = LocalDatabase.open(db)) {
            assertEquals(3, d.schemaVersion(), "opening migrates");
            assertTrue(schema(d).contains("CAPTURE_DEVICE.NAME CHARACTER VARYING NO"), schema(d).toString());
            CaptureLibrary lib = new CaptureLibrary(d);
            AnalysisResult old = lib.load(id).orElseThrow();
            assertEquals(r.flows(), old.flows(), "the capture saved before reopens");
            assertEquals(r.states(), old.states());
            assertEquals(List.of(), old.announcedDevices(), "no names were kept then");
            assertEquals(r.devices().stream().map(x -> x.label()).toList(), names(old),
                    "its devices are listed, unnamed: by MAC");
            assertNotEquals(names(r), names(old));

            // analysing it again brings the names in, under the same id
            assertEquals(id, lib.save(r, SHA));
            assertEquals(names(r), names(lib.load(id).orElseThrow()));
        }
    }
}
