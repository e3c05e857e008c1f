package org.toktrace.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;
import org.toktrace.store.CaptureDigest;
import org.toktrace.store.CaptureLibrary;
import org.toktrace.store.LocalDatabase;

/**
 * Measures the capture library on a big capture: SHA-256 of the file, saving its analysis, and
 * reopening it with {@code load(id)} (in-process, warm, and as a fresh {@code toktrace library show}
 * or {@code library export} process), plus {@code analyze} with and without {@code --save}. Prints a
 * markdown table and writes it to {@code target/bench/library-results.md}. See docs/performance.md.
 *
 * <p>Properties: {@code bench.file} (default target/bench/hotspot-1.5GB-seed1.pcap; made by the
 * {@code bench} profile), {@code bench.runs} (5), {@code bench.dir} (target/bench), {@code bench.jar}
 * (target/toktrace.jar, for the process rows; the class path when it is missing).
 */
public final class LibraryBenchmark {

    private final List<String> rows = new ArrayList<>();
    private final int runs;

    private LibraryBenchmark(int runs) {
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        Path file = Path.of(System.getProperty("bench.file", dir.resolve("hotspot-1.5GB-seed1.pcap").toString()));
        int runs = Integer.getInteger("bench.runs", 5);
        if (!Files.isRegularFile(file)) {
            System.err.println("no capture at " + file + ": run mvn -o -Pbench -DskipTests package first, or set -Dbench.file");
            System.exit(2);
        }
        Files.createDirectories(dir);
        Path db = dir.resolve("library-bench").resolve("toktrace");
        Files.deleteIfExists(Path.of(db + LocalDatabase.H2_SUFFIX));
        LibraryBenchmark b = new LibraryBenchmark(runs);
        b.rows.add("| what | median s | runs (s) |");
        b.rows.add("|---|---:|---|");

        long size = Files.size(file);
        double[] sha = b.time(() -> CaptureDigest.sha256(file));
        b.row(String.format(Locale.ROOT, "SHA-256 of the file (`CaptureDigest.sha256`, mmapped; %.0f MB/s)", size / median(sha) / 1e6), sha);

        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisOptions.defaults());
        AnalysisResult[] result = new AnalysisResult[1];
        double[] analyze = b.time(() -> result[0] = analyzer.analyze(file));
        b.row("`CaptureAnalyzer.analyze` alone", analyze);
        double[] both = b.time(() -> {
            CompletableFuture<String> digest = CaptureDigest.start(file);
            result[0] = analyzer.analyze(file);
            return digest.join();
        });
        b.row("analyze with the SHA-256 on its own thread (what `analyze --save` does before saving)", both);

        AnalysisResult r = result[0];
        String hex = CaptureDigest.sha256(file);
        long bins = r.flows().stream().mapToLong(f -> f.bins().size()).sum();
        long[] id = new long[1];
        try (LocalDatabase d = LocalDatabase.open(db)) {
            CaptureLibrary lib = new CaptureLibrary(d);
            double[] save = b.time(() -> id[0] = lib.save(r, hex));
            b.row(String.format(Locale.ROOT, "`CaptureLibrary.save` (replace; %,d flows, %,d flow bins)", r.flows().size(), bins), save);
            AnalysisResult[] loaded = new AnalysisResult[1];
            double[] load = b.time(() -> loaded[0] = lib.load(id[0]).orElseThrow());
            b.row("`CaptureLibrary.load(id)`, warm JVM, database open", load);
            if (!loaded[0].equals(r)) {
                throw new AssertionError("the loaded analysis differs from the saved one");
            }
            double[] list = b.time(lib::list);
            b.row("`CaptureLibrary.list()`", list);
        }
        double[] openLoad = b.time(() -> {
            try (LocalDatabase d = LocalDatabase.open(db)) {
                return new CaptureLibrary(d).load(id[0]).orElseThrow();
            }
        });
        b.row("open the database + `load(id)` + close, warm JVM", openLoad);
        long dbSize = Files.size(Path.of(db + LocalDatabase.H2_SUFFIX));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the jar as users run it when it is built (mvn package), else the same classes from the class path
        Path jar = Path.of(System.getProperty("bench.jar", "target/toktrace.jar"));
        List<String> toktrace = Files.isRegularFile(jar) ? List.of(java, "-Xmx256m", "-jar", jar.toString())
                : List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.toktrace.cli.ToktraceCli");
        Path csv = dir.resolve("library-bench-flows.csv");
        b.processRow("process: `toktrace library show ID` (JVM start, H2 open, load, summary)",
                b.process(cat(toktrace, "library", "show", Long.toString(id[0]), "--db", db.toString())));
        b.processRow("process: `toktrace library export ID --flows-csv F`",
                b.process(cat(toktrace, "library", "export", Long.toString(id[0]), "--db", db.toString(),
                        "--flows-csv", csv.toString())));
        b.processRow("process: `toktrace analyze F --quiet` (no database)",
                b.process(cat(toktrace, "analyze", file.toString(), "--quiet")));
        b.processRow("process: `toktrace analyze F --quiet --save --no-memory --db DB` (hash, analyse, save)",
                b.process(cat(toktrace, "analyze", file.toString(), "--quiet", "--save", "--no-memory",
                        "--db", db.toString())));

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# capture library benchmark%n%n%s: %,d bytes, %,d frames, %,d flows, %,d flow bins; "
                + "database file %.1f MB. JVM %s %s, -Xmx %d MB, %d processors; median of %d runs after one warm-up.%n%n",
                file.getFileName(), size, r.counters().frames(), r.flows().size(), bins, dbSize / 1e6,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), runs));
        b.rows.forEach(row -> md.append(row).append('\n'));
        Path out = dir.resolve("library-results.md");
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.print(md);
        System.out.println("written to " + out);
    }

    private static List<String> cat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private interface Timed {
        Object run() throws Exception;
    }

    /** One untimed warm-up, then {@code runs} timed runs. */
    private double[] time(Timed t) throws Exception {
        double[] s = new double[runs];
        for (int i = -1; i < runs; i++) {
            long t0 = System.nanoTime();
            Object o = t.run();
            double secs = (System.nanoTime() - t0) / 1e9;
            if (o == null) {
                throw new AssertionError("nothing computed");
            }
            if (i >= 0) {
                s[i] = secs;
            }
        }
        return s;
    }

    /** CPU seconds (user + system) of the last {@link #process} runs, from {@code /usr/bin/time}; less noisy than wall time on a busy host. */
    private final List<Double> cpu = new ArrayList<>();

    private double[] process(List<String> command) throws Exception {
        boolean haveTime = Files.isExecutable(Path.of("/usr/bin/time"));
        cpu.clear();
        return time(() -> {
            List<String> cmd = new ArrayList<>();
            if (haveTime) {
                cmd.addAll(List.of("/usr/bin/time", "-f", "cpu %U %S"));
            }
            cmd.addAll(command);
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err;
            try (InputStream in = p.getErrorStream()) {
                err = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(command + " exited " + exit + ": " + err);
            }
            for (String line : err.split("\\R")) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.split(" ");
                    cpu.add(Double.parseDouble(f[1]) + Double.parseDouble(f[2]));
                }
            }
            return exit;
        });
    }

    /** A process row: wall times, and the median CPU time when /usr/bin/time gave it. */
    private void processRow(String what, double[] secs) {
        if (cpu.isEmpty()) {
            row(what, secs);
            return;
        }
        // the warm-up run is the first one measured: drop it, as for the wall times
        double[] c = cpu.subList(Math.max(0, cpu.size() - secs.length), cpu.size()).stream().mapToDouble(Double::doubleValue).toArray();
        row(String.format(Locale.ROOT, "%s; CPU (user + system) median %.2f s", what, median(c)), secs);
    }

    private void row(String what, double[] secs) {
        StringBuilder all = new StringBuilder();
        for (double s : secs) {
            all.append(all.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", s));
        }
        String line = String.format(Locale.ROOT, "| %s | %.3f | %s |", what, median(secs), all);
        System.out.println(line);
        rows.add(line);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
