package org.toktrace.model;

import java.util.Objects;

/**
 * Who operates a server's address and where it is registered, from the bundled IP network table.
 *
 * @param asn          the autonomous system announcing the address, 0 when none is known
 * @param organisation the AS's name as published, empty when none is known
 * @param country      the ISO 3166-1 alpha-2 code of the address, or for an address that is not
 *                     public what it is instead ({@code private}, {@code CGNAT}, {@code loopback},
 *                     {@code link-local}, {@code multicast}, ...), empty when the table has nothing
 * @param group        whose network it is for the summary: {@link #BYTEDANCE}, {@link #CDN},
 *                     {@link #CLOUD}, {@link #OTHER}, or {@link #NOT_PUBLIC} / {@link #UNKNOWN}
 */
public record ServerNetwork(long asn, String organisation, String country, String group) {

    public static final String BYTEDANCE = "ByteDance and TikTok";
    public static final String CDN = "CDN";
    public static final String CLOUD = "cloud";
    public static final String OTHER = "other";
    public static final String NOT_PUBLIC = "not public";
    public static final String UNKNOWN = "not in the table";

    /** An address the table has no row for. */
    public static final ServerNetwork NONE = new ServerNetwork(0, "", "", UNKNOWN);

    public ServerNetwork {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(group, "group");
        if (asn < 0 || asn > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an AS number: " + asn);
        }
    }

    /** An address outside the public Internet: {@code kind} says what it is ({@code private}, {@code CGNAT}, ...). */
    public static ServerNetwork notPublic(String kind) {
        return new ServerNetwork(0, "", kind, NOT_PUBLIC);
    }

    /** {@code AS20940} or empty. */
    public String asnText() {
        return asn == 0 ? "" : "AS" + asn;
    }

    /** {@code Akamai International B.V. (AS20940)}, the kind of a non-public address, or {@code unknown operator}. */
    public String operatorText() {
        if (asn != 0) {
            return (organisation.isEmpty() ? "AS" + asn : organisation + " (AS" + asn + ")");
        }
        return group.equals(NOT_PUBLIC) ? country + " address" : "unknown operator";
    }
}
