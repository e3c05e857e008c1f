package org.toktrace.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toktrace capture} as a user without capture rights prints what to do on this OS and exits
 * 2; file analysis still works for that user. As root the test drops to {@code nobody} with
 * setpriv; as any other user it runs as that user, who has no rights either.
 */
class CaptureWithoutRightsTest {

    @TempDir
    Path dir;

    @Test
    void anUnprivilegedCaptureSaysWhatToDoAndExitsTwoWhileAnalyzeWorks() throws Exception {
        Path app = readableCopyOfTheApp();
        Path sample = Files.copy(Path.of("captures", "hotspot-sample.pcap"), dir.resolve("sample.pcap"));
        Files.setPosixFilePermissions(sample, PosixFilePermissions.fromString("rw-r--r--"));

        TestHost.Result capture = asUnprivileged(app, "capture", "--interface", "lo", "--write", dir.resolve("x.pcapng").toString());
        assertEquals(2, capture.exit(), capture.err());
        String[] lines = capture.err().split("\\R");
        assertEquals(1, lines.length, capture.err());
        assertTrue(lines[0].startsWith("toktrace: no permission to capture on lo: run as root (sudo), or give a copy of the"
                + " Java runtime the capture capabilities (cp -r \"$JAVA_HOME\" ~/toktrace-jre && sudo setcap"
                + " cap_net_raw,cap_net_admin=eip ~/toktrace-jre/bin/java)"), lines[0]);
        assertEquals("", capture.out());
        assertTrue(Files.notExists(dir.resolve("x.pcapng")), "nothing written when nothing can be captured");

        TestHost.Result analyze = asUnprivileged(app, "analyze", sample.toString(), "--quiet");
        assertEquals(0, analyze.exit(), analyze.err());
        assertEquals("", analyze.err());
    }

    private TestHost.Result asUnprivileged(Path app, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (TestHost.isRoot()) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"));
        }
        command.addAll(List.of(TestHost.java(), "-Duser.home=" + dir, "-cp", app.resolve("classes") + File.pathSeparator + app.resolve("lib") + File.separator + "*",
                "org.toktrace.Launcher"));
        command.addAll(List.of(args));
        return TestHost.run(120, command.toArray(String[]::new));
    }

    /**
     * The main classes and the jars they run with, copied where user nobody can read them (the
     * worktree and the Maven repository may not be readable to others).
     */
    private Path readableCopyOfTheApp() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path lib = Files.createDirectories(app.resolve("lib"));
        for (String entry : TestHost.classPath().split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) && p.endsWith(Path.of("target", "classes"))) {
                copyTree(p, app.resolve("classes"));
            } else if (entry.endsWith(".jar") && p.getFileName().toString().matches("(pcap4j|jna|slf4j|picocli|commons-csv|h2).*")) {
                Files.copy(p, lib.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return app;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
