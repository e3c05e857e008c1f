package org.toktrace.store;

import java.nio.file.Path;
import org.toktrace.model.AnalysisResult;

/**
 * Test helper run in a second JVM: starts saving a big analysis into the library at {@code args[0]}
 * under SHA-256 {@code args[1]}, and once half of its rows are written (not committed) says
 * {@code halfway} and stalls, so the test can kill it in the middle of the transaction.
 */
public final class StallingSave {

    private StallingSave() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        AnalysisResult big = LibraryResults.everything(Integer.parseInt(args[2]));
        long t1 = System.nanoTime();
        try (LocalDatabase db = LocalDatabase.open(Path.of(args[0]))) {
            new CaptureLibrary(db).save(big, args[1], java.time.Instant.now(), (rows, total) -> {
                if (rows >= total / 2) {
                    System.out.printf("halfway %d of %d rows (result built in %.1f s, saving for %.1f s)%n", rows, total,
                            (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE); // until killed
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            System.out.println("committed"); // never, if the test works
        }
    }
}
