package org.toktrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.export.SummaryJsonWriter;
import org.toktrace.export.TimelineCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.FailureText;
import org.toktrace.model.StateReport;
import picocli.CommandLine.Option;

/**
 * The files a command writes from an analysis — flows CSV, timeline CSV, summary JSON — with the
 * same writers and the same one-line errors for {@code analyze}, {@code capture} and {@code library export}.
 */
final class ResultFiles {

    private ResultFiles() {
    }

    /**
     * The options naming the files to write, mixed into every command that writes them
     * ({@code @Mixin}): each file holds the same whichever command writes it.
     */
    static final class Options {
        @Option(names = "--flows-csv", paramLabel = "FILE", description = "write one row per flow (RFC 4180 CSV)")
        Path flowsCsv;

        @Option(names = "--timeline-csv", paramLabel = "FILE",
                description = "write TikTok's traffic per device and time bin with its foreground/background state"
                        + " (RFC 4180 CSV)")
        Path timelineCsv;

        @Option(names = "--summary-json", paramLabel = "FILE", description = "write the summary as JSON")
        Path summaryJson;

        /** Whether any file is asked for. */
        boolean any() {
            return flowsCsv != null || timelineCsv != null || summaryJson != null;
        }

        /** Whether the summary JSON, the one file that needs the state report, is asked for. */
        boolean summary() {
            return summaryJson != null;
        }

        /** Writes the files asked for, as {@link ResultFiles#write(AnalysisResult, StateReport, Path, Path, Path, BiConsumer, PrintWriter)}. */
        int write(AnalysisResult result, StateReport report, BiConsumer<String, Path> wrote, PrintWriter err) {
            return ResultFiles.write(result, report, flowsCsv, timelineCsv, summaryJson, wrote, err);
        }
    }

    /** The {@code --bin} option of the commands that analyse a capture. */
    static final class BinOption {
        @Option(names = "--bin", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
                description = "width of the time bins (default: ${DEFAULT-VALUE}; e.g. 500ms, 1s, 1m)")
        Duration bin;
    }

    private interface Writing {
        void run() throws IOException;
    }

    /**
     * Writes each file that is not null, telling {@code wrote} what went where.
     *
     * @param report the state report for the summary JSON; may be null when {@code summaryJson} is
     * @return 0, or 1 when a file could not be written (said on {@code err})
     */
    static int write(AnalysisResult result, StateReport report, Path flowsCsv, Path timelineCsv, Path summaryJson,
            BiConsumer<String, Path> wrote, PrintWriter err) {
        int exit = 0;
        exit |= write("flows CSV", flowsCsv, () -> new FlowsCsvWriter(TikTokReport.networks(), result.announcedDevices()).write(result.flows(), flowsCsv), wrote, err);
        exit |= write("timeline CSV", timelineCsv, () -> new TimelineCsvWriter().write(result, timelineCsv), wrote, err);
        exit |= write("summary JSON", summaryJson, () -> new SummaryJsonWriter().write(result, report,
                TikTokReport.destinations(result), summaryJson), wrote, err);
        return exit;
    }

    private static int write(String what, Path file, Writing writing, BiConsumer<String, Path> wrote, PrintWriter err) {
        if (file == null) {
            return 0;
        }
        try {
            writing.run();
            wrote.accept(what, file);
            return 0;
        } catch (IOException e) {
            err.println("toktrace: cannot write the " + what + " to " + file + ": " + FailureText.of(e));
            return 1;
        }
    }
}
