package org.toktrace.attribute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LearnedName;

/**
 * A {@link NameMemory} held in memory: built from the mappings the store loaded at the start of an
 * analysis (thousands fit easily), it collects what the analysis learns for the store to save.
 *
 * <p>An address may have served several names over time (CDN addresses are reused), so a look-up
 * picks the mapping whose seen interval lies nearest the flow's time, and none farther away than
 * {@link #maxDistance()}: an old mapping of a shared address is more likely wrong than right.
 */
public final class InMemoryNameMemory implements NameMemory {

    /** How far from a mapping's seen interval a flow may lie and still use it. */
    public static final Duration DEFAULT_MAX_DISTANCE = Duration.ofDays(30);
    /** Bound on what one analysis collects for saving. */
    public static final int DEFAULT_MAX_LEARNED = 500_000;

    private final Map<IpAddress, List<LearnedName>> known = new HashMap<>();
    private final LinkedHashMap<Key, LearnedName> learned = new LinkedHashMap<>();
    private final long maxDistanceNanos;
    private final int maxLearned;

    private record Key(IpAddress address, String name) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && address.equals(k.address) && name.equals(k.name);
        }

        @Override
        public int hashCode() {
            return address.hashCode() * 31 + name.hashCode();
        }
    }

    /** A memory of {@code known} mappings, used within {@link #DEFAULT_MAX_DISTANCE}. */
    public InMemoryNameMemory(Collection<LearnedName> known) {
        this(known, DEFAULT_MAX_DISTANCE, DEFAULT_MAX_LEARNED);
    }

    public InMemoryNameMemory(Collection<LearnedName> known, Duration maxDistance, int maxLearned) {
        Objects.requireNonNull(known, "known");
        if (maxDistance.isNegative() || maxLearned < 0) {
            throw new IllegalArgumentException("negative bound");
        }
        this.maxDistanceNanos = saturatedNanos(maxDistance);
        this.maxLearned = maxLearned;
        for (LearnedName n : known) {
            this.known.computeIfAbsent(n.address(), k -> new ArrayList<>(2)).add(n);
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public Optional<LearnedName> lookup(IpAddress server, long atNanos) {
        List<LearnedName> candidates = known.get(server);
        if (candidates == null) {
            return Optional.empty();
        }
        LearnedName best = null;
        long bestDistance = Long.MAX_VALUE;
        for (LearnedName n : candidates) {
            long d = distance(n, atNanos);
            if (d > maxDistanceNanos) {
                continue;
            }
            if (best == null || Long.compareUnsigned(d, bestDistance) < 0
                    || (d == bestDistance && n.lastSeenNanos() > best.lastSeenNanos())) {
                best = n;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** How far {@code t} lies outside the mapping's seen interval; 0 inside it. Saturates, never overflows. */
    static long distance(LearnedName n, long t) {
        if (t < n.firstSeenNanos()) {
            long d = n.firstSeenNanos() - t;
            return d < 0 ? Long.MAX_VALUE : d;
        }
        if (t > n.lastSeenNanos()) {
            long d = t - n.lastSeenNanos();
            return d < 0 ? Long.MAX_VALUE : d;
        }
        return 0;
    }

    @Override
    public void learn(LearnedName mapping) {
        Key key = new Key(mapping.address(), mapping.name());
        LearnedName prev = learned.get(key);
        if (prev != null) {
            learned.put(key, prev.merge(mapping));
        } else if (learned.size() < maxLearned) {
            learned.put(key, mapping);
        }
    }

    @Override
    public List<LearnedName> learned() {
        return List.copyOf(learned.values());
    }

    /** Mappings known from earlier captures. */
    public int knownCount() {
        int n = 0;
        for (List<LearnedName> l : known.values()) {
            n += l.size();
        }
        return n;
    }

    public Duration maxDistance() {
        return Duration.ofNanos(maxDistanceNanos);
    }
}
