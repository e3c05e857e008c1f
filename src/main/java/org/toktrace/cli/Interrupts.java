package org.toktrace.cli;

/**
 * Ctrl+C (SIGINT) and SIGTERM stop a running capture instead of ending the JVM, so that the capture
 * is closed, its file complete, and the summary printed, with exit code 0. A shell starts a
 * script's background jobs with SIGINT ignored, and the JVM then leaves it ignored (as for nohup):
 * SIGTERM still stops such a capture cleanly.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onInterrupt(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // a signal this OS or JVM does not offer (TERM on Windows): the JVM's default stays
            }
        }
    }
}
