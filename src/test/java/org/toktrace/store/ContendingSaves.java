package org.toktrace.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Test helper run in two JVMs at once: {@code args[2]} times opens the library at {@code args[0]}
 * (waiting while the other process has it), saves a capture named after {@code args[1]} and closes
 * it again, as the app and the command line each do per operation. Prints {@code done N}.
 */
public final class ContendingSaves {

    private ContendingSaves() {
    }

    /** The SHA-256 the helper uses for save {@code i} of process {@code label} (one hex digit). */
    static String sha(String label, int i) {
        return label + String.format("%063x", i);
    }

    /** The result the helper saves as save {@code i}. */
    static int flows(String label, int i) {
        return 20 + i * 3 + label.charAt(0) % 5;
    }

    public static void main(String[] args) {
        String label = args[1];
        int n = Integer.parseInt(args[2]);
        int waited = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try (LocalDatabase db = LocalDatabase.open(Path.of(args[0]), Duration.ofSeconds(60))) {
                if (System.nanoTime() - t0 > 100_000_000L) {
                    waited++;
                }
                new CaptureLibrary(db).save(LibraryResults.everything(flows(label, i)), sha(label, i));
            }
        }
        System.out.println("done " + n + " (waited for the other process " + waited + " times)");
    }
}
