package org.toktrace.attribute;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A bundled table read on first use, once, by whichever thread asks first. Unlike the class-holder
 * idiom it keeps no failure: a read that ran out of memory (the tables load beside a big analysis)
 * leaves nothing behind, so the next use reads again and fails as itself, an {@link OutOfMemoryError}
 * the caller can report, not as a {@code NoClassDefFoundError} of a class that could not initialise.
 */
final class OnFirstUse<T> {
    private final Supplier<T> read;
    private volatile T value;

    OnFirstUse(Supplier<T> read) {
        this.read = Objects.requireNonNull(read, "read");
    }

    T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(read.get(), "the table read");
                    value = v;
                }
            }
        }
        return v;
    }
}
