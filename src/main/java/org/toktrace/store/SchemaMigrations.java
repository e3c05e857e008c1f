package org.toktrace.store;

import java.util.List;

/**
 * The schema's history, oldest first (docs/decisions/0007). Never edit a released migration: add
 * the next one. A database newer than the last one here is refused rather than guessed at.
 */
final class SchemaMigrations {

    private SchemaMigrations() {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "learned name memory", List.of(
                    """
                    CREATE TABLE learned_name (
                        address        VARBINARY(16) NOT NULL,
                        name           VARCHAR(253)  NOT NULL,
                        source         VARCHAR(16)   NOT NULL,
                        first_seen_ns  BIGINT        NOT NULL,
                        last_seen_ns   BIGINT        NOT NULL,
                        capture        VARCHAR(1024) NOT NULL,
                        CONSTRAINT learned_name_pk PRIMARY KEY (address, name),
                        CONSTRAINT learned_name_seen CHECK (first_seen_ns <= last_seen_ns)
                    )""",
                    "CREATE INDEX learned_name_last_seen ON learned_name (last_seen_ns)")));

    /** The version a database has after every migration here. */
    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }
}
