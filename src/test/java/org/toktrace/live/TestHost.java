package org.toktrace.live;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the live-capture tests need from the machine: root (to make network namespaces and
 * capture), the iproute2 and tcpreplay tools, and a class path a child JVM can run. They fail with
 * a plain message when something is missing: never skipped, so CI cannot pass without them.
 */
public final class TestHost {
    private TestHost() {
    }

    /** What a command printed, and its exit code. */
    public record Result(int exit, String out, String err) {
    }

    /** Runs a command to its end (at most {@code seconds}), keeping what it printed. */
    public static Result run(long seconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("toktrace-cmd", ".out");
        Path err = Files.createTempFile("toktrace-cmd", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail("timed out after " + seconds + " s: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a command that must succeed. */
    public static String check(String... command) throws IOException, InterruptedException {
        Result r = run(120, command);
        if (r.exit() != 0) {
            fail(String.join(" ", command) + " failed with exit " + r.exit() + ": " + r.err() + r.out());
        }
        return r.out();
    }

    public static boolean isRoot() throws IOException, InterruptedException {
        return run(10, "id", "-u").out().strip().equals("0");
    }

    /** Fails the test, plainly, unless this runs as root with the tools at hand. */
    public static void requireRootAndTools(String... tools) throws IOException, InterruptedException {
        if (!isRoot()) {
            String ci = "true".equalsIgnoreCase(System.getenv("CI")) ? " CI must run the tests as root (.ci/run)." : "";
            fail("the live-capture integration test needs root: it creates a network namespace with a veth pair"
                    + " and captures on it. Run mvn verify as root (e.g. in a container)." + ci);
        }
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            if (run(10, "sh", "-c", "command -v " + tool).exit() != 0) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            fail("missing tools " + missing + ": apt-get install -y iproute2 tcpreplay nftables (.ci/run installs them)");
        }
    }

    /** The java of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path (surefire gives the real one, main and test classes and every dependency). */
    public static String classPath() {
        return System.getProperty("java.class.path");
    }
}
