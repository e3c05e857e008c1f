package org.toktrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.Device;
import org.toktrace.model.PrintableText;
import org.toktrace.store.CaptureComparison;
import org.toktrace.store.CaptureFigures;
import org.toktrace.store.CaptureLibrary;
import org.toktrace.store.LibraryEntry;
import org.toktrace.store.LocalDatabase;
import org.toktrace.store.StoreException;
import org.toktrace.store.UserMark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toktrace library ...}: the analyses kept in the capture library (docs/decisions/0015) —
 * list them, show one, export its CSV/JSON as {@code analyze} would have written them, write its
 * report without the capture, delete one, compare two.
 */
@Command(name = "library", mixinStandardHelpOptions = true,
        description = "The capture library: analyses kept by analyze --save and the app.",
        subcommands = {LibraryCommand.ListCaptures.class, LibraryCommand.Show.class, LibraryCommand.Export.class,
            LibraryCommand.Report.class, LibraryCommand.Delete.class, LibraryCommand.Compare.class})
final class LibraryCommand implements Callable<Integer> {

    /**
     * How long a command waits while another TokTrace (the app saving, another command) holds the
     * database, before it says so (docs/decisions/0016).
     */
    static final Duration WAIT_WHILE_IN_USE = Duration.ofSeconds(5);

    static final String EXIT_HEADING = "%nExit codes:%n";
    static final String EXIT_0 = "0:done";
    static final String EXIT_1 = "1:a file could not be written, or the library could not be changed";
    static final String EXIT_2 = "2:no such capture, a database that cannot be opened (in use, damaged), or a wrong command line";

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("toktrace: library needs a command: list, show, export, report, delete or compare");
        spec.commandLine().usage(err);
        return 2;
    }

    /** The {@code --db} option every library command takes. */
    static final class DatabaseOption {
        @Option(names = "--db", paramLabel = "PATH",
                description = "the TokTrace database (default: the user's, e.g. ~/.local/share/toktrace/toktrace)")
        Path path;

        Path path() {
            return (path != null ? path : LocalDatabase.defaultDatabase()).toAbsolutePath().normalize();
        }
    }

    /**
     * A library command: opens the database (never creating one just to read it), runs, closes it.
     * Exit 2 when the database cannot be opened or the capture is unknown (input that cannot be read,
     * as for {@code analyze}), 1 when something cannot be written.
     */
    @Command(mixinStandardHelpOptions = true, exitCodeListHeading = EXIT_HEADING, exitCodeList = {EXIT_0, EXIT_1, EXIT_2})
    abstract static class LibraryRun implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOption database;

        PrintWriter out;
        PrintWriter err;
        Path path;

        abstract int run(CaptureLibrary library) throws IOException;

        /** What to say and return when there is no database yet. */
        int noDatabase() {
            err.println("toktrace: the library is empty: there is no TokTrace database at " + path + LocalDatabase.H2_SUFFIX);
            return 2;
        }

        @Override
        public Integer call() throws IOException {
            out = spec.commandLine().getOut();
            err = spec.commandLine().getErr();
            path = database.path();
            if (!Files.exists(Path.of(path + LocalDatabase.H2_SUFFIX))) {
                return noDatabase();
            }
            try (LocalDatabase db = LocalDatabase.open(path, WAIT_WHILE_IN_USE)) {
                int exit = run(new CaptureLibrary(db));
                out.flush();
                return exit;
            } catch (StoreException e) {
                err.println("toktrace: " + e.getMessage());
                return 2;
            }
        }

        int unknown(long id) {
            err.println("toktrace: there is no capture " + id + " in the library " + path + LocalDatabase.H2_SUFFIX
                    + " (toktrace library list shows them)");
            return 2;
        }
    }

    /** A library command about one stored capture, named by its ID. */
    abstract static class OneCaptureRun extends LibraryRun {
        @Parameters(index = "0", paramLabel = "ID", description = "the capture's ID (toktrace library list)")
        long id;
    }

    @Command(name = "list",
            description = "List the captures in the library with their key figures.")
    static final class ListCaptures extends LibraryRun {
        @Override
        int noDatabase() {
            out.println("The library is empty (no TokTrace database at " + path + LocalDatabase.H2_SUFFIX + " yet).");
            return 0;
        }

        @Override
        int run(CaptureLibrary library) {
            List<LibraryEntry> entries = library.list();
            if (entries.isEmpty()) {
                out.println("The library is empty (" + path + LocalDatabase.H2_SUFFIX + ").");
                return 0;
            }
            out.printf("%4s  %-16s  %-14s  %7s  %7s  %10s  %10s  %s%n", "ID", "analysed (UTC)", "duration", "devices",
                    "flows", "TikTok fg", "TikTok bg", "capture");
            for (LibraryEntry e : entries) {
                out.printf(Locale.ROOT, "%4d  %-16s  %-14s  %,7d  %,7d  %10s  %10s  %s%s%s%n", e.id(), MINUTE.format(e.analysedAt()),
                        SummaryPrinter.span(e.durationNanos()), e.devices(), e.flows(), ByteUnits.format(e.foregroundBytes()),
                        ByteUnits.format(e.backgroundBytes()), PrintableText.of(e.source()),
                        e.complete() ? "" : "  (analysis stopped before the end)",
                        e.warnings() == 0 ? "" : e.warnings() == 1 ? "  (1 warning)" : "  (" + e.warnings() + " warnings)");
            }
            return 0;
        }
    }

    @Command(name = "show",
            description = "Show a stored analysis: the summary analyze printed, and the marks made during capture.")
    static final class Show extends OneCaptureRun {
        @Override
        int run(CaptureLibrary library) {
            Optional<LibraryEntry> entry = library.entry(id);
            Optional<AnalysisResult> result = library.load(id);
            if (entry.isEmpty() || result.isEmpty()) {
                return unknown(id);
            }
            LibraryEntry e = entry.get();
            out.printf("capture %d in the library %s%s%n", id, path, LocalDatabase.H2_SUFFIX);
            out.printf("  sha256     %s%n", e.sha256() != null ? e.sha256() : "none (a live capture kept in no file)");
            out.printf("  analysed   %s UTC with catalog %s%n", SECOND.format(e.analysedAt()), PrintableText.of(e.catalogVersion()));
            new SummaryPrinter().print(result.get(), TikTokReport.of(result.get()), out);
            List<UserMark> marks = library.marks(id);
            if (!marks.isEmpty()) {
                out.printf("  marks%n");
                for (UserMark m : marks) {
                    out.printf("    %s UTC  %-17s %s%n", CLOCK.format(instant(m.atNanos())),
                            Device.labelOf(m.device()), PrintableText.of(m.label()));
                }
            }
            return 0;
        }
    }

    @Command(name = "export",
            description = "Write a stored analysis's flows.csv, timeline.csv or summary JSON, as analyze wrote them.")
    static final class Export extends OneCaptureRun {
        @Mixin
        ResultFiles.Options files;

        @Override
        public Integer call() throws IOException {
            if (!files.any()) {
                PrintWriter e = spec.commandLine().getErr();
                e.println("toktrace: library export needs --flows-csv, --timeline-csv or --summary-json");
                return 2;
            }
            return super.call();
        }

        @Override
        int run(CaptureLibrary library) {
            Optional<AnalysisResult> loaded = library.load(id);
            if (loaded.isEmpty()) {
                return unknown(id);
            }
            AnalysisResult result = loaded.get();
            return files.write(result, files.summary() ? TikTokReport.of(result) : null,
                    (what, file) -> out.println("wrote " + what + " of capture " + id + " to " + file), err);
        }

    }

    @Command(name = "report",
            description = {"Write a stored analysis's report (HTML or PDF, by the extension of -o), as toktrace"
                    + " report writes it from the capture: the capture file is not needed.",
                "Where the traffic went is placed with the network table of this TokTrace, which may be newer than"
                        + " the one of the analysis; the report names the table it used."})
    static final class Report extends OneCaptureRun {
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
                description = "the report to write: FILE.html (or .htm) or FILE.pdf")
        Path output;

        private org.toktrace.export.ReportFormat format;

        @Override
        public Integer call() throws IOException {
            Optional<org.toktrace.export.ReportFormat> f = ReportCommand.checkOutput(output, spec.commandLine().getErr(),
                    "library report");
            if (f.isEmpty()) {
                return 2;
            }
            format = f.get();
            return super.call();
        }

        @Override
        int run(CaptureLibrary library) {
            Optional<LibraryEntry> entry = library.entry(id);
            Optional<AnalysisResult> loaded = library.load(id);
            if (entry.isEmpty() || loaded.isEmpty()) {
                return unknown(id);
            }
            AnalysisResult result = loaded.get();
            String file = org.toktrace.export.HtmlReportWriter.fileName(result.capture().source());
            String outName = output.getFileName() == null ? output.toString() : output.getFileName().toString();
            String command = "toktrace library report " + id + " -o " + org.toktrace.export.CaptureReport.shellWord(outName)
                    + " (from the capture itself: " + org.toktrace.export.CaptureReport.reportCommand(file, outName, result)
                    + ")";
            return ReportCommand.write(format, ReportCommand.report(result, entry.get().sha256(), command), output, out,
                    err, "report of capture " + id);
        }
    }

    @Command(name = "delete",
            description = "Remove a capture's analysis and marks from the library (the capture file is not touched).")
    static final class Delete extends OneCaptureRun {
        @Override
        int run(CaptureLibrary library) {
            Optional<LibraryEntry> entry = library.entry(id);
            if (entry.isEmpty()) {
                return unknown(id);
            }
            try {
                library.delete(id);
            } catch (StoreException e) {
                err.println("toktrace: " + e.getMessage());
                return 1;
            }
            out.println("deleted capture " + id + " (" + PrintableText.of(entry.get().source()) + ") from the library");
            return 0;
        }
    }

    @Command(name = "compare",
            description = "Two stored captures side by side: totals, rates per hour of each state, cadence.")
    static final class Compare extends LibraryRun {
        @Parameters(index = "0", paramLabel = "A", description = "the first capture's ID")
        long a;

        @Parameters(index = "1", paramLabel = "B", description = "the second capture's ID")
        long b;

        @Override
        int run(CaptureLibrary library) {
            for (long id : new long[] {a, b}) {
                if (library.entry(id).isEmpty()) {
                    return unknown(id);
                }
            }
            Optional<CaptureComparison> comparison = library.compare(a, b);
            if (comparison.isEmpty()) {
                return unknown(a); // deleted by another process between the two reads
            }
            print(comparison.get());
            return 0;
        }

        private void print(CaptureComparison c) {
            CaptureFigures x = c.a();
            CaptureFigures y = c.b();
            List<String[]> rows = new ArrayList<>();
            row(rows, "", x, y, f -> "capture " + f.entry().id());
            row(rows, "file", x, y, f -> PrintableText.of(fileName(f.entry().source())));
            row(rows, "analysed (UTC)", x, y, f -> MINUTE.format(f.entry().analysedAt()));
            row(rows, "duration", x, y, f -> SummaryPrinter.span(f.entry().durationNanos()));
            row(rows, "devices", x, y, f -> count(f.entry().devices()));
            row(rows, "flows", x, y, f -> count(f.entry().flows()));
            row(rows, "IP bytes", x, y, f -> ByteUnits.format(f.entry().ipBytes()));
            row(rows, "TikTok", x, y, f -> ByteUnits.format(f.entry().tiktokBytes()) + percent(f.tiktokShare()));
            row(rows, "TikTok foreground", x, y, f -> ByteUnits.format(f.entry().foregroundBytes()) + " in "
                    + SummaryPrinter.span(f.entry().foregroundNanos()));
            row(rows, "TikTok background", x, y, f -> ByteUnits.format(f.entry().backgroundBytes()) + " in "
                    + SummaryPrinter.span(f.entry().backgroundNanos()));
            row(rows, "foreground rate", x, y, f -> rate(f.foregroundBytesPerMinute(), "min"));
            row(rows, "background rate", x, y, f -> rate(f.backgroundBytesPerHour(), "h"));
            row(rows, "platform push", x, y, f -> ByteUnits.format(f.entry().platformPushBytes()));
            int n = Math.min(x.cadence().size(), y.cadence().size());
            for (int i = 0; i < n; i++) {
                int k = i;
                row(rows, x.cadence().get(i).name(), x, y, f -> figure(f.cadence().get(k)));
            }
            int w0 = 0;
            int w1 = 0;
            for (String[] r : rows) {
                w0 = Math.max(w0, r[0].length());
                w1 = Math.max(w1, r[1].length());
            }
            for (String[] r : rows) {
                out.printf("%-" + w0 + "s  %-" + w1 + "s  %s%n", r[0], r[1], r[2]);
            }
            out.println("(rates per minute or hour of device time in that state; n/a: no time in it)");
        }

        private static void row(List<String[]> rows, String label, CaptureFigures x, CaptureFigures y,
                Function<CaptureFigures, String> cell) {
            rows.add(new String[] {label, cell.apply(x), cell.apply(y)});
        }

        private static String count(long n) {
            return String.format(Locale.ROOT, "%,d", n);
        }

        private static String percent(double share) {
            return Double.isNaN(share) ? "" : String.format(Locale.ROOT, " (%.0f %% of IP bytes)", 100 * share);
        }

        private static String rate(double bytesPer, String unit) {
            return Double.isNaN(bytesPer) ? "n/a" : ByteUnits.format(Math.round(bytesPer)) + "/" + unit;
        }

        private static String figure(CaptureFigures.Figure f) {
            if (Double.isNaN(f.value())) {
                return "n/a";
            }
            return switch (f.unit()) {
                case "count" -> count(Math.round(f.value()));
                case "s" -> SummaryPrinter.span(Math.round(f.value() * 1e9));
                default -> String.format(Locale.ROOT, "%.1f %s", f.value(), f.unit());
            };
        }

        private static String fileName(String source) {
            int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
            return slash >= 0 ? source.substring(slash + 1) : source;
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
