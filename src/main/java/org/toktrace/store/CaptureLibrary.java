package org.toktrace.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.IpAddress;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.ServiceTotals;
import org.toktrace.model.TrafficBreakdown;

/**
 * The capture library: every analysis kept in the H2 database so it reopens without re-reading the
 * capture, listed with its key figures, compared with another, deleted (docs/decisions/0015).
 *
 * <p>A save is one transaction written in JDBC batches: a crash midway leaves the library as it was
 * (H2 rolls back what was not committed when it reopens the file). Saving a capture whose SHA-256 is
 * already stored replaces its analysis but keeps its id and the user's marks. {@link #load} gives back
 * an {@link AnalysisResult} equal to the one saved; figures derived from it are recomputed, not stored,
 * except the few the list shows.
 *
 * <p>Calls are serialized on the database (one connection) and block: call them off the UI thread.
 * Another process is kept out by the file lock, so hold the database for one operation at a time
 * (docs/decisions/0016). Saving an analysed file: start {@link CaptureDigest#start} when the analysis
 * starts; when it ends, {@code LocalDatabase.open(path, wait)}, {@code save(result, digest.join())},
 * close.
 */
public final class CaptureLibrary {

    /** Rows per JDBC batch: large enough to amortize the round trips, small enough to report progress. */
    static final int BATCH = 500;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private static final String CAPTURE_COLUMNS = "sha256, source, size_bytes, format, link_types, first_ns, last_ns, "
            + "frames, captured_bytes, ip_packets, ip_bytes, non_ip, malformed, unsupported_link, fragments, "
            + "orphan_fragments, complete, catalog_version, analysed_at, flow_count, device_count, tiktok_bytes, "
            + "foreground_bytes, background_bytes, foreground_ns, background_ns, platform_push_bytes, warning_count";
    private static final int CAPTURE_COLUMN_COUNT = 28;

    static final String FLOW_COLUMNS = "seq, flow_id, protocol, client_ip, client_port, server_ip, server_port, "
            + "first_ns, last_ns, packets_up, packets_down, bytes_up, bytes_down, flow_end, client_mac, bins, "
            + "payload_name, payload_source, payload_ns, alpn, quic_version, ech, evidence_source, evidence_name, "
            + "evidence_ns, evidence_detail, service, category, state";

    /** The analysis's child tables, which a re-analysis replaces (user_mark is not among them). */
    private static final List<String> ANALYSIS_TABLES = List.of("flow", "timeline_bin", "device_state",
            "capture_warning", "breakdown_row", "capture_learned_name", "capture_device");

    /** Parts of a {@link TrafficBreakdown}, one row each (lists keep their order through {@code seq}). */
    static final String TIKTOK = "tiktok";
    static final String TIKTOK_CATEGORY = "tiktok_category";
    static final String TIKTOK_NAME_SOURCE = "tiktok_name_source";
    static final String PLATFORM_PUSH = "platform_push";
    static final String OTHER_SERVICE = "other_service";
    static final String UNKNOWN_NAMES = "unknown_names";
    static final String UNNAMED_REASON = "unnamed_reason";
    static final String NOTE = "note";

    private final LocalDatabase db;

    public CaptureLibrary(LocalDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Told how far a save is, after every batch; for a progress bar (and the crash test). */
    @FunctionalInterface
    public interface SaveProgress {
        /** {@code rows} of {@code total} written, not yet committed. */
        void written(long rows, long total);

        SaveProgress NONE = (rows, total) -> { };
    }

    /** Saves {@code result} as analysed now; see {@link #save(AnalysisResult, String, Instant, SaveProgress)}. */
    public long save(AnalysisResult result, String sha256) {
        return save(result, sha256, Instant.now(), SaveProgress.NONE);
    }

    /**
     * Saves {@code result} in one transaction and returns the capture's id. With a {@code sha256} that
     * is already stored, the stored analysis is replaced (same id, marks kept); with a null one (a live
     * capture kept in no file) a new capture is added.
     *
     * @param sha256     the capture file's SHA-256, 64 lower-case hex digits ({@link CaptureDigest}), or null
     * @param analysedAt kept to the microsecond
     * @throws StoreException when it cannot be written; the library is then as it was
     */
    public long save(AnalysisResult result, String sha256, Instant analysedAt, SaveProgress progress) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(analysedAt, "analysedAt");
        Objects.requireNonNull(progress, "progress");
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        synchronized (db) {
            try {
                return db.inTransaction(c -> {
                    long id = writeCapture(c, result, sha256, analysedAt.truncatedTo(ChronoUnit.MICROS));
                    new ChildRows(c, id, result, progress).write();
                    return id;
                });
            } catch (SQLException e) {
                throw failure("save " + result.capture().source() + " into the library", e);
            }
        }
    }

    private static long writeCapture(Connection c, AnalysisResult r, String sha256, Instant analysedAt) throws SQLException {
        Long existing = null;
        if (sha256 != null) {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM capture WHERE sha256 = ?")) {
                p.setString(1, sha256);
                try (ResultSet rs = p.executeQuery()) {
                    existing = rs.next() ? rs.getLong(1) : null;
                }
            }
        }
        if (existing != null) {
            try (PreparedStatement p = c.prepareStatement("UPDATE capture SET (" + CAPTURE_COLUMNS + ") = ("
                    + placeholders(CAPTURE_COLUMN_COUNT) + ") WHERE id = ?")) {
                bindCapture(p, r, sha256, analysedAt);
                p.setLong(CAPTURE_COLUMN_COUNT + 1, existing);
                p.executeUpdate();
            }
            for (String table : ANALYSIS_TABLES) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE capture_id = ?")) {
                    p.setLong(1, existing);
                    p.executeUpdate();
                }
            }
            return existing;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO capture (" + CAPTURE_COLUMNS + ") VALUES ("
                + placeholders(CAPTURE_COLUMN_COUNT) + ")", Statement.RETURN_GENERATED_KEYS)) {
            bindCapture(p, r, sha256, analysedAt);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static void bindCapture(PreparedStatement p, AnalysisResult r, String sha256, Instant analysedAt) throws SQLException {
        CaptureInfo info = r.capture();
        PacketCounters k = r.counters();
        DeviceStates total = r.totalStates();
        long push = 0;
        for (ServiceTotals t : r.breakdown().platformPush()) {
            push += t.bytes();
        }
        int i = 1;
        p.setString(i++, sha256);
        p.setString(i++, info.source());
        p.setLong(i++, info.sizeBytes());
        p.setString(i++, info.format().name());
        p.setString(i++, joinInts(info.linkTypes()));
        p.setLong(i++, info.firstNanos());
        p.setLong(i++, info.lastNanos());
        p.setLong(i++, k.frames());
        p.setLong(i++, k.capturedBytes());
        p.setLong(i++, k.ipPackets());
        p.setLong(i++, k.ipBytes());
        p.setLong(i++, k.nonIp());
        p.setLong(i++, k.malformed());
        p.setLong(i++, k.unsupportedLink());
        p.setLong(i++, k.fragments());
        p.setLong(i++, k.orphanFragments());
        p.setBoolean(i++, r.complete());
        p.setString(i++, r.catalogVersion());
        p.setObject(i++, OffsetDateTime.ofInstant(analysedAt, ZoneOffset.UTC));
        p.setInt(i++, r.flows().size());
        p.setInt(i++, r.devices().size());
        p.setLong(i++, r.breakdown().tiktok().bytes());
        p.setLong(i++, total.foregroundBytes());
        p.setLong(i++, total.backgroundBytes());
        p.setLong(i++, total.foregroundNanos());
        p.setLong(i++, total.backgroundNanos());
        p.setLong(i++, push);
        p.setInt(i++, r.warnings().size());
        assert i == CAPTURE_COLUMN_COUNT + 1;
    }

    /** Every capture in the library, in the order they were first added. */
    public List<LibraryEntry> list() {
        return entries("SELECT id, " + CAPTURE_COLUMNS + " FROM capture ORDER BY id", null, null);
    }

    /** The capture with this id, if the library has it. */
    public Optional<LibraryEntry> entry(long id) {
        return entries("SELECT id, " + CAPTURE_COLUMNS + " FROM capture WHERE id = ?", id, null).stream().findFirst();
    }

    /** The capture whose file has this SHA-256, if the library has it. */
    public Optional<LibraryEntry> findBySha256(String sha256) {
        return entries("SELECT id, " + CAPTURE_COLUMNS + " FROM capture WHERE sha256 = ?", null, sha256).stream().findFirst();
    }

    private List<LibraryEntry> entries(String sql, Long id, String sha256) {
        synchronized (db) {
            List<LibraryEntry> out = new ArrayList<>();
            try (PreparedStatement p = db.connection().prepareStatement(sql)) {
                if (id != null) {
                    p.setLong(1, id);
                } else if (sha256 != null) {
                    p.setString(1, sha256);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(entry(r));
                    }
                }
            } catch (SQLException e) {
                throw failure("list the library", e);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new StoreException("the library " + db.path() + LocalDatabase.H2_SUFFIX + " has a damaged capture row ("
                        + e.getMessage() + ")", e);
            }
            return out;
        }
    }

    private LibraryEntry entry(ResultSet r) throws SQLException {
        return new LibraryEntry(r.getLong("id"), r.getString("sha256"), captureInfo(r), r.getLong("frames"), r.getLong("ip_bytes"),
                r.getBoolean("complete"), r.getString("catalog_version"),
                r.getObject("analysed_at", OffsetDateTime.class).toInstant(), r.getInt("flow_count"),
                r.getInt("device_count"), r.getLong("tiktok_bytes"), r.getLong("foreground_bytes"),
                r.getLong("background_bytes"), r.getLong("foreground_ns"), r.getLong("background_ns"),
                r.getLong("platform_push_bytes"), r.getInt("warning_count"));
    }

    /** The capture's description from a row of the capture table (its source, size_bytes ... last_ns columns). */
    static CaptureInfo captureInfo(ResultSet r) throws SQLException {
        return new CaptureInfo(r.getString("source"), r.getLong("size_bytes"), value(CaptureFormat.class, r.getString("format")),
                splitInts(r.getString("link_types")), r.getLong("first_ns"), r.getLong("last_ns"));
    }

    /**
     * The stored analysis of capture {@code id}, equal to the {@link AnalysisResult} that was saved;
     * empty when the library has no such capture.
     *
     * @throws StoreException when it cannot be read, or a row is damaged
     */
    public Optional<AnalysisResult> load(long id) {
        synchronized (db) {
            try {
                // one transaction: every table read as of the same commit
                return db.inTransaction(c -> StoredAnalysis.read(c, id));
            } catch (SQLException e) {
                throw failure("read capture " + id + " from the library", e);
            } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
                throw new StoreException("capture " + id + " in the library " + db.path() + LocalDatabase.H2_SUFFIX
                        + " is damaged (" + e.getMessage() + "); delete it and analyse the capture again", e);
            }
        }
    }

    /** The TikTok timeline of capture {@code id} as timeline.csv has it (empty for an unknown id). */
    public List<TimelineBin> timeline(long id) {
        synchronized (db) {
            List<TimelineBin> out = new ArrayList<>();
            try (PreparedStatement p = db.connection().prepareStatement("SELECT device, bin_start_ns, state, bytes_up, "
                    + "bytes_down, packets FROM timeline_bin WHERE capture_id = ? ORDER BY device_seq, bin_start_ns")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String state = r.getString(3);
                        out.add(new TimelineBin(Device.Id.parse(r.getString(1)), r.getLong(2),
                                state == null ? null : value(AppState.class, state), r.getLong(4), r.getLong(5), r.getLong(6)));
                    }
                }
            } catch (SQLException e) {
                throw failure("read the timeline of capture " + id, e);
            }
            return out;
        }
    }

    /**
     * Removes capture {@code id} with its analysis and marks, in one transaction.
     *
     * @return false when the library had no such capture
     */
    public boolean delete(long id) {
        synchronized (db) {
            try (PreparedStatement p = db.connection().prepareStatement("DELETE FROM capture WHERE id = ?")) {
                p.setLong(1, id);
                return p.executeUpdate() > 0; // one statement: with auto-commit, its own transaction; children cascade
            } catch (SQLException e) {
                throw failure("delete capture " + id + " from the library", e);
            }
        }
    }

    /** Captures {@code a} and {@code b} side by side, with the cadence the stored states tell. */
    public Optional<CaptureComparison> compare(long a, long b) {
        return compare(a, b, CaptureFigures.Cadence.FROM_STATES);
    }

    /**
     * Captures {@code a} and {@code b} side by side, their cadence computed by {@code cadence} over each
     * stored analysis; empty when either is not in the library.
     */
    public Optional<CaptureComparison> compare(long a, long b, CaptureFigures.Cadence cadence) {
        Optional<CaptureFigures> fa = figures(a, cadence);
        Optional<CaptureFigures> fb = figures(b, cadence);
        return fa.isEmpty() || fb.isEmpty() ? Optional.empty() : Optional.of(new CaptureComparison(fa.get(), fb.get()));
    }

    private Optional<CaptureFigures> figures(long id, CaptureFigures.Cadence cadence) {
        synchronized (db) {
            Optional<LibraryEntry> entry = entry(id);
            Optional<AnalysisResult> result = load(id);
            if (entry.isEmpty() || result.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CaptureFigures(entry.get(), cadence.of(result.get())));
        }
    }

    /**
     * Adds a user's mark to capture {@code captureId}.
     *
     * @return the mark's id
     * @throws StoreException when the library has no such capture, or it cannot be written
     */
    public long addMark(long captureId, UserMark mark) {
        synchronized (db) {
            try (PreparedStatement p = db.connection().prepareStatement(
                    "INSERT INTO user_mark (capture_id, at_ns, device, label) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                p.setLong(1, captureId);
                p.setLong(2, mark.atNanos());
                p.setString(3, mark.device() == null ? null : mark.device().label());
                p.setString(4, mark.label());
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            } catch (SQLException e) {
                throw failure("add a mark to capture " + captureId, e);
            }
        }
    }

    /** The marks of capture {@code captureId}, in time order. */
    public List<UserMark> marks(long captureId) {
        synchronized (db) {
            List<UserMark> out = new ArrayList<>();
            try (PreparedStatement p = db.connection().prepareStatement(
                    "SELECT at_ns, device, label FROM user_mark WHERE capture_id = ? ORDER BY at_ns, id")) {
                p.setLong(1, captureId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new UserMark(r.getLong(1), markDevice(r.getString(2)), r.getString(3)));
                    }
                }
            } catch (SQLException e) {
                throw failure("read the marks of capture " + captureId, e);
            }
            return out;
        }
    }

    /**
     * The device a stored mark is about; null (every device) for none, and for a text that names no
     * device (another program may have written the row): the person's words are kept either way.
     */
    private static Device.Id markDevice(String label) {
        try {
            return label == null ? null : Device.Id.parse(label);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static IpAddress address(byte[] b) {
        IpAddress a = H2NameMemory.address(b);
        if (a == null) {
            throw new IllegalArgumentException("an address of " + (b == null ? "no" : b.length) + " bytes");
        }
        return a;
    }

    static <E extends Enum<E>> E value(Class<E> type, String name) {
        return Enum.valueOf(type, name); // IllegalArgumentException for a damaged row: reported by load()
    }

    private static String joinInts(List<Integer> values) {
        StringBuilder sb = new StringBuilder();
        for (Integer v : values) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    static List<Integer> splitInts(String text) {
        List<Integer> out = new ArrayList<>();
        if (text != null && !text.isEmpty()) {
            for (String s : text.split(",", -1)) {
                out.add(Integer.parseInt(s)); // NumberFormatException is an IllegalArgumentException
            }
        }
        return out;
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " (" + db.path() + LocalDatabase.H2_SUFFIX + "): "
                + LocalDatabase.firstLine(e.getMessage()), e);
    }
}
