package org.toktrace.attribute;

import java.util.List;
import java.util.Optional;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LearnedName;

/**
 * The learned name memory: what earlier captures taught about server addresses (address to name,
 * when, from which capture), and what this analysis teaches, to be saved when it ends.
 *
 * <p>{@link #lookup} answers from what was known when the analysis started; mappings passed to
 * {@link #learn} are collected for saving and do not change later look-ups of the same analysis,
 * so a flow's attribution never depends on the order in which flows finish.
 */
public interface NameMemory {

    /** The best known name for {@code server} around {@code atNanos} (epoch ns), if any. */
    Optional<LearnedName> lookup(IpAddress server, long atNanos);

    /** Remembers a mapping this analysis saw, merged with earlier sightings of the same address and name. */
    void learn(LearnedName mapping);

    /** What {@link #learn} collected, one entry per address and name, in the order first learned. */
    List<LearnedName> learned();

    /** A memory that knows nothing from earlier captures (it still collects what is learned). */
    static NameMemory empty() {
        return new InMemoryNameMemory(List.of());
    }
}
