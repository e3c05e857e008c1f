package org.toktrace.attribute;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the data files shipped in this package (the catalog, the IP ranges). */
final class BundledData {
    private BundledData() {
    }

    /** The lines of resource {@code name} of this package; {@code what} names it in the error. */
    static List<String> lines(String name, String what) {
        try (InputStream in = BundledData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(what + " " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
