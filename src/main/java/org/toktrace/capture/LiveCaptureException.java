package org.toktrace.capture;

/**
 * Live capture or interface listing cannot start; the message is one line for the user that says
 * what to do, and {@link #reason()} says which case it is.
 */
public final class LiveCaptureException extends Exception {

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

    public LiveCaptureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
