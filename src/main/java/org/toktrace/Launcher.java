package org.toktrace;

import org.toktrace.cli.ToktraceCli;

/**
 * Main class of {@code toktrace.jar}. It does not extend a JavaFX {@code Application}, so the jar
 * runs from the plain class path, and the command line never loads a JavaFX class.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        ToktraceCli.main(args);
    }
}
