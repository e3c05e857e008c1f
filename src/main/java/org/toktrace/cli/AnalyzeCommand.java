package org.toktrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.UnreadableCaptureException;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.export.SummaryJsonWriter;
import org.toktrace.export.TimelineCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.LearnedName;
import org.toktrace.model.StateReport;
import org.toktrace.store.LocalDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toktrace analyze CAPTURE}: reads a capture file, prints a summary, writes the exports asked for. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse a pcap or pcapng capture: find every flow, print a summary, export CSV/JSON.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the capture was analysed (also when it was cut short: a warning says where)",
            "1:an output file could not be written",
            "2:the capture cannot be read at all, or the command line is wrong"})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "a .pcap or .pcapng file")
    Path capture;

    @Option(names = "--flows-csv", paramLabel = "FILE", description = "write one row per flow (RFC 4180 CSV)")
    Path flowsCsv;

    @Option(names = "--timeline-csv", paramLabel = "FILE",
            description = "write TikTok's traffic per device and time bin with its foreground/background state"
                    + " (RFC 4180 CSV)")
    Path timelineCsv;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "write the summary as JSON")
    Path summaryJson;

    @Option(names = "--bin", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "width of the time bins (default: ${DEFAULT-VALUE}; e.g. 500ms, 1s, 1m)")
    Duration bin;

    @Option(names = "--quiet", description = "print nothing but warnings and errors")
    boolean quiet;

    @Option(names = "--memory",
            description = "use and update the learned name memory (what earlier captures taught about server"
                    + " names) in the user's TokTrace database; off by default, so that the same capture always"
                    + " gives the same result")
    boolean memory;

    @Option(names = "--db", paramLabel = "PATH",
            description = "the TokTrace database of the name memory (implies --memory; default: the user's,"
                    + " e.g. ~/.local/share/toktrace/toktrace)")
    Path database;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnalysisResult result;
        // H2 takes half a second to load: let it open on the other core while packets are read
        Path db = database != null ? database : memory ? LocalDatabase.defaultDatabase() : null;
        CompletableFuture<NameMemoryStore> loading = db == null ? CompletableFuture.completedFuture(NameMemoryStore.NONE)
                : CompletableFuture.supplyAsync(() -> NameMemoryStore.open(db, err));
        Supplier<List<LearnedName>> known = () -> loading.join().known();
        try {
            AnalysisOptions options = AnalysisOptions.defaults().withBin(bin).withKnownNames(known);
            result = new CaptureAnalyzer(options).analyze(capture);
        } catch (UnreadableCaptureException e) {
            loading.join().close();
            err.println("toktrace: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            loading.join().close();
            err.println("toktrace: reading " + capture + " failed: " + ErrorText.of(e));
            return 2;
        }
        loading.join().saveAndClose(result.learnedNames(), err);
        for (CaptureWarning w : result.warnings()) {
            err.println("toktrace: warning: " + w + "; the flows read before it are reported");
        }
        // derived from the result alone; only the summary and its JSON need it
        StateReport report = quiet && summaryJson == null ? null : TikTokReport.of(result);
        if (!quiet) {
            new SummaryPrinter().print(result, report, out);
        }
        int exit = 0;
        if (flowsCsv != null) {
            exit |= export("flows CSV", flowsCsv, () -> new FlowsCsvWriter().write(result.flows(), flowsCsv), out, err);
        }
        if (timelineCsv != null) {
            exit |= export("timeline CSV", timelineCsv, () -> new TimelineCsvWriter().write(result, timelineCsv), out, err);
        }
        if (summaryJson != null) {
            exit |= export("summary JSON", summaryJson, () -> new SummaryJsonWriter().write(result, report, summaryJson), out, err);
        }
        err.flush();
        return exit;
    }

    private interface Export {
        void run() throws IOException;
    }

    private int export(String what, Path file, Export export, PrintWriter out, PrintWriter err) {
        try {
            export.run();
            if (!quiet) {
                out.println("  wrote      " + what + " to " + file);
                out.flush();
            }
            return 0;
        } catch (IOException e) {
            err.println("toktrace: cannot write the " + what + " to " + file + ": " + ErrorText.of(e));
            return 1;
        }
    }
}
