package org.toktrace.model;

/**
 * Live capture or interface listing cannot start; the message is one line for the user that says
 * what to do (install libpcap or Npcap, get capture rights, name an existing interface, fix the
 * filter), and {@link #reason()} says which case it is. Thrown where libpcap fails and caught by the
 * app and the command line alike, so it lives with the values every layer shares.
 */
public final class LiveCaptureUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why live capture cannot start. */
    public enum Reason {
        /** libpcap (Npcap on Windows) is not installed or cannot be loaded. */
        NO_LIBPCAP,
        /** The user may not capture on this machine. */
        NO_PERMISSION,
        /** No interface of that name. */
        NO_SUCH_INTERFACE,
        /** The capture filter does not compile. */
        BAD_FILTER,
        /** The capture file cannot be written. */
        CANNOT_WRITE,
        /** Anything else libpcap reports. */
        FAILED
    }

    private final Reason reason;

    public LiveCaptureUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
