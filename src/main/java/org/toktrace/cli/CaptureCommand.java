package org.toktrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.LiveCapture;
import org.toktrace.analysis.LiveCaptureRequest;
import org.toktrace.model.LiveCaptureUnavailableException;
import org.toktrace.analysis.LiveListener;
import org.toktrace.analysis.LiveProgress;
import org.toktrace.analysis.LiveSnapshot;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.FailureText;
import org.toktrace.model.LiveCaptureStats;
import org.toktrace.model.PrintableText;
import org.toktrace.model.StateReport;
import org.toktrace.store.CaptureDigest;
import org.toktrace.store.LocalDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toktrace capture --interface IF --write F.pcapng}: captures live, writes every frame to
 * pcapng, shows a one-line status on standard error, and when stopped (Ctrl+C, or the duration)
 * prints the same summary as {@code analyze} for what was captured.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Capture live on an interface (the laptop's hotspot: see toktrace interfaces), write every"
                + " frame to pcapng and analyse it as it comes; Ctrl+C stops, prints the summary and writes the files"
                + " of --flows-csv, --timeline-csv and --summary-json.",
            "Needs capture rights: Linux: root, or a copy of the Java runtime given"
                + " cap_net_raw,cap_net_admin=eip with setcap; macOS: read access to /dev/bpf*;"
                + " Windows: Npcap."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the capture ran and was analysed",
            "1:an output file (CSV, JSON) could not be written",
            "2:live capture is not possible: no libpcap/Npcap, no permission, no such interface, a bad filter,"
                + " an unwritable capture file"})
final class CaptureCommand implements Callable<Integer> {

    /** Status updates when standard error is not a terminal: one line now and then, not four a second. */
    private static final long PLAIN_STATUS_INTERVAL_NANOS = 10_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IF",
            description = "the interface to capture on (toktrace interfaces lists them)")
    String iface;

    @Option(names = "--filter", paramLabel = "BPF", description = "a capture filter in tcpdump syntax, e.g. \"host 10.42.0.23\"")
    String filter;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "stop after this long (e.g. 30s, 10m, 1h); without it, Ctrl+C stops")
    Duration duration;

    @Option(names = {"-w", "--write"}, required = true, paramLabel = "FILE",
            description = "the pcapng file every captured frame is written to")
    Path write;

    @Option(names = "--rotate-mb", paramLabel = "MB", defaultValue = "1000",
            description = "start a new file (FILE-2.pcapng, ...) when one reaches this many MB (default: ${DEFAULT-VALUE})")
    long rotateMb;

    @Mixin
    ResultFiles.Options files;

    @Mixin
    ResultFiles.BinOption binOption;

    @Option(names = "--save",
            description = "keep the analysis in the capture library (see toktrace library) under the SHA-256 of the"
                    + " pcapng written, when it is one file, so that analysing that file later replaces it; off by default")
    boolean save;

    @Option(names = "--db", paramLabel = "PATH",
            description = "the TokTrace database --save keeps the analysis in (default: the user's)")
    Path database;

    @Option(names = "--quiet", description = "no status line and no summary; warnings and errors only")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rotateMb < 1) {
            err.println("toktrace: --rotate-mb must be at least 1");
            return 2;
        }
        LiveCaptureRequest request = new LiveCaptureRequest(iface, filter, write, rotateMb * 1_000_000L, duration);
        Status status = new Status(err, System.console() != null, quiet);
        LiveCapture capture;
        try {
            capture = LiveCapture.start(request, AnalysisOptions.defaults().withBin(binOption.bin), status);
        } catch (LiveCaptureUnavailableException e) {
            err.println("toktrace: " + e.getMessage());
            return 2;
        }
        Interrupts.onInterrupt(capture::stop);
        err.println("toktrace: capturing on " + PrintableText.of(iface) + (filter == null ? "" : " (filter: " + filter + ")")
                + ", writing " + write + (duration == null ? "; Ctrl+C stops" : " for " + duration.toSeconds()
                + " s; Ctrl+C stops earlier"));
        err.flush();
        AnalysisResult result;
        try {
            result = capture.result();
        } catch (IOException e) {
            status.end();
            err.println("toktrace: the capture failed: " + FailureText.of(e));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            capture.stop();
            err.println("toktrace: interrupted");
            return 2;
        }
        status.end();
        LiveCaptureStats stats = capture.stats();
        for (CaptureWarning w : result.warnings()) {
            err.println("toktrace: warning: " + w);
        }
        err.println("toktrace: captured " + stats.framesCaptured() + " packets, wrote " + stats.framesWritten()
                + " to " + String.join(", ", stats.files()) + "; " + stats.droppedByKernel() + " dropped by the kernel, "
                + stats.droppedByInterface() + " by the interface");
        err.flush();
        StateReport report = quiet && !files.summary() ? null : TikTokReport.of(result);
        if (!quiet) {
            new SummaryPrinter().print(result, report, out); // the devices with their DHCP and mDNS names among it
        }
        int exit = 0;
        exit |= files.write(result, report, (what, file) -> {
            if (!quiet) {
                out.println("  wrote      " + what + " to " + file);
            }
        }, err);
        if (save) {
            exit |= saveIntoLibrary(result, stats.files(), out, err);
        }
        out.flush();
        err.flush();
        return exit;
    }

    /**
     * Saves the live analysis into the library: keyed by the SHA-256 of the pcapng it wrote when that is
     * one file (the analysis of that file gives the same flows), as a capture of its own otherwise.
     */
    private int saveIntoLibrary(AnalysisResult result, List<String> files, PrintWriter out, PrintWriter err) {
        String sha256 = null;
        if (files.size() == 1) {
            try {
                sha256 = CaptureDigest.sha256(Path.of(files.get(0)));
            } catch (IOException e) {
                err.println("toktrace: cannot save the analysis into the library: reading " + files.get(0)
                        + " for its SHA-256 failed: " + FailureText.of(e));
                return 1;
            }
        }
        Path db = database != null ? database : LocalDatabase.defaultDatabase();
        AnalysisDatabase store = AnalysisDatabase.open(db, false, true, err);
        try {
            long id = store.saveAnalysis(result, sha256, err);
            if (id < 0) {
                return 1;
            }
            if (!quiet) {
                out.println("  saved      in the library as capture " + id + " (toktrace library show " + id
                        + (database != null ? " --db " + database : "") + ")");
            }
            return 0;
        } finally {
            store.close();
        }
    }

    /** Prints the status line: rewritten in place on a terminal, a plain line every ten seconds otherwise. */
    static final class Status implements LiveListener {
        private final PrintWriter err;
        private final boolean terminal;
        private final boolean quiet;
        private volatile LiveSnapshot latest;
        private long nextPlain = System.nanoTime() + PLAIN_STATUS_INTERVAL_NANOS;
        private int lastLength;
        private boolean printed;

        Status(PrintWriter err, boolean terminal, boolean quiet) {
            this.err = err;
            this.terminal = terminal;
            this.quiet = quiet;
        }

        @Override
        public void snapshot(LiveSnapshot snapshot) {
            latest = snapshot;
        }

        @Override
        public synchronized void progress(LiveProgress progress) {
            if (quiet) {
                return;
            }
            String line = CaptureStatusLine.of(progress, latest);
            if (terminal) {
                int pad = Math.max(0, lastLength - line.length());
                err.print("\r" + line + " ".repeat(pad));
                lastLength = line.length();
                printed = true;
                err.flush();
            } else if (System.nanoTime() >= nextPlain) {
                nextPlain = System.nanoTime() + PLAIN_STATUS_INTERVAL_NANOS;
                err.println("toktrace: " + line);
                err.flush();
            }
        }

        /** Ends the status line so what follows starts on a line of its own. */
        synchronized void end() {
            if (printed) {
                err.println();
                err.flush();
                printed = false;
            }
        }
    }
}
