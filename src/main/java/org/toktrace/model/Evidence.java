package org.toktrace.model;

import java.util.Objects;

/**
 * Why a flow got its server name: the source, the name, when the deciding packet was captured
 * (epoch ns; for the name memory, when the mapping was last seen), and a detail for people, e.g.
 * the CNAME chain {@code v16-webapp.tiktok.com -> v16.tiktok.com.edgesuite.net -> a12.dscb.akamai.net}.
 */
public record Evidence(NameSource source, String name, long timestampNanos, String detail) {

    public Evidence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }
}
