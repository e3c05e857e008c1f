package org.toktrace.model;

/**
 * What TikTok is doing on a device (DESIGN.md section 5): on screen, or one of the background
 * states the claim under test names. {@link #BACKGROUND} is for background time whose traffic cannot
 * tell minimized from closed.
 */
public enum AppState {
    /** The app is on screen streaming: successive video downloads, images, API calls. */
    FOREGROUND("foreground"),
    /** Minimized or closed, and the traffic cannot tell which. */
    BACKGROUND("background"),
    /** Open behind another app: pings, sync, now and then a lone pre-load. */
    MINIMIZED("minimized"),
    /** Swiped away: the app's own connections gone, only keepalives or the platform's push channel left. */
    CLOSED("closed");

    private final String label;

    AppState(String label) {
        this.label = label;
    }

    /** The name as the timeline and flows.csv write it: {@code foreground}, {@code minimized}, ... */
    public String label() {
        return label;
    }

    /** Whether the app is out of sight: minimized, closed, or one of the two. */
    public boolean isBackground() {
        return this != FOREGROUND;
    }
}
