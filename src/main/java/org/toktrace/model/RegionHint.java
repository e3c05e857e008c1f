package org.toktrace.model;

import java.util.Objects;

/**
 * What a label of a server name says about where the server is, e.g. {@code alisg} in
 * {@code api16-normal-c-alisg.tiktokv.com}: Singapore, on Alibaba Cloud.
 *
 * @param token    the part of the label that carries the hint, as written in the name
 * @param place    where it points, in words ({@code Singapore (Alibaba Cloud)})
 * @param country  the ISO 3166-1 alpha-2 code of that place, empty when the hint names no one country
 * @param inferred true when the meaning is read from the token's shape and its use, not from a
 *                 published statement
 */
public record RegionHint(String token, String place, String country, boolean inferred) {

    public RegionHint {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(country, "country");
    }

    /** {@code alisg: Singapore (Alibaba Cloud)}, with {@code (inferred)} when it is. */
    public String text() {
        return token + ": " + place + (inferred ? " (inferred)" : "");
    }
}
