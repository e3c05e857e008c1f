package org.toktrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.MemoryExhaustedException;
import org.toktrace.analysis.UnreadableCaptureException;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.FailureText;
import org.toktrace.model.LearnedName;
import org.toktrace.model.StateReport;
import org.toktrace.store.CaptureDigest;
import org.toktrace.store.LocalDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toktrace analyze CAPTURE}: reads a capture file, prints a summary, writes the exports asked for;
 * {@code toktrace analyze DIR | FILE... --out DIR}: the same for many captures at once ({@link BatchAnalysis}).
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse a pcap or pcapng capture: find every flow, print a summary, export CSV/JSON.",
            "",
            "Batch form: several captures, or a folder of them (its .pcap, .pcapng and .cap files, by name;"
                    + " its subfolders are not searched: name them too, e.g. DIR/*/), with --out DIR. Each capture"
                    + " gets its own analysis, --jobs at a time, and its flows.csv, timeline.csv and summary.json in"
                    + " OUT/<file name without extension>/ (-2, -3, ... for a name already taken); OUT/captures.csv"
                    + " has one row per capture: devices, TikTok's foreground and background bytes, time and rates"
                    + " per hour, each claim's verdict, and the error of a capture that could not be analysed, while"
                    + " the others go on. --save keeps every capture in the library; with --memory each capture uses"
                    + " the name memory as it was when the batch started."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the capture was analysed (also when it was cut short: a warning says where); in the batch form,"
                    + " every capture",
            "1:an output file or standard output could not be written, or the analysis could not be saved into the"
                    + " library (--save)",
            "2:the capture cannot be read at all, or the command line is wrong; in the batch form, at least one"
                    + " capture cannot be read (its row in captures.csv says why)",
            "3:memory ran out (in the batch form: in at least one capture, its row says so)"},
        footer = {"%nIn the batch form, when several exit codes apply, the highest. On a terminal a progress line"
                + " (captures and bytes done, time left) shows on standard error.",
            "%nExample: toktrace analyze ~/captures --jobs 2 --out results"})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE",
            description = "a .pcap or .pcapng file; several files or a folder of them for the batch form (--out)")
    List<Path> captures;

    /** The capture of the single-file form. */
    private Path capture;

    @Option(names = "--out", paramLabel = "DIR",
            description = "batch form: the folder for each capture's files and captures.csv (created when missing)")
    Path outDir;

    @Option(names = "--jobs", paramLabel = "N",
            description = "batch form: captures analysed at once (default: the number of processors); each keeps"
                    + " at most 1/N of the finished flows a lone analysis keeps in memory, the rest go to a temporary"
                    + " file")
    Integer jobs;

    @Mixin
    ResultFiles.Options files;

    @Mixin
    ResultFiles.BinOption binOption;

    @Option(names = "--quiet", description = "print nothing but warnings and errors")
    boolean quiet;

    @Option(names = "--memory", negatable = true,
            description = "use and update the learned name memory (what earlier captures taught about server"
                    + " names) in the user's TokTrace database; off by default, so that the same capture always"
                    + " gives the same result")
    Boolean memory;

    @Option(names = "--save",
            description = "keep this analysis in the capture library (see toktrace library), replacing an earlier"
                    + " analysis of the same file (same SHA-256); off by default")
    boolean save;

    @Option(names = "--db", paramLabel = "PATH",
            description = "the TokTrace database of the name memory and the library (implies --memory unless"
                    + " --no-memory; default: the user's, e.g. ~/.local/share/toktrace/toktrace)")
    Path database;

    /** The exit code of a run that memory cut short: with the flows read before when they fitted, else nothing. */
    static final int OUT_OF_MEMORY = 3;

    @Override
    public Integer call() {
        if (outDir != null || captures.size() > 1 || Files.isDirectory(captures.get(0))) {
            return batch();
        }
        capture = captures.get(0);
        if (jobs != null) {
            return usageError("--jobs applies to the batch form: several captures, or a folder, with --out DIR");
        }
        try {
            return analyze();
        } catch (OutOfMemoryError e) {
            // after the analysis (the summary, the files): say so in one line rather than as a bug
            spec.commandLine().getErr().println("toktrace: out of memory while writing the results: give Java more memory,"
                    + " e.g. java -Xmx4g -jar toktrace.jar");
            return OUT_OF_MEMORY;
        }
    }

    private int batch() {
        if (outDir == null) {
            Path only = captures.size() == 1 ? captures.get(0) : null;
            return usageError((only != null ? only + " is a directory: analysing a folder of captures"
                    : "analysing several captures") + " needs --out DIR for their results");
        }
        if (files.any()) {
            return usageError("--flows-csv, --timeline-csv and --summary-json name one capture's files: in the batch"
                    + " form each capture's files go under --out DIR");
        }
        if (jobs != null && jobs < 1) {
            return usageError("--jobs must be at least 1");
        }
        boolean useMemory = memory != null ? memory : database != null;
        Path db = database != null ? database : useMemory || save ? LocalDatabase.defaultDatabase() : null;
        BatchAnalysis.Settings settings = new BatchAnalysis.Settings(outDir,
                jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), binOption.bin, quiet, useMemory, save, db,
                database != null);
        return new BatchAnalysis(settings, spec.commandLine().getOut(), spec.commandLine().getErr(),
                System.console() != null).run(captures);
    }

    /** One line and exit 2, as picocli's own usage errors. */
    private int usageError(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("toktrace: " + message + "; see toktrace analyze --help");
        err.flush();
        return 2;
    }

    private int analyze() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnalysisResult result;
        // decision 0008: the name memory only when asked (--db asks unless --no-memory); 0015: saving only when asked
        boolean useMemory = memory != null ? memory : database != null;
        Path db = database != null ? database : useMemory || save ? LocalDatabase.defaultDatabase() : null;
        // H2 takes half a second to load: let it open on the other core while packets are read
        CompletableFuture<AnalysisDatabase> loading = db == null ? CompletableFuture.completedFuture(AnalysisDatabase.NONE)
                : CompletableFuture.supplyAsync(() -> AnalysisDatabase.open(db, useMemory, save, err));
        // the library's key for the capture, hashed on a thread of its own while the analysis runs
        CompletableFuture<String> sha256 = save ? CaptureDigest.start(capture) : null;
        Supplier<List<LearnedName>> known = () -> loading.join().known();
        // the summary and flows.csv name the servers' networks: their table, too, is read on the other core
        CompletableFuture.runAsync(TikTokReport::loadNetworks);
        try {
            AnalysisOptions options = AnalysisOptions.defaults().withBin(binOption.bin).withKnownNames(known);
            // the library keeps where the capture is, to re-analyse it later from any working directory
            result = new CaptureAnalyzer(options).analyze(save ? capture.toAbsolutePath().normalize() : capture);
        } catch (UnreadableCaptureException e) {
            loading.join().close();
            err.println("toktrace: " + e.getMessage());
            return 2;
        } catch (MemoryExhaustedException e) {
            loading.join().close();
            err.println("toktrace: " + e.getMessage() + "; nothing was written");
            return OUT_OF_MEMORY;
        } catch (IOException e) {
            loading.join().close();
            err.println("toktrace: reading " + capture + " failed: " + FailureText.of(e));
            return 2;
        }
        AnalysisDatabase store = loading.join();
        long savedAs = -1;
        try {
            if (useMemory) {
                store.saveNames(result.learnedNames(), err);
            }
            if (save) {
                savedAs = store.saveAnalysis(result, capture, sha256, err);
            }
        } finally {
            store.close();
        }
        // derived from the result alone; only the summary and its JSON need it
        StateReport report = quiet && !files.summary() ? null : TikTokReport.of(result);
        if (!quiet) {
            new SummaryPrinter().print(result, report, out);
        }
        int exit = save && savedAs < 0 ? 1 : 0;
        if (!result.complete()) {
            exit = OUT_OF_MEMORY; // nothing else cuts a file's analysis short: the warning says where and why
        }
        if (savedAs >= 0 && !quiet) {
            out.println("  saved      in the library as capture " + savedAs + " (toktrace library show " + savedAs
                    + (database != null ? " --db " + database : "") + ")");
        }
        exit |= files.write(result, report, (what, file) -> {
            if (!quiet) {
                out.println("  wrote      " + what + " to " + file);
                out.flush();
            }
        }, err);
        // the warnings come last: when memory runs out while the results are written, the one line
        // that says so is all the run prints on standard error
        for (CaptureWarning w : result.warnings()) {
            err.println("toktrace: warning: " + w + "; the flows read before it are reported");
        }
        err.flush();
        return exit;
    }

}
