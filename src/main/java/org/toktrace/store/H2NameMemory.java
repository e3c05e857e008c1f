package org.toktrace.store;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LearnedName;
import org.toktrace.model.NameSource;

/**
 * The learned name memory in the H2 database: an analysis loads every mapping when it starts
 * ({@link #loadAll()}, thousands of rows) and saves what it learned in one transaction when it ends
 * ({@link #saveAll}), widening the seen interval of mappings already known.
 *
 * <p>The analysis side works with {@code org.toktrace.attribute.InMemoryNameMemory} built from the
 * loaded list; the store may not depend on {@code attribute} (ArchitectureTest), so the two meet
 * only through {@link LearnedName}.
 */
public final class H2NameMemory {

    private static final String COLUMNS = "address, name, source, first_seen_ns, last_seen_ns, capture";

    private final LocalDatabase db;

    public H2NameMemory(LocalDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Every mapping, oldest sighting first. */
    public List<LearnedName> loadAll() {
        return query("SELECT " + COLUMNS + " FROM learned_name ORDER BY last_seen_ns, address, name", null);
    }

    /** The mappings of one address, newest first. */
    public List<LearnedName> lookup(IpAddress address) {
        return query("SELECT " + COLUMNS + " FROM learned_name WHERE address = ? ORDER BY last_seen_ns DESC, name", address);
    }

    /** How many mappings are stored. */
    public long count() {
        try (PreparedStatement p = db.connection().prepareStatement("SELECT COUNT(*) FROM learned_name");
                ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw failure("count the learned names", e);
        }
    }

    private List<LearnedName> query(String sql, IpAddress address) {
        List<LearnedName> out = new ArrayList<>();
        try (PreparedStatement p = db.connection().prepareStatement(sql)) {
            if (address != null) {
                p.setBytes(1, address.toBytes());
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    LearnedName n = row(r);
                    if (n != null) {
                        out.add(n);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("read the learned names", e);
        }
        return out;
    }

    private static LearnedName row(ResultSet r) throws SQLException {
        IpAddress a = address(r.getBytes(1));
        NameSource source;
        try {
            source = NameSource.valueOf(r.getString(3));
            return a == null ? null : new LearnedName(a, r.getString(2), source, r.getLong(4), r.getLong(5), r.getString(6));
        } catch (IllegalArgumentException e) {
            return null; // a row this version cannot read is skipped, not fatal
        }
    }

    static IpAddress address(byte[] b) {
        if (b == null) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (b.length == 4) {
            return IpAddress.ofV4(buf.getInt());
        }
        if (b.length == 16) {
            return IpAddress.ofV6(buf.getLong(), buf.getLong());
        }
        return null;
    }

    /**
     * Saves {@code names} in one transaction: new mappings are added, known ones widened to cover
     * both intervals (source and capture follow the later sighting). All or nothing.
     */
    public void saveAll(Collection<LearnedName> names) {
        if (names.isEmpty()) {
            return;
        }
        try {
            db.inTransaction(c -> saveAll(c, names));
        } catch (SQLException e) {
            throw failure("save the learned names", e);
        }
    }

    private static Void saveAll(Connection c, Collection<LearnedName> names) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                    MERGE INTO learned_name t
                    USING (VALUES (CAST(? AS VARBINARY(16)), CAST(? AS VARCHAR(253)), CAST(? AS VARCHAR(16)),
                                   CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS VARCHAR(1024))))
                          AS s(address, name, source, first_seen_ns, last_seen_ns, capture)
                    ON t.address = s.address AND t.name = s.name
                    WHEN MATCHED THEN UPDATE SET
                        source = CASE WHEN s.last_seen_ns >= t.last_seen_ns THEN s.source ELSE t.source END,
                        capture = CASE WHEN s.last_seen_ns >= t.last_seen_ns THEN s.capture ELSE t.capture END,
                        first_seen_ns = LEAST(t.first_seen_ns, s.first_seen_ns),
                        last_seen_ns = GREATEST(t.last_seen_ns, s.last_seen_ns)
                    WHEN NOT MATCHED THEN INSERT (address, name, source, first_seen_ns, last_seen_ns, capture)
                        VALUES (s.address, s.name, s.source, s.first_seen_ns, s.last_seen_ns, s.capture)""")) {
            int batched = 0;
            for (LearnedName n : names) {
                p.setBytes(1, n.address().toBytes());
                p.setString(2, n.name());
                p.setString(3, n.source().name());
                p.setLong(4, n.firstSeenNanos());
                p.setLong(5, n.lastSeenNanos());
                p.setString(6, n.capture().length() > 1024 ? n.capture().substring(0, 1024) : n.capture());
                p.addBatch();
                if (++batched % 1000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        return null;
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " in " + db.path() + LocalDatabase.H2_SUFFIX + ": "
                + LocalDatabase.firstLine(e.getMessage()), e);
    }
}
