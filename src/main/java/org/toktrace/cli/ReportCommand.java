package org.toktrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.MemoryExhaustedException;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.analysis.UnreadableCaptureException;
import org.toktrace.export.CaptureReport;
import org.toktrace.export.ReportFormat;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.FailureText;
import org.toktrace.store.CaptureDigest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toktrace report CAPTURE -o report.html|report.pdf}: analyses a capture and writes the report a
 * journalist can publish (the capture and its SHA-256, foreground and background with the timeline,
 * each claim's verdict, where the traffic went, the limits, how to reproduce it).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Analyse a capture and write its report: one self-contained HTML page (-o report.html) or a"
                + " PDF on A4 (-o report.pdf), told by the extension. The report states the capture and its SHA-256,"
                + " TikTok's foreground and background with the timeline chart and the state intervals, each claim in"
                + " its published words with its verdict and figures, where the traffic went, what traffic cannot"
                + " show, and the versions and command that reproduce it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the report was written (also for a capture cut short: the report says so)",
            "1:the report could not be written",
            "2:the capture cannot be read, or the command line is wrong",
            "3:memory ran out"},
        footer = {"%nExample: toktrace report phone.pcapng -o phone-report.html"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "a .pcap or .pcapng file")
    Path capture;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "the report to write: FILE.html (or .htm) or FILE.pdf")
    Path output;

    @Mixin
    ResultFiles.BinOption binOption;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ReportFormat> format = checkOutput(output, err, "report");
        if (format.isEmpty()) {
            return 2;
        }
        if (Files.isDirectory(capture)) {
            err.println("toktrace: " + capture + " is a directory: report takes one capture file");
            return 2;
        }
        // hashed on a thread of its own while the analysis reads the same file
        CompletableFuture<String> sha256 = Files.isReadable(capture) ? CaptureDigest.start(capture) : null;
        AnalysisResult result;
        try {
            result = new CaptureAnalyzer(AnalysisOptions.defaults().withBin(binOption.bin)).analyze(capture);
        } catch (UnreadableCaptureException e) {
            err.println("toktrace: " + e.getMessage());
            return 2;
        } catch (MemoryExhaustedException e) {
            err.println("toktrace: " + e.getMessage() + "; no report was written");
            return AnalyzeCommand.OUT_OF_MEMORY;
        } catch (IOException e) {
            err.println("toktrace: reading " + capture + " failed: " + FailureText.of(e));
            return 2;
        }
        for (CaptureWarning w : result.warnings()) {
            err.println("toktrace: warning: " + w + "; the report covers the flows read before it");
        }
        String digest = digest(sha256, err);
        String command = CaptureReport.reportCommand(fileName(capture), fileName(output), result);
        CaptureReport report = report(result, digest, command);
        return write(format.get(), report, output, out, err, "report of " + capture);
    }

    /** The report of {@code result}, with the states, claims and destinations derived from it alone. */
    static CaptureReport report(AnalysisResult result, String sha256, String command) {
        return new CaptureReport(result, TikTokReport.of(result), TikTokReport.destinations(result), sha256,
                version(), TikTokReport.thresholds(), command, Instant.now());
    }

    /** TokTrace's version, from the jar's manifest. */
    static String version() {
        String v = ToktraceCli.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }

    private static String fileName(Path p) {
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }

    private String digest(CompletableFuture<String> sha256, PrintWriter err) {
        if (sha256 == null) {
            return null;
        }
        try {
            return sha256.join();
        } catch (CompletionException e) {
            err.println("toktrace: warning: the capture's SHA-256 could not be computed; the report says so");
            return null;
        }
    }

    /**
     * The format of {@code output}, after checking that it can be written there; else one line on
     * {@code err} and empty. Checked before the analysis, so a typo does not cost a long read.
     */
    static Optional<ReportFormat> checkOutput(Path output, PrintWriter err, String command) {
        Optional<ReportFormat> format = ReportFormat.of(output);
        if (format.isEmpty()) {
            err.println("toktrace: " + output + ": a report is written as .html or .pdf; see toktrace " + command + " --help");
            return Optional.empty();
        }
        if (Files.isDirectory(output)) {
            err.println("toktrace: cannot write the report to " + output + ": it is a directory");
            return Optional.empty();
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            err.println("toktrace: cannot write the report to " + output + ": there is no directory " + parent);
            return Optional.empty();
        }
        return format;
    }

    /** Writes {@code report}; 0, or 1 after one line on {@code err}. */
    static int write(ReportFormat format, CaptureReport report, Path output, PrintWriter out, PrintWriter err,
            String what) {
        try {
            format.write(report, output);
        } catch (IOException e) {
            err.println("toktrace: cannot write the report to " + output + ": " + FailureText.of(e));
            return 1;
        }
        out.println("wrote the " + what + " to " + output);
        return 0;
    }
}
