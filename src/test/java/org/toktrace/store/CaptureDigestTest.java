package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureDigestTest {

    @TempDir
    Path tmp;

    @Test
    void knownDigests() throws Exception {
        Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
        Path abc = Files.write(tmp.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        // FIPS 180-2 appendix B.1, and the digest of nothing
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CaptureDigest.sha256(empty));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CaptureDigest.sha256(abc));
        assertEquals(CaptureDigest.sha256(abc), CaptureDigest.start(abc).get());
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = tmp.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo made " + fifo);
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(IOException.class, () -> CaptureDigest.sha256(fifo)));
        assertEquals(fifo + " is not a regular file", e.getMessage());
    }

    @Test
    void windowsJoinSeamlessly() throws Exception {
        byte[] data = new byte[1_000_003];
        new Random(7).nextBytes(data);
        Path f = Files.write(tmp.resolve("data"), data);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(expected, CaptureDigest.sha256(f));
        assertEquals(expected, CaptureDigest.sha256(f, 4096), "many windows, the last one short");
        assertEquals(expected, CaptureDigest.sha256(f, 1_000_003), "exactly one window");
    }

    @Test
    void aMissingFileFailsTheFuture() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> CaptureDigest.start(tmp.resolve("nope")).get());
        assertTrue(e.getCause() instanceof UncheckedIOException, e.toString());
        assertTrue(e.getCause().getCause() instanceof NoSuchFileException, e.toString());
    }
}
