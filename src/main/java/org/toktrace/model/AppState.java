package org.toktrace.model;

/** Whether TikTok is on screen on a device (DESIGN.md section 5). */
public enum AppState {
    /** The app is on screen streaming: successive video downloads, images, API calls. */
    FOREGROUND("foreground"),
    /** The app is minimized or closed: keepalives, telemetry, now and then a lone pre-load. */
    BACKGROUND("background");

    private final String label;

    AppState(String label) {
        this.label = label;
    }

    /** The name as the timeline and flows.csv write it: {@code foreground}, {@code background}. */
    public String label() {
        return label;
    }
}
