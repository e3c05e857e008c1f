package org.toktrace.analysis;

/**
 * A live capture cannot start: its message is one line for the user that says what to do (install
 * libpcap or Npcap, get capture rights, name an existing interface, fix the filter).
 */
public final class LiveCaptureUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Which case it is. */
    public enum Reason { NO_LIBPCAP, NO_PERMISSION, NO_SUCH_INTERFACE, BAD_FILTER, CANNOT_WRITE, FAILED }

    private final Reason reason;

    public LiveCaptureUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
