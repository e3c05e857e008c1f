package org.toktrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.toktrace.analysis.AnalysisListener;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.MemoryExhaustedException;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.analysis.UnreadableCaptureException;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.FailureText;
import org.toktrace.model.LearnedName;
import org.toktrace.model.PrintableText;
import org.toktrace.model.StateReport;
import org.toktrace.store.CaptureDigest;

/**
 * {@code toktrace analyze DIR | FILE... --out DIR}: each capture analysed by a pipeline of its own,
 * {@code jobs} at a time, into the files the single-file form writes (the same writers, so the same
 * bytes) under a folder per capture, and a {@code captures.csv} with one row per capture.
 *
 * <p>A capture that fails costs its row, never the batch. The database (name memory, library) is
 * opened once and used by one job at a time; every job sees the name memory as it was when the batch
 * started, so a capture's result does not depend on {@code --jobs} or on the order the jobs finish.
 */
final class BatchAnalysis {

    /** The suffixes of the captures a folder contributes, compared without case. */
    static final List<String> SUFFIXES = List.of(".pcap", ".pcapng", ".cap");

    /** The file of the batch's own table, under --out. */
    static final String CAPTURES_CSV = "captures.csv";

    /**
     * Finished flows a job keeps in the heap at the least: below this, every capture of a few minutes
     * would go to disk, and a flow takes a few hundred bytes.
     */
    static final int MIN_FLOWS_IN_MEMORY = 1_000;

    /**
     * How the batch runs.
     *
     * @param database  the database for the name memory and the library, or null when neither is asked for
     * @param namedDb   whether the user named it (--db), so the hints repeat it
     */
    record Settings(Path out, int jobs, Duration bin, boolean quiet, boolean memory, boolean save, Path database,
            boolean namedDb) {
        Settings {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(bin, "bin");
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1");
            }
        }
    }

    /** A capture of the batch and the folder its files go to under --out. */
    record Planned(int index, Path file, String name, long size) {
    }

    /** A row and the exit code its capture contributes. */
    private record Outcome(CapturesCsv.Row row, int exit) {
    }

    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    BatchAnalysis(Settings settings, PrintWriter out, PrintWriter err, boolean terminal) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    int run(List<Path> arguments) {
        long started = System.nanoTime();
        List<Path> files = new ArrayList<>();
        int exit = 0;
        for (Path a : arguments) {
            if (Files.isDirectory(a)) {
                try {
                    List<Path> found = capturesIn(a);
                    if (found.isEmpty()) {
                        err.println("toktrace: warning: " + a + " holds no .pcap, .pcapng or .cap file");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    err.println("toktrace: cannot list " + a + ": " + FailureText.of(e));
                    exit = 2;
                }
            } else {
                files.add(a); // named by the user: whatever its suffix, and if missing, its row says so
            }
        }
        if (files.isEmpty()) {
            err.println("toktrace: no capture to analyse; see toktrace analyze --help");
            err.flush();
            return 2;
        }
        try {
            Files.createDirectories(settings.out());
        } catch (IOException e) {
            err.println("toktrace: cannot create the output folder " + settings.out() + ": " + FailureText.of(e));
            err.flush();
            return 1;
        }
        List<Planned> planned = plan(files);
        long totalBytes = planned.stream().mapToLong(Planned::size).sum();
        int jobs = Math.min(settings.jobs(), planned.size());
        BatchProgress progress = new BatchProgress(out, err, terminal, settings.quiet(), planned.size(), totalBytes);
        // H2 takes half a second to load: it opens while the first packets are read
        CompletableFuture<AnalysisDatabase> loading = settings.database() == null
                ? CompletableFuture.completedFuture(AnalysisDatabase.NONE)
                : CompletableFuture.supplyAsync(() -> AnalysisDatabase.open(settings.database(), settings.memory(),
                        settings.save(), err));
        // N analyses in one heap: each keeps 1/N of what a lone one keeps before its finished flows go to disk
        AnalysisOptions options = AnalysisOptions.defaults().withBin(settings.bin())
                .withKnownNames(() -> loading.join().known())
                .withFlowsInMemory(Math.max(MIN_FLOWS_IN_MEMORY, AnalysisOptions.DEFAULT_FLOWS_IN_MEMORY / jobs));
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, daemonThreads());
        try {
            List<Future<Outcome>> running = new ArrayList<>();
            for (Planned p : planned) {
                running.add(pool.submit(() -> analyse(p, options, loading::join, progress)));
            }
            for (int i = 0; i < running.size(); i++) {
                outcomes.add(outcome(running.get(i), planned.get(i), progress));
            }
        } finally {
            pool.shutdownNow();
            loading.join().close();
        }
        progress.end();
        List<CapturesCsv.Row> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            rows.add(o.row());
            exit = Math.max(exit, o.exit());
        }
        Path table = settings.out().resolve(CAPTURES_CSV);
        try {
            CapturesCsv.write(rows, table);
        } catch (IOException e) {
            err.println("toktrace: cannot write " + table + ": " + FailureText.of(e));
            exit = Math.max(exit, 1);
        }
        long failed = rows.stream().filter(r -> !r.errors().isEmpty()).count();
        if (!settings.quiet()) {
            out.println(String.format(Locale.ROOT, "analysed %d of %d captures in %.1f s, %d at a time%s; wrote %s",
                    rows.stream().filter(r -> r.figures() != null).count(), rows.size(),
                    (System.nanoTime() - started) / 1e9, jobs,
                    failed == 0 ? "" : " (" + failed + " with an error, in its row)", table));
            out.flush();
        }
        err.flush();
        return exit;
    }

    /** A folder's captures by file name; its subfolders are not searched. */
    static List<Path> capturesIn(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (SUFFIXES.stream().anyMatch(name::endsWith) && Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return found;
    }

    /**
     * Gives each capture its folder: the file name without its suffix, with {@code -2}, {@code -3}, ...
     * when another capture (from another folder, or with another suffix) took it first. Names are
     * compared without case, as a Windows or macOS file system would, and none is {@code captures.csv}.
     */
    static List<Planned> plan(List<Path> files) {
        Set<String> taken = new HashSet<>();
        taken.add(CAPTURES_CSV);
        List<Planned> planned = new ArrayList<>();
        for (Path f : files) {
            String base = baseName(f);
            String name = base;
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "-" + n;
            }
            long size;
            try {
                size = Files.isRegularFile(f) ? Files.size(f) : 0;
            } catch (IOException e) {
                size = 0; // its analysis says what is wrong with it
            }
            planned.add(new Planned(planned.size(), f, name, size));
        }
        return planned;
    }

    private static String baseName(Path f) {
        Path leaf = f.getFileName();
        String name = leaf == null ? "" : leaf.toString();
        int dot = name.lastIndexOf('.');
        name = dot >= 0 ? name.substring(0, dot) : name;
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "capture" : name;
    }

    private Outcome outcome(Future<Outcome> running, Planned p, BatchProgress progress) {
        try {
            return running.get();
        } catch (ExecutionException e) {
            // a bug, not the capture: its row says so in one line and the batch goes on
            String line = p.file() + ": internal error: " + e.getCause() + " (set TOKTRACE_DEBUG=1 for details)";
            if (System.getenv("TOKTRACE_DEBUG") != null) {
                e.getCause().printStackTrace(err);
            }
            progress.done(p.index(), p.size(), null, List.of("toktrace: " + line));
            return new Outcome(new CapturesCsv.Row(p.file(), "", null, List.of(), -1, List.of(line)), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(new CapturesCsv.Row(p.file(), "", null, List.of(), -1, List.of("interrupted")), 1);
        }
    }

    /** One capture, on a job's thread: analysis, files, library, row. */
    private Outcome analyse(Planned p, AnalysisOptions options, Supplier<AnalysisDatabase> database,
            BatchProgress progress) {
        StringWriter problems = new StringWriter();
        PrintWriter problemsErr = new PrintWriter(problems);
        // the library keeps where the capture is, to re-analyse it later from any working directory
        Path file = settings.save() ? p.file().toAbsolutePath().normalize() : p.file();
        CompletableFuture<String> sha256 = settings.save() ? CaptureDigest.start(file) : null;
        AnalysisResult result;
        try {
            result = new CaptureAnalyzer(options).analyze(file, progressOf(p, progress), () -> false);
        } catch (UnreadableCaptureException e) {
            return failed(p, e.getMessage(), 2, progress);
        } catch (MemoryExhaustedException e) {
            return failed(p, e.getMessage(), AnalyzeCommand.OUT_OF_MEMORY, progress);
        } catch (IOException e) {
            return failed(p, "reading " + p.file() + " failed: " + FailureText.of(e), 2, progress);
        }
        try {
            return finish(p, result, sha256, database, problemsErr, problems, progress);
        } catch (OutOfMemoryError e) {
            return failed(p, "out of memory while writing the results: give Java more memory, e.g. java -Xmx4g -jar"
                    + " toktrace.jar", AnalyzeCommand.OUT_OF_MEMORY, progress);
        }
    }

    private Outcome finish(Planned p, AnalysisResult result, CompletableFuture<String> sha256,
            Supplier<AnalysisDatabase> database, PrintWriter problemsErr, StringWriter problems, BatchProgress progress) {
        int exit = result.complete() ? 0 : AnalyzeCommand.OUT_OF_MEMORY;
        List<String> warnings = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (CaptureWarning w : result.warnings()) {
            warnings.add(w.toString());
            lines.add("toktrace: warning: " + p.file() + ": " + w + "; the flows read before it are reported");
        }
        StateReport report = TikTokReport.of(result);
        Path dir = settings.out().resolve(p.name());
        String output = "";
        try {
            Files.createDirectories(dir);
            exit = Math.max(exit, ResultFiles.write(result, report, dir.resolve("flows.csv"), dir.resolve("timeline.csv"),
                    dir.resolve("summary.json"), (what, f) -> { }, problemsErr));
            output = p.name();
        } catch (IOException e) {
            problemsErr.println("toktrace: cannot create " + dir + ": " + FailureText.of(e));
            exit = Math.max(exit, 1);
        }
        long savedAs = -1;
        if (settings.memory() || settings.save()) {
            AnalysisDatabase store = database.get();
            // one connection for the batch: one job at a time writes to it
            synchronized (store) {
                if (settings.memory()) {
                    store.saveNames(result.learnedNames(), problemsErr);
                }
                if (settings.save()) {
                    savedAs = store.saveAnalysis(result, p.file(), sha256, problemsErr);
                    exit = savedAs < 0 ? Math.max(exit, 1) : exit;
                }
            }
        }
        problemsErr.flush();
        List<String> errors = new ArrayList<>();
        for (String line : problems.toString().split("\\R")) {
            if (line.isEmpty()) {
                continue;
            }
            String text = line.startsWith("toktrace: ") ? line.substring("toktrace: ".length()) : line;
            boolean warning = text.startsWith("warning: ");
            // a line about the library or the name memory does not say which capture it is about
            String named = text.contains(p.file().toString()) ? text
                    : warning ? "warning: " + p.file() + ": " + text.substring("warning: ".length()) : p.file() + ": " + text;
            lines.add("toktrace: " + named);
            (warning ? warnings : errors).add(warning ? named.substring("warning: ".length()) : named);
        }
        if (!result.complete()) {
            errors.add(0, "incomplete: memory ran low, the analysis stopped early (see warnings)");
        }
        DeviceStateReport all = report.total();
        CapturesCsv.Figures figures = new CapturesCsv.Figures(result.devices().size(), result.states().size(),
                result.flows().size(), result.capture().durationNanos(), all.foregroundBytes(), all.backgroundBytes(),
                all.foregroundNanos(), all.backgroundNanos(), all.claims(), result.complete());
        String done = String.format(Locale.ROOT, "  %s -> %s: %,d flows, %d devices, TikTok foreground %s, background %s",
                PrintableText.of(p.file().toString()), PrintableText.of(dir.toString()), figures.flows(), figures.devices(),
                ByteUnits.format(all.foregroundBytes()), ByteUnits.format(all.backgroundBytes()));
        progress.done(p.index(), p.size(), done, lines);
        return new Outcome(new CapturesCsv.Row(p.file(), output, figures, warnings, savedAs, errors), exit);
    }

    private static Outcome failed(Planned p, String message, int exit, BatchProgress progress) {
        String line = message.contains(p.file().toString()) ? message : p.file() + ": " + message;
        progress.done(p.index(), p.size(), null, List.of("toktrace: " + line));
        return new Outcome(new CapturesCsv.Row(p.file(), "", null, List.of(), -1, List.of(line)), exit);
    }

    private static AnalysisListener progressOf(Planned p, BatchProgress progress) {
        return update -> progress.reading(p.index(), update.bytesRead());
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "toktrace-batch-" + n.incrementAndGet());
            t.setDaemon(true); // a job stuck on a bug must not keep the process alive after the batch
            return t;
        };
    }
}
