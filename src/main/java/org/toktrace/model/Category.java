package org.toktrace.model;

import java.util.Locale;

/**
 * What a flow is for, as its server name tells: TikTok's own roles, and for third parties also
 * {@code analytics} (analytics and install attribution) and {@code crash} (crash reports). The two
 * come last so that stored ordinals keep their meaning.
 */
public enum Category {
    VIDEO, IMAGE, API, TELEMETRY, PUSH, ADS, LOGIN, LIVE, OTHER, ANALYTICS, CRASH;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The name as flows.csv writes it: {@code video}, {@code image}, ... */
    public String label() {
        return label;
    }

    /** The category written as {@link #label()}, case-insensitive. */
    public static Category of(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
