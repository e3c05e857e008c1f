package org.toktrace.analysis;

/**
 * The capture cannot be read at all (missing, empty, not a capture). The message is one plain line
 * for the user that names the file.
 */
public final class UnreadableCaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableCaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
