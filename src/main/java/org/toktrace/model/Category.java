package org.toktrace.model;

import java.util.Locale;

/** What a TikTok flow is for, as its server name tells. */
public enum Category {
    VIDEO, IMAGE, API, TELEMETRY, PUSH, ADS, LOGIN, LIVE, OTHER;

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
