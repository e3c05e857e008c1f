package org.toktrace;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.toktrace.cli.ToktraceCli;
import org.toktrace.ui.DesktopApp;

/**
 * Main class of {@code toktrace.jar}. Without arguments, or with one that names an existing capture
 * file, it opens the desktop app; anything else goes to the command line, which never loads a
 * JavaFX class. It does not extend a JavaFX {@code Application}, so the jar runs from the plain
 * class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (!opensDesktop(args)) {
            ToktraceCli.main(args);
            return;
        }
        try {
            DesktopApp.launch(args.length == 0 ? null : Path.of(args[0]));
        } catch (RuntimeException | LinkageError e) {
            // no display (a server, an SSH session) or no JavaFX for this platform: say so in one line
            ToktraceCli.fail("cannot open the window: " + firstLine(e)
                    + "; 'toktrace analyze CAPTURE' works without a display");
        }
        System.exit(0);
    }

    /** Whether {@code args} ask for the desktop app: none at all, or one existing file that is not a command. */
    static boolean opensDesktop(String[] args) {
        if (args.length == 0) {
            return true;
        }
        if (args.length != 1 || args[0].startsWith("-") || ToktraceCli.isCommand(args[0])) {
            return false;
        }
        try {
            return Files.isRegularFile(Path.of(args[0]));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
