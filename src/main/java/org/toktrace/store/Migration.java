package org.toktrace.store;

import java.util.List;
import java.util.Objects;

/**
 * One step of the schema: its version (1, 2, 3 ... without gaps), what it does, and the SQL
 * statements that do it, run in one transaction together with its {@code schema_version} row.
 */
record Migration(int version, String description, List<String> statements) {

    Migration {
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        if (version < 1 || statements.isEmpty()) {
            throw new IllegalArgumentException("a migration has a positive version and statements");
        }
    }
}
