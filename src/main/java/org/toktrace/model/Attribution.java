package org.toktrace.model;

/**
 * Whose a flow is: the evidence for its server name (null when none was found), the service that
 * name belongs to (null when the catalog does not know it), and, for TikTok, what the flow is for.
 */
public record Attribution(Evidence evidence, String service, Category category) {

    /** Nothing known. */
    public static final Attribution NONE = new Attribution(null, null, null);

    public static final String TIKTOK = "TikTok";

    public Attribution {
        if (evidence == null && (service != null || category != null)) {
            throw new IllegalArgumentException("a service without evidence");
        }
    }

    public boolean isTikTok() {
        return TIKTOK.equals(service);
    }

    /** The name the evidence gave, or null. */
    public String serverName() {
        return evidence == null ? null : evidence.name();
    }
}
