package org.toktrace.capture;

import java.nio.file.Path;

/**
 * A capture that cannot be read at all: missing, empty, unreadable, or not a capture. The message
 * is one plain line for the user, naming what is wrong and the file.
 */
public final class CaptureOpenException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CaptureOpenException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public CaptureOpenException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
