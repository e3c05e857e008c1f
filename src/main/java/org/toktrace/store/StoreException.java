package org.toktrace.store;

/**
 * The database could not be opened, migrated, read or written; the message is one plain line for
 * the user (e.g. "the TokTrace database ... is in use by another TokTrace"), the cause has the rest.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
