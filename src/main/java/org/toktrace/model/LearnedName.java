package org.toktrace.model;

import java.util.Objects;

/**
 * One mapping of the learned name memory: a server address, the name a capture showed for it, how
 * it was shown (SNI, HTTP Host or a DNS answer), when it was first and last seen (epoch ns), and
 * which capture taught it, so a later analysis can say where its evidence came from.
 *
 * @param capture a label of the capture that taught the mapping (its file name), never null
 */
public record LearnedName(IpAddress address, String name, NameSource source, long firstSeenNanos,
        long lastSeenNanos, String capture) {

    /** The longest name kept: a DNS name has at most 253 characters in text form (RFC 1035 section 2.3.4). */
    public static final int MAX_NAME_LENGTH = 253;

    public LearnedName {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(capture, "capture");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a learned name has 1 to 253 characters");
        }
        if (source == NameSource.NAME_MEMORY || source == NameSource.IP_RANGE) {
            throw new IllegalArgumentException("only names seen on the wire are learned, not " + source);
        }
        if (lastSeenNanos < firstSeenNanos) {
            throw new IllegalArgumentException("last seen before first seen");
        }
    }

    /** This mapping widened to cover {@code other}'s sightings; source and capture follow the later one. */
    public LearnedName merge(LearnedName other) {
        if (!address.equals(other.address) || !name.equals(other.name)) {
            throw new IllegalArgumentException("merging different mappings");
        }
        LearnedName later = other.lastSeenNanos >= lastSeenNanos ? other : this;
        return new LearnedName(address, name, later.source, Math.min(firstSeenNanos, other.firstSeenNanos),
                Math.max(lastSeenNanos, other.lastSeenNanos), later.capture);
    }
}
