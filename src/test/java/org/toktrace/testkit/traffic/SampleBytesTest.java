package org.toktrace.testkit.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Existing scenarios stay byte-identical: the bundled sample is this generator's output for
 * {@link Scenario#sample()}, and a few other seeds keep the digests they had before the generator
 * learned its opt-in extras (which draw no random numbers when off).
 */
class SampleBytesTest {

    @TempDir
    Path dir;

    @Test
    void regeneratingTheSampleGivesTheBundledBytes() throws IOException {
        Path p = dir.resolve("sample.pcap");
        HotspotTrafficGenerator.write(Scenario.sample(), p);
        assertArrayEquals(Files.readAllBytes(Path.of("captures/hotspot-sample.pcap")), Files.readAllBytes(p),
                "captures/hotspot-sample.pcap differs from a fresh Scenario.sample()");
    }

    @Test
    void otherSeedsKeepTheirBytes() throws Exception {
        assertEquals("e03ae941309c5b45e31ab32d235c90d20684801b325f023c0227148d2f03c737",
                digest(Scenario.bulk(11, 3_000_000)));
        assertEquals("76575ed128d518f8a173c5da68cfa39f3ddb8c2ebdcd0728cd9ed67bdeb3cf08",
                digest(Scenario.bulk(5, 10_000_000).withPhones(2, 2).withNanos(true)));
        assertEquals("71473a9f7358fa7da04e2fedef95aea3654598fdb2ccc63220daa330d06ac203",
                digest(Scenario.sample().withSeed(7).withLimits(120_000_000_000L, 0)));
    }

    private String digest(Scenario s) throws IOException, NoSuchAlgorithmException {
        Path p = dir.resolve("d" + s.seed() + ".pcap");
        HotspotTrafficGenerator.write(s, p);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
