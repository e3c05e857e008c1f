package org.toktrace.testkit.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.Category;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.traffic.Extras.AddedServer;
import org.toktrace.testkit.traffic.Extras.Visit;
import org.toktrace.testkit.traffic.ServerDirectory.Role;

class ExtrasTest {

    @TempDir
    Path dir;

    private static final Scenario SHORT = Scenario.sample().withSeed(3).withLimits(90_000_000_000L, 0);
    private static final Scenario SCROLLING = new Scenario(3, 1, 0, 0, 3_000_000, false, 120, 600, 30, 120, 200_000, 400_000, 1.0);

    @Test
    void noExtrasIsTheOldGenerator() throws IOException {
        HotspotTrafficGenerator.write(SHORT, dir.resolve("a.pcap"));
        HotspotTrafficGenerator.write(SHORT, Extras.NONE, dir.resolve("b.pcap"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.pcap")), Files.readAllBytes(dir.resolve("b.pcap")));
    }

    @Test
    void twoCaptureWindowsSplitOneCaptureExactly() throws IOException {
        Extras extras = Extras.NONE.withVisits(new Visit("api16-core-c-useast1a.tiktokv.com", Hello.TLS_SNI, true, 2, 1, 20, true));
        byte[] whole = write(SHORT, extras, "whole.pcap");
        byte[] before = write(SHORT, extras.withCaptureWindow(0, 40_000_000_000L), "before.pcap");
        byte[] after = write(SHORT, extras.withCaptureWindow(40_000_000_000L, 0), "after.pcap");
        assertTrue(before.length > 1000 && after.length > 1000);
        byte[] joined = new byte[before.length + after.length - 24];
        System.arraycopy(before, 0, joined, 0, before.length);
        System.arraycopy(after, 24, joined, before.length, after.length - 24);
        assertArrayEquals(whole, joined, "the frames of [0, 40 s) then [40 s, end) are the whole capture's");
    }

    @Test
    void visitsShowWhatTheirHelloSays() throws IOException {
        Extras extras = Extras.NONE
                .withServers(AddedServer.of("nosni.example.org", Role.OTHER_WEB, false, List.of(), List.of("198.51.100.7"), List.of()),
                        AddedServer.of("plain.example.org", Role.OTHER_WEB, false, List.of(), List.of("198.51.100.8"), List.of()),
                        AddedServer.of("anon.example.org", Role.OTHER_WEB, false, List.of(), List.of("198.51.100.9"), List.of()))
                .withVisits(new Visit("nosni.example.org", Hello.TLS_NO_SNI, false, 2, 5, 60, false),
                        new Visit("plain.example.org", Hello.HTTP_HOST, false, 2, 5, 60, false),
                        new Visit("anon.example.org", Hello.HTTP_NO_HOST, false, 2, 5, 60, false));
        byte[] file = write(SHORT, extras, "v.pcap");
        int at = indexOf(file, "nosni.example.org");
        assertEquals(-1, at, "no SNI, no lookup: the name is nowhere; found in " + new String(file, Math.max(0, at - 120), 240, StandardCharsets.ISO_8859_1));
        assertEquals(-1, indexOf(file, "anon.example.org"));
        assertTrue(indexOf(file, "Host: plain.example.org\r\n") >= 0);
        assertTrue(indexOf(file, "GET /obj/tos-useast5-v-0068/pre-load HTTP/1.0\r\nUser-Agent") >= 0);
        assertTrue(indexOf(file, new byte[] {(byte) 198, 51, 100, 7}) >= 0, "the no-SNI server's address is used");
    }

    @Test
    void shuffledCryptoChangesOnlyTheQuicFlows() throws IOException {
        byte[] plain = write(SCROLLING, Extras.NONE, "p.pcap");
        byte[] shuffled = write(SCROLLING, Extras.NONE.withShuffledCrypto(true), "s.pcap");
        assertFalse(Arrays.equals(plain, shuffled));
    }

    @Test
    void groundTruthFollowsTheDirectory() {
        GroundTruth truth = GroundTruth.standard();
        assertEquals(java.util.Map.of(), truth.sharedAddresses(), "no two servers share an address");
        GroundTruth.Server mtalk = truth.named("mtalk.google.com");
        assertEquals("Google FCM", mtalk.service());
        assertFalse(mtalk.tiktok());
        GroundTruth.Server frontier = truth.named("frontier-va.tiktokv.com");
        assertEquals(Category.PUSH, frontier.category());
        assertEquals(frontier, truth.at(frontier.addresses().get(0)).orElseThrow());
        assertEquals(Category.VIDEO, truth.named("v16-webapp-prime.tiktok.com").category());
        assertTrue(truth.named("v16-webapp-prime.tiktok.com").addresses().stream().anyMatch(IpAddress::v6));
        GroundTruth withExtra = GroundTruth.of(Extras.NONE.withServers(
                AddedServer.of("nottiktok.com", Role.OTHER_WEB, false, List.of(), List.of("198.51.100.7"), List.of("2001:db8:beef::7"))));
        GroundTruth.Server look = withExtra.at(IpAddress.parse("2001:db8:beef::7")).orElseThrow();
        assertEquals("nottiktok.com", look.name());
        assertEquals(null, look.service());
        assertEquals(null, look.category());
    }


    private byte[] write(Scenario s, Extras e, String name) throws IOException {
        Path p = dir.resolve(name);
        HotspotTrafficGenerator.write(s, e, p);
        return Files.readAllBytes(p);
    }

    private static int indexOf(byte[] hay, String needle) {
        return indexOf(hay, needle.getBytes(StandardCharsets.US_ASCII));
    }

    private static int indexOf(byte[] hay, byte[] n) {
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
