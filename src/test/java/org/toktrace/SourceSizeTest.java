package org.toktrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps source files small enough to read in one sitting: a dissector is one protocol (nDPI keeps
 * one file per protocol), so no file of {@code dissect} passes {@value #MAX_DISSECT_LINES} lines,
 * and no main source file passes {@value #MAX_LINES}. ArchUnit sees classes, not lines, hence a
 * plain test over the source tree.
 */
class SourceSizeTest {

    static final int MAX_DISSECT_LINES = 300;
    static final int MAX_LINES = 600;

    private static final Path MAIN = Path.of(System.getProperty("basedir", "."), "src", "main", "java");
    private static final Path DISSECT = MAIN.resolve(Path.of("org", "toktrace", "dissect"));

    @Test
    void everyDissectorStaysUnderThreeHundredLines() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path file : javaFiles(DISSECT)) {
            long lines = lines(file);
            if (lines >= MAX_DISSECT_LINES) {
                tooLong.put(DISSECT.relativize(file).toString(), lines);
            }
        }
        assertEquals(Map.of(), tooLong, "dissect files of " + MAX_DISSECT_LINES + " lines or more: split per protocol");
    }

    @Test
    void everyMainSourceFileStaysUnderSixHundredLines() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path file : javaFiles(MAIN)) {
            String name = MAIN.relativize(file).toString().replace('\\', '/');
            long lines = lines(file);
            if (lines >= MAX_LINES) {
                tooLong.put(name, lines);
            }
        }
        assertEquals(Map.of(), tooLong, "main source files of " + MAX_LINES + " lines or more");
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), "no sources at " + dir.toAbsolutePath());
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            assertTrue(!java.isEmpty(), "no Java sources under " + dir.toAbsolutePath());
            return java;
        }
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
