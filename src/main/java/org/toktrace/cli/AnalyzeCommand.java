package org.toktrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.UnreadableCaptureException;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.export.SummaryJsonWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureWarning;
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

    @Option(names = "--summary-json", paramLabel = "FILE", description = "write the summary as JSON")
    Path summaryJson;

    @Option(names = "--bin", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "width of the time bins (default: ${DEFAULT-VALUE}; e.g. 500ms, 1s, 1m)")
    Duration bin;

    @Option(names = "--quiet", description = "print nothing but warnings and errors")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnalysisResult result;
        try {
            result = new CaptureAnalyzer(AnalysisOptions.defaults().withBin(bin)).analyze(capture);
        } catch (UnreadableCaptureException e) {
            err.println("toktrace: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("toktrace: reading " + capture + " failed: " + ErrorText.of(e));
            return 2;
        }
        for (CaptureWarning w : result.warnings()) {
            err.println("toktrace: warning: " + w + "; the flows read before it are reported");
        }
        if (!quiet) {
            new SummaryPrinter().print(result, out);
        }
        int exit = 0;
        if (flowsCsv != null) {
            exit |= export("flows CSV", flowsCsv, () -> new FlowsCsvWriter().write(result.flows(), flowsCsv), out, err);
        }
        if (summaryJson != null) {
            exit |= export("summary JSON", summaryJson, () -> new SummaryJsonWriter().write(result, summaryJson), out, err);
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
