package org.toktrace.model;

import java.util.Objects;

/**
 * Something wrong found in a capture that did not stop the analysis, e.g. a file cut short in the
 * middle of a record. {@code fileOffset} is the byte offset in the file, or -1 when not known.
 */
public record CaptureWarning(long fileOffset, String message) {

    public CaptureWarning {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return fileOffset >= 0 ? message + " (at byte offset " + fileOffset + ")" : message;
    }
}
