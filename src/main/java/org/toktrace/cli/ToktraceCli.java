package org.toktrace.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import org.toktrace.analysis.CaptureAnalyzer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code toktrace} command line: picocli commands, and the only code that writes to standard output. */
@Command(name = "toktrace", mixinStandardHelpOptions = true, versionProvider = ToktraceCli.Version.class,
        description = "Measures what TikTok sends from a phone, in foreground and background, from packet captures.")
public final class ToktraceCli implements Runnable {
    /** The subcommands, in the order the help lists them. */
    private static final List<String> COMMANDS = List.of("analyze", "report", "library", "capture", "interfaces");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the process exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0 && ("analyze".equals(args[0]) || "report".equals(args[0]) || "capture".equals(args[0]))) {
            CaptureAnalyzer.prepareInBackground(); // on the other core, while picocli reads the arguments
        }
        CommandLine cli = new CommandLine(new ToktraceCli());
        // picocli reads every option of a command it is given, by reflection: 0.1-0.2 s of CPU in a
        // cold JVM for all of them. A run that names its command only needs that one (decision 0024).
        if (args.length > 0 && isCommand(args[0])) {
            cli.addSubcommand(command(args[0]));
        } else {
            for (String name : COMMANDS) {
                cli.addSubcommand(command(name));
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, given) -> {
            // the whole usage would bury the one thing that is wrong; --help is a word away
            CommandLine wrong = e.getCommandLine();
            err.println("toktrace: " + usageError(e) + "; see " + wrong.getCommandSpec().qualifiedName() + " --help");
            err.flush();
            return wrong.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // a bug, not bad input: one line for the user; the trace only when asked for
            err.println("toktrace: internal error: " + e + " (set TOKTRACE_DEBUG=1 for details)");
            if (System.getenv("TOKTRACE_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int exit = cli.execute(args);
        // PrintWriter keeps write errors to itself: without asking, a summary lost to a full disk exits 0
        if (out.checkError()) {
            if (out instanceof PipeAware p && p.readerLeft()) {
                // `toktrace analyze F | head` read what it wanted: quiet, as a tool killed by SIGPIPE is
                err.flush();
                return BROKEN_PIPE;
            }
            err.println("toktrace: " + STDOUT_FAILED);
            exit = exit == 0 ? 1 : exit;
        }
        err.flush();
        return exit;
    }

    /** The line on standard error when what was printed did not all reach standard output. */
    static final String STDOUT_FAILED = "cannot write to standard output (full, or closed by its reader):"
            + " the output is incomplete";

    /** The exit code when standard output's reader went away (a shell shows 128 + SIGPIPE for such a process). */
    static final int BROKEN_PIPE = 141;

    /** A writer that can tell a reader that went away (a closed pipe) from a failed write. */
    interface PipeAware {
        boolean readerLeft();
    }

    /** Standard output itself, as a writer that tells a closed pipe apart ({@link PipeAware}). */
    static PrintWriter systemStdout() {
        boolean[] pipe = {false};
        java.io.OutputStream fd = new java.io.FileOutputStream(java.io.FileDescriptor.out) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                try {
                    super.write(b, off, len);
                } catch (java.io.IOException e) {
                    pipe[0] |= e.getMessage() != null && e.getMessage().contains("Broken pipe");
                    throw e;
                }
            }
        };
        java.io.Writer w = new java.io.OutputStreamWriter(new java.io.BufferedOutputStream(fd, 1 << 14),
                java.nio.charset.Charset.defaultCharset());
        class Out extends PrintWriter implements PipeAware {
            Out() {
                super(w, true);
            }

            @Override
            public boolean readerLeft() {
                return pipe[0];
            }
        }
        return new Out();
    }

    /**
     * A writer over {@code stream} whose {@link PrintWriter#checkError()} also reports the stream's
     * own errors: a {@link PrintStream} such as {@code System.out} swallows its IOExceptions, so the
     * writer above it never sees them.
     */
    static PrintWriter stdout(PrintStream stream) {
        return new PrintWriter(stream, true) {
            @Override
            public boolean checkError() {
                return super.checkError() | stream.checkError(); // both: each flushes what it holds
            }
        };
    }

    /** picocli's message on one line, with its guess at what was meant when it has one. */
    static String usageError(CommandLine.ParameterException e) {
        String message = e.getMessage() == null ? "the command line is wrong" : e.getMessage().strip();
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl).strip();
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        return message;
    }

    /** Whether {@code word} names a subcommand ({@code analyze}, ...), so the launcher does not take it for a capture. */
    public static boolean isCommand(String word) {
        return COMMANDS.contains(word);
    }

    private static Object command(String name) {
        switch (name) {
            case "analyze":
                return new AnalyzeCommand();
            case "report":
                return new ReportCommand();
            case "library":
                return new LibraryCommand();
            case "capture":
                return new CaptureCommand();
            case "interfaces":
                return new InterfacesCommand();
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** Ends the process with exit code 2 after one plain line on standard error (for the launcher). */
    public static void fail(String message) {
        System.err.println("toktrace: " + message);
        System.exit(2);
    }

    /** Entry point of the command line. */
    public static void main(String[] args) {
        // out of memory on any thread (a loader, a worker) ends the run in one line, at once: the
        // JVM's default would print a trace and let the other threads wait for work that never comes
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError) {
                outOfMemory();
            }
            try {
                System.err.println("toktrace: internal error on " + thread.getName() + ": " + e
                        + " (set TOKTRACE_DEBUG=1 for details)");
                if (System.getenv("TOKTRACE_DEBUG") != null) {
                    e.printStackTrace(System.err);
                }
            } catch (OutOfMemoryError again) {
                outOfMemory(); // the line itself found no memory: the cause is the heap, say so
            }
        });
        int exit;
        try {
            exit = run(args, systemStdout(), new PrintWriter(System.err, true));
        } catch (OutOfMemoryError e) {
            outOfMemory();
            return;
        }
        System.exit(exit);
    }

    /** The line for memory that ran out outside an analysis, which says more when it can. */
    static final String OUT_OF_MEMORY = "out of memory: give Java more memory, e.g. java -Xmx4g -jar toktrace.jar";

    /** {@link #OUT_OF_MEMORY} as bytes made at start: writing it must not need the memory that ran out. */
    private static final byte[] OUT_OF_MEMORY_LINE =
            ("toktrace: " + OUT_OF_MEMORY + System.lineSeparator()).getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Writes the out-of-memory line and ends the process at once with exit code 3, allocating nothing. */
    private static void outOfMemory() {
        try {
            System.err.write(OUT_OF_MEMORY_LINE, 0, OUT_OF_MEMORY_LINE.length);
            System.err.flush();
        } finally {
            Runtime.getRuntime().halt(AnalyzeCommand.OUT_OF_MEMORY);
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ToktraceCli.class.getPackage().getImplementationVersion();
            return new String[] {"TokTrace " + (v != null ? v : "(development build)")};
        }
    }
}
