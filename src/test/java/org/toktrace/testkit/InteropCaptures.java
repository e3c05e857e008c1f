package org.toktrace.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real captures recorded by other projects, in {@code ../shared/interop} (system property
 * {@code toktrace.interop.dir}, set by the {@code interop} Maven profile). Tests tagged
 * {@code interop} fail rather than skip without them: with the tag selected, a missing corpus
 * means the check did not happen.
 */
public final class InteropCaptures {
    private InteropCaptures() {
    }

    /** The capture files, sorted by name. */
    public static Stream<Path> captures() throws IOException {
        String dir = System.getProperty("toktrace.interop.dir");
        Path captures = dir == null ? null : Path.of(dir, "captures");
        assertTrue(captures != null && Files.isDirectory(captures),
                "the interop captures are missing: toktrace.interop.dir=" + dir);
        try (Stream<Path> files = Files.list(captures)) {
            List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
            assertFalse(list.isEmpty(), "no capture in " + captures);
            return list.stream();
        }
    }

    /** tshark's listing of the ClientHellos of {@code capture} ({@code expected/NAME.sni.tsv}). */
    public static Path sniListing(Path capture) {
        return capture.getParent().resolveSibling("expected").resolve(capture.getFileName() + ".sni.tsv");
    }
}
