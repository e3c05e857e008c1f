package org.toktrace.analysis;

/**
 * The heap ran out before the analysis could report anything: nothing is kept. Its message is one
 * line for the user, with the packets read and what to do.
 */
public final class MemoryExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MemoryExhaustedException(long packets) {
        super("out of memory after " + String.format(java.util.Locale.ROOT, "%,d", packets)
                + " packets: give Java more memory, e.g. java -Xmx4g -jar toktrace.jar");
    }
}
