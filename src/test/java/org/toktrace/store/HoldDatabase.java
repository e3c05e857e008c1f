package org.toktrace.store;

import java.nio.file.Path;

/** Test helper run in a second JVM: opens the database, says so, holds it until standard input ends. */
public final class HoldDatabase {

    private HoldDatabase() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalDatabase db = LocalDatabase.open(Path.of(args[0]))) {
            System.out.println("open " + db.schemaVersion());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our input
            }
        }
    }
}
