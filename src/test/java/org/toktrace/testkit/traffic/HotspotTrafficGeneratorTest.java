package org.toktrace.testkit.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotspotTrafficGeneratorTest {

    @TempDir
    Path dir;

    private static final Scenario SMALL = Scenario.bulk(11, 3_000_000);

    @Test
    void sameSeedGivesTheSameBytes() throws IOException {
        byte[] a = generate(SMALL, "a.pcap");
        byte[] b = generate(SMALL, "b.pcap");
        assertArrayEquals(a, b);
    }

    @Test
    void differentSeedsGiveDifferentCaptures() throws IOException {
        byte[] a = generate(SMALL, "a.pcap");
        byte[] b = generate(SMALL.withSeed(12), "b.pcap");
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void sizeTargetIsMetWithinOneFrame() throws IOException {
        for (long target : new long[] {500_000, 3_000_000, 20_000_000}) {
            byte[] file = generate(Scenario.bulk(3, target), "t.pcap");
            assertTrue(file.length >= target && file.length < target + 2_000, "size " + file.length + " for " + target);
        }
    }

    @Test
    void durationLimitsTheCapture() throws IOException {
        Scenario s = Scenario.sample().withLimits(60_000_000_000L, 0);
        HotspotTrafficGenerator.Summary summary = HotspotTrafficGenerator.write(s, dir.resolve("d.pcap"));
        assertTrue(summary.lastNanos() < HotspotTrafficGenerator.START_NANOS + 60_000_000_000L);
        assertTrue(summary.frames() > 20);
    }

    @Test
    void everyFrameIsConsistentWithItsHeaders() throws IOException {
        ByteBuffer f = ByteBuffer.wrap(generate(Scenario.bulk(5, 30_000_000).withPhones(2, 2).withNanos(true), "c.pcap")).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(PcapWriter.MAGIC_NANOS, f.getInt(0));
        assertEquals(2, f.getShort(4));
        assertEquals(4, f.getShort(6));
        assertEquals(PcapWriter.LINKTYPE_ETHERNET, f.getInt(20));
        int pos = 24;
        long lastTs = Long.MIN_VALUE;
        int frames = 0;
        int tcp = 0;
        int udp = 0;
        int v6 = 0;
        long big = 0;
        while (pos < f.limit()) {
            long ts = f.getInt(pos) * 1_000_000_000L + f.getInt(pos + 4);
            int incl = f.getInt(pos + 8);
            int orig = f.getInt(pos + 12);
            assertEquals(incl, orig);
            assertTrue(ts >= lastTs, "timestamps in order");
            lastTs = ts;
            int fr = pos + 16;
            assertTrue(fr + incl <= f.limit());
            ByteBuffer be = f.duplicate().order(ByteOrder.BIG_ENDIAN);
            int etherType = be.getShort(fr + 12) & 0xFFFF;
            if (etherType == 0x0800) {
                assertEquals(0x45, be.get(fr + 14) & 0xFF);
                assertEquals(incl - 14, be.getShort(fr + 16) & 0xFFFF, "IPv4 total length = frame length - 14");
                assertEquals(0, checksum(be, fr + 14, 20), "IPv4 header checksum");
                int proto = be.get(fr + 23);
                int l4 = fr + 34;
                if (proto == 6) {
                    tcp++;
                    int hdr = ((be.get(l4 + 12) & 0xFF) >>> 4) * 4;
                    assertTrue(hdr >= 20 && hdr <= incl - 34);
                } else if (proto == 17) {
                    udp++;
                    assertEquals(incl - 34, be.getShort(l4 + 4) & 0xFFFF, "UDP length");
                }
            } else if (etherType == 0x86DD) {
                v6++;
                assertEquals(6, (be.get(fr + 14) & 0xFF) >>> 4);
                assertEquals(incl - 54, be.getShort(fr + 18) & 0xFFFF, "IPv6 payload length = frame length - 54");
            } else {
                assertEquals(0x0806, etherType);
                assertEquals(42, incl);
            }
            if (incl >= 1400) {
                big++;
            }
            assertTrue(incl <= 1514, "no frame above the Ethernet MTU: " + incl);
            pos = fr + incl;
            frames++;
        }
        assertEquals(f.limit(), pos);
        assertTrue(frames > 1000 && tcp > udp && udp > 0 && v6 > 0, frames + " " + tcp + " " + udp + " " + v6);
        assertTrue(big > frames / 3, "video traffic is mostly full-size frames");
        assertTrue(big < frames * 3 / 4, "and many small ACKs");
    }

    @Test
    void sampleStaysSmall() throws IOException {
        HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(Scenario.sample(), dir.resolve("s.pcap"));
        assertTrue(s.bytes() > 2_000_000 && s.bytes() < 5_000_000, "sample is " + s.bytes() + " bytes");
        assertTrue(s.seconds() > 540, "about ten minutes");
    }

    /** RFC 9001 Appendix A.1: the client Initial keys for DCID 0x8394c8f03e515708. */
    @Test
    void quicInitialKeysFollowRfc9001() throws Exception {
        byte[] dcid = QuicInitial.hex("8394c8f03e515708");
        // A.2: header byte 0xc3 and packet number 2 protected into c0 00 00 00 01 ... ; check via a
        // known-answer run of the same derivation: the client key must be 1f369613dd76d5467730efcbe3b1a22d
        java.lang.reflect.Method expand = QuicInitial.class.getDeclaredMethod("expandLabel", byte[].class, String.class, int.class);
        java.lang.reflect.Method hmac = QuicInitial.class.getDeclaredMethod("hmac", byte[].class, byte[].class);
        expand.setAccessible(true);
        hmac.setAccessible(true);
        byte[] initial = (byte[]) hmac.invoke(null, QuicInitial.hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a"), dcid);
        byte[] client = (byte[]) expand.invoke(null, initial, "client in", 32);
        assertArrayEquals(QuicInitial.hex("1f369613dd76d5467730efcbe3b1a22d"), (byte[]) expand.invoke(null, client, "quic key", 16));
        assertArrayEquals(QuicInitial.hex("fa044b2f42a3fd3b46fb255c"), (byte[]) expand.invoke(null, client, "quic iv", 12));
        assertArrayEquals(QuicInitial.hex("9f50449e04a0e810283a1e9933adedd2"), (byte[]) expand.invoke(null, client, "quic hp", 16));
    }

    private byte[] generate(Scenario s, String name) throws IOException {
        Path p = dir.resolve(name);
        HotspotTrafficGenerator.write(s, p);
        return Files.readAllBytes(p);
    }

    private static int checksum(ByteBuffer b, int off, int len) {
        int s = 0;
        for (int i = 0; i < len; i += 2) {
            s += b.getShort(off + i) & 0xFFFF;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return ~s & 0xFFFF;
    }
}
