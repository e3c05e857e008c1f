package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toktrace.dissect.QuicInitialSealer.concat;
import static org.toktrace.dissect.QuicInitialSealer.crypto;
import static org.toktrace.dissect.QuicInitialSealer.seal;
import static org.toktrace.dissect.QuicTestVectors.hex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.toktrace.model.ClientHelloInfo;

class QuicClientHelloAssemblerTest {

    private static final int V1 = QuicClientHelloAssembler.VERSION_1;
    private static final int V2 = QuicClientHelloAssembler.VERSION_2;
    private static final byte[] CH = QuicTestVectors.clientHello();
    private static final byte[] SEALED_DCID = {5, 6, 7, 8, 9, 10, 11, 12};

    private static ClientHelloInfo feed(QuicClientHelloAssembler a, byte[] datagram) {
        return a.onDatagram(ByteBuffer.wrap(datagram), 0, datagram.length);
    }

    // RFC 9001 appendix A.1
    @Test
    void version1KeysAreThoseOfRfc9001AppendixA1() throws Exception {
        QuicClientHelloAssembler.InitialSecrets s = QuicClientHelloAssembler.clientSecrets(V1, QuicTestVectors.DCID);
        assertArrayEquals(hex("7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44"),
                QuicClientHelloAssembler.initialSecret(QuicClientHelloAssembler.salt(V1), QuicTestVectors.DCID), "initial_secret");
        assertArrayEquals(QuicTestVectors.V1_CLIENT_INITIAL_SECRET, s.clientSecret());
        assertArrayEquals(QuicTestVectors.V1_KEY, s.key());
        assertArrayEquals(QuicTestVectors.V1_IV, s.iv());
        assertArrayEquals(QuicTestVectors.V1_HP, s.hp());
    }

    // RFC 9369 appendix A.1
    @Test
    void version2KeysAreThoseOfRfc9369AppendixA1() throws Exception {
        QuicClientHelloAssembler.InitialSecrets s = QuicClientHelloAssembler.clientSecrets(V2, QuicTestVectors.DCID);
        assertArrayEquals(hex("2062e8b3cd8d52092614b8071d0aa1fb7c2e3ac193f78b280e72d8f5751f6aba"),
                QuicClientHelloAssembler.initialSecret(QuicClientHelloAssembler.salt(V2), QuicTestVectors.DCID), "initial_secret");
        assertArrayEquals(QuicTestVectors.V2_CLIENT_INITIAL_SECRET, s.clientSecret());
        assertArrayEquals(QuicTestVectors.V2_KEY, s.key());
        assertArrayEquals(QuicTestVectors.V2_IV, s.iv());
        assertArrayEquals(QuicTestVectors.V2_HP, s.hp());
    }

    @Test
    void rfc9001ClientInitialDecryptsToExampleCom() {
        assertTrue(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(QuicTestVectors.V1_CLIENT_INITIAL), 0, 1200));
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        ClientHelloInfo info = feed(a, QuicTestVectors.V1_CLIENT_INITIAL);
        assertNotNull(info);
        assertEquals("example.com", info.serverName());
        assertEquals(List.of("alpn"), info.alpn()); // the RFC's sample offers the protocol "alpn"
        assertEquals(V1, a.version());
        assertSame(info, a.clientHello());
        assertNull(feed(a, QuicTestVectors.V1_CLIENT_INITIAL), "reported once");
        assertSame(info, a.clientHello());
    }

    @Test
    void rfc9369ClientInitialDecryptsToExampleCom() {
        assertTrue(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(QuicTestVectors.V2_CLIENT_INITIAL), 0, 1200));
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        ClientHelloInfo info = feed(a, QuicTestVectors.V2_CLIENT_INITIAL);
        assertNotNull(info);
        assertEquals("example.com", info.serverName());
        assertEquals(V2, a.version());
    }

    @Test
    void datagramInsideALargerBufferIsReadAtItsOffset() {
        byte[] big = new byte[1200 + 77 + 13];
        System.arraycopy(QuicTestVectors.V1_CLIENT_INITIAL, 0, big, 77, 1200);
        ClientHelloInfo info = new QuicClientHelloAssembler().onDatagram(ByteBuffer.wrap(big), 77, 1200);
        assertEquals("example.com", info.serverName());
    }

    @Test
    void headerShapesAreRecognised() {
        byte[] v1 = QuicTestVectors.V1_CLIENT_INITIAL.clone();
        assertTrue(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(v1), 0, 30), "padding below 1200 is fine");
        assertTrue(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(v1), 0, 18), "header ends at 18");
        assertFalse(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(v1), 0, 17), "Length field cut");
        byte[] handshake = v1.clone();
        handshake[0] = (byte) 0xE0; // v1 type 0b10
        assertFalse(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(handshake), 0, 1200));
        byte[] v2AsV1Type = QuicTestVectors.V2_CLIENT_INITIAL.clone();
        v2AsV1Type[0] = (byte) 0xC0; // type 0b00 is Retry in v2
        assertFalse(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(v2AsV1Type), 0, 1200));
        byte[] gquic = v1.clone();
        gquic[1] = 'Q';
        gquic[2] = '0';
        gquic[3] = '4';
        gquic[4] = '6';
        assertFalse(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(gquic), 0, 1200));
        byte[] longCid = v1.clone();
        longCid[5] = 21;
        assertFalse(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(longCid), 0, 1200));
        byte[] noFixedBit = v1.clone();
        noFixedBit[0] = (byte) 0x80;
        assertFalse(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(noFixedBit), 0, 1200));
        byte[] shortHeader = {0x40, 1, 2, 3, 4, 5, 6, 7};
        assertFalse(QuicClientHelloAssembler.looksLikeClientInitial(ByteBuffer.wrap(shortHeader), 0, 8));
    }

    @Test
    void saltsCoverVersionsDraftsAndGrease() {
        assertNotNull(QuicClientHelloAssembler.salt(0xff00001b));
        assertNotNull(QuicClientHelloAssembler.salt(0xff00001c));
        assertArrayEquals(QuicClientHelloAssembler.salt(0xff00001d), QuicClientHelloAssembler.salt(0xff000020));
        // greasing versions: draft 29's salt, as Wireshark reads them (see QuicInteropTest, quic_interop_V)
        assertArrayEquals(QuicClientHelloAssembler.salt(0xff00001d), QuicClientHelloAssembler.salt(0x1a2a3a4a));
        assertArrayEquals(QuicClientHelloAssembler.salt(0xff00001d), QuicClientHelloAssembler.salt(0x0a0a0a0a));
        assertNull(QuicClientHelloAssembler.salt(0));
        assertNull(QuicClientHelloAssembler.salt(0x51303436)); // Q046
        assertNull(QuicClientHelloAssembler.salt(0x54303531)); // T051
        assertNull(QuicClientHelloAssembler.salt(0xff00001a));
    }

    @Test
    void everyVersionWeAcceptRoundTrips() {
        for (int version : new int[] {V1, V2, 0xff00001b, 0xff00001c, 0xff00001d, 0xff00001e, 0xff000020, 0xdadadada}) {
            byte[] dcid = {9, 8, 7, 6, 5, 4, 3, 2};
            byte[] packet = seal(version, dcid, dcid, 0, crypto(CH, 0, CH.length), 1200);
            QuicClientHelloAssembler a = new QuicClientHelloAssembler();
            ClientHelloInfo info = feed(a, packet);
            assertNotNull(info, Integer.toHexString(version));
            assertEquals("example.com", info.serverName());
            assertEquals(version, a.version());
        }
    }

    @Test
    void shuffledOverlappingDuplicatedFragmentsAcrossPacketsAndDatagrams() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<int[]> pieces = new ArrayList<>();
            int at = 0;
            while (at < CH.length) {
                int n = Math.min(CH.length - at, 1 + random.nextInt(40));
                // overlap: start a few bytes before the previous piece ended
                int from = Math.max(0, at - random.nextInt(5));
                pieces.add(new int[] {from, at + n - from});
                at += n;
            }
            pieces.add(pieces.get(random.nextInt(pieces.size()))); // a duplicate
            Collections.shuffle(pieces, random);
            byte[] dcid = {1, 1, 2, 3, 5, 8, 13, 21};
            QuicClientHelloAssembler a = new QuicClientHelloAssembler();
            ClientHelloInfo info = null;
            int pn = 0;
            int datagrams = 0;
            for (int i = 0; i < pieces.size(); i += 6) {
                List<byte[]> packets = new ArrayList<>();
                for (int j = i; j < Math.min(pieces.size(), i + 6); j += 3) {
                    List<byte[]> frames = new ArrayList<>();
                    for (int k = j; k < Math.min(Math.min(pieces.size(), i + 6), j + 3); k++) {
                        frames.add(crypto(CH, pieces.get(k)[0], pieces.get(k)[1]));
                        frames.add(new byte[] {0x01}); // PING between CRYPTO frames
                    }
                    frames.add(0, QuicInitialSealer.ackEcn());
                    packets.add(seal(V1, dcid, dcid, pn++, concat(frames.toArray(new byte[0][])), 0));
                }
                ClientHelloInfo got = feed(a, concat(packets.toArray(new byte[0][]))); // coalesced Initials
                datagrams++;
                if (got != null) {
                    assertNull(info, "reported only once");
                    info = got;
                }
            }
            assertTrue(datagrams <= QuicClientHelloAssembler.MAX_INITIAL_DATAGRAMS, "test stays within the bound");
            assertNotNull(a.clientHello(), "round " + round);
            assertEquals("example.com", a.clientHello().serverName());
        }
    }

    @Test
    void completesOnlyWhenTheLastGapIsFilled() {
        byte[] dcid = {4, 4, 4, 4};
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        assertNull(feed(a, seal(V1, dcid, dcid, 0, crypto(CH, 100, CH.length - 100), 1200)));
        assertNull(feed(a, seal(V1, dcid, dcid, 1, crypto(CH, 0, 3), 1200)), "header incomplete");
        assertNull(feed(a, seal(V1, dcid, dcid, 2, crypto(CH, 3, 50), 1200)), "gap 53..100");
        ClientHelloInfo info = feed(a, seal(V1, dcid, dcid, 3, crypto(CH, 40, 70), 1200));
        assertEquals("example.com", info.serverName());
    }

    @Test
    void initialAfterARetryIsReadWithItsNewDcidsKeys() {
        byte[] first = {10, 20, 30, 40, 50, 60, 70, 80};
        byte[] second = hex("0164bccb0bceb2de8f64afc9a9cea6a36437ab44");
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        assertNull(feed(a, seal(V1, first, first, 1, crypto(CH, 0, 120), 1200)));
        ClientHelloInfo info = feed(a, seal(V1, second, second, 4, crypto(CH, 120, CH.length - 120), 1200));
        assertEquals("example.com", info.serverName());
    }

    @Test
    void initialToTheServersConnectionIdKeepsTheFirstKeys() {
        byte[] first = {10, 20, 30, 40, 50, 60, 70, 80};
        byte[] second = {1, 2, 3, 4, 5};
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        assertNull(feed(a, seal(V1, first, first, 1, crypto(CH, 0, 120), 1200)));
        ClientHelloInfo info = feed(a, seal(V1, first, second, 2, crypto(CH, 120, CH.length - 120), 1200));
        assertEquals("example.com", info.serverName());
    }

    @Test
    void zeroRttAndHandshakePacketsInTheDatagramAreWalkedOver() {
        byte[] dcid = {7, 7, 7, 7, 7, 7, 7, 7};
        // a 0-RTT packet (v1 type 01) first: header, Length 30, 30 opaque bytes
        byte[] zeroRtt = concat(new byte[] {(byte) 0xD1, 0, 0, 0, 1, 8}, dcid, new byte[] {0, 30}, new byte[30]);
        byte[] initial = seal(V1, dcid, dcid, 0, crypto(CH, 0, CH.length), 0);
        byte[] handshake = concat(new byte[] {(byte) 0xE1, 0, 0, 0, 1, 8}, dcid, new byte[] {0, 0x40, 20}, new byte[20]);
        ClientHelloInfo info = feed(new QuicClientHelloAssembler(), concat(zeroRtt, handshake, initial, new byte[40]));
        assertEquals("example.com", info.serverName());
    }

    @Test
    void shortHeaderDatagramsAreIgnored() {
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        byte[] shortHeader = new byte[1200];
        shortHeader[0] = 0x43;
        for (int i = 0; i < 100; i++) {
            assertNull(feed(a, shortHeader));
        }
        assertFalse(a.gaveUp());
        assertEquals(0, a.version());
        assertEquals("example.com", feed(a, QuicTestVectors.V1_CLIENT_INITIAL).serverName());
    }

    /** Datagrams without an Initial are the bulk of a QUIC flow: they must cost no allocation. */
    @Test
    void datagramsWithoutAnInitialAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        byte[] dcid = {7, 7, 7, 7, 7, 7, 7, 7};
        ByteBuffer shortHeader = ByteBuffer.wrap(new byte[1200]);
        shortHeader.put(0, (byte) 0x43);
        byte[] hs = concat(new byte[] {(byte) 0xE1, 0, 0, 0, 1, 8}, dcid, new byte[] {0, 0x40, 100}, new byte[100]);
        ByteBuffer handshakes = ByteBuffer.wrap(concat(hs, hs, hs, new byte[] {0x40, 1, 2, 3}));
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        int packets = 100_000;
        for (int pass = 0; pass < 3; pass++) { // the first passes warm up (class loading, JIT)
            long before = threads.getThreadAllocatedBytes(thread);
            int nulls = 0;
            for (int i = 0; i < packets; i++) {
                nulls += a.onDatagram(shortHeader, 0, 1200) == null ? 1 : 0;
                nulls += a.onDatagram(handshakes, 0, handshakes.limit()) == null ? 1 : 0;
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertEquals(2 * packets, nulls);
            if (pass == 2) {
                assertTrue(allocated < packets / 10, allocated + " bytes allocated for " + 2 * packets + " datagrams");
            }
        }
        assertFalse(a.gaveUp());
    }

    @Test
    void givesUpAfterTenInitialDatagramsWithoutAWholeClientHello() {
        byte[] dcid = {3, 3, 3, 3};
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        for (int i = 0; i < QuicClientHelloAssembler.MAX_INITIAL_DATAGRAMS; i++) {
            assertFalse(a.gaveUp());
            assertNull(feed(a, seal(V1, dcid, dcid, i, crypto(CH, 1, 10), 1200))); // byte 0 never comes
        }
        assertTrue(a.gaveUp());
        assertNull(feed(a, seal(V1, dcid, dcid, 11, crypto(CH, 0, CH.length), 1200)), "too late");
    }

    @Test
    void givesUpOnAClientHelloLongerThanTheBound() {
        byte[] huge = {1, 0, 0x40, 0x00, 3, 3}; // says 16384 bytes of body
        byte[] dcid = {3, 3, 3, 3};
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        assertNull(feed(a, seal(V1, dcid, dcid, 0, crypto(huge, 0, huge.length), 1200)));
        assertTrue(a.gaveUp());
    }

    @Test
    void givesUpOnAStreamThatIsNotAClientHello() {
        byte[] serverHello = CH.clone();
        serverHello[0] = 2;
        byte[] dcid = {3, 3, 3, 3};
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        assertNull(feed(a, seal(V1, dcid, dcid, 0, crypto(serverHello, 0, serverHello.length), 1200)));
        assertTrue(a.gaveUp());
    }

    @Test
    void givesUpWhenNothingDecrypts() {
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        byte[] broken = QuicTestVectors.V1_CLIENT_INITIAL.clone();
        // a changed Destination Connection ID derives other keys: the payload decrypts to noise.
        // (A flipped payload bit alone is not noticed: the GCM tag is deliberately not checked.)
        broken[6] ^= 1;
        for (int i = 0; i < QuicClientHelloAssembler.MAX_FAILURES_WITHOUT_SUCCESS; i++) {
            assertFalse(a.gaveUp());
            assertNull(feed(a, broken));
        }
        assertTrue(a.gaveUp());
    }

    @Test
    void packetNumbersFollowRfc9000AppendixA3() {
        // RFC 9000 A.3's example: largest 0xa82f30ea, 16-bit 0x9b32 -> 0xa82f9b32
        assertEquals(0xa82f9b32L, QuicClientHelloAssembler.decodePacketNumber(0xa82f30eaL, 0x9b32, 16));
        assertEquals(2, QuicClientHelloAssembler.decodePacketNumber(-1, 2, 32));
        assertEquals(300, QuicClientHelloAssembler.decodePacketNumber(290, 300 & 0xFF, 8));
    }

    @Test
    void truncatedAtEveryLengthYieldsNothingUntilWhole() {
        List<byte[]> whole = List.of(QuicTestVectors.V1_CLIENT_INITIAL, QuicTestVectors.V2_CLIENT_INITIAL,
                concat(seal(QuicClientHelloAssembler.VERSION_1, SEALED_DCID, SEALED_DCID, 1, crypto(CH, 0, 60), 0),
                        seal(QuicClientHelloAssembler.VERSION_1, SEALED_DCID, SEALED_DCID, 2, crypto(CH, 60, CH.length - 60), 0)));
        for (byte[] d : whole) {
            for (int n = 0; n < d.length; n++) {
                byte[] cut = java.util.Arrays.copyOf(d, n);
                QuicClientHelloAssembler a = new QuicClientHelloAssembler();
                ByteBuffer buf = ByteBuffer.wrap(cut);
                assertNull(a.onDatagram(buf, 0, n), "cut at " + n);
                assertNull(a.clientHello());
            }
            assertNotNull(new QuicClientHelloAssembler().onDatagram(ByteBuffer.wrap(d), 0, d.length));
        }
    }

    @Test
    void argumentsOutsideTheBufferAreRefused() {
        ByteBuffer buf = ByteBuffer.wrap(QuicTestVectors.V1_CLIENT_INITIAL);
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        assertNull(a.onDatagram(buf, -1, 10));
        assertNull(a.onDatagram(buf, 1100, 200));
        assertNull(a.onDatagram(buf, 0, Integer.MAX_VALUE));
        assertNull(a.onDatagram(null, 0, 10));
        assertEquals(false, QuicClientHelloAssembler.looksLikeClientInitial(buf, 1199, 5));
        assertEquals(false, QuicClientHelloAssembler.looksLikeClientInitial(null, 0, 5));
    }
}
