package org.toktrace.model;

/**
 * Whose a flow is: the evidence for its server name (null when none was found), the service that
 * name belongs to (null when the catalog does not know it), and, for TikTok, what the flow is for
 * and the app's state that holds most of its bytes (null until the states are classified).
 */
public record Attribution(Evidence evidence, String service, Category category, AppState state) {

    /** Nothing known. */
    public static final Attribution NONE = new Attribution(null, null, null);

    /** Before the state classification. */
    public Attribution(Evidence evidence, String service, Category category) {
        this(evidence, service, category, null);
    }

    public static final String TIKTOK = "TikTok";

    public Attribution {
        if (evidence == null && (service != null || category != null)) {
            throw new IllegalArgumentException("a service without evidence");
        }
        if (state != null && !TIKTOK.equals(service)) {
            throw new IllegalArgumentException("only TikTok flows have a state");
        }
    }

    /** This attribution with the app's state during the flow. */
    public Attribution withState(AppState s) {
        return new Attribution(evidence, service, category, s);
    }

    public boolean isTikTok() {
        return TIKTOK.equals(service);
    }

    /** The name the evidence gave, or null. */
    public String serverName() {
        return evidence == null ? null : evidence.name();
    }
}
