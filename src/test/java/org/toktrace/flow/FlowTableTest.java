package org.toktrace.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toktrace.testkit.Frames.ACK;
import static org.toktrace.testkit.Frames.FIN;
import static org.toktrace.testkit.Frames.PSH;
import static org.toktrace.testkit.Frames.RST;
import static org.toktrace.testkit.Frames.SYN;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.LinkTypes;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.Frames;

class FlowTableTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final String PHONE = "192.168.43.20";
    private static final String CDN = "203.0.113.7";
    private static final long PHONE_MAC = Frames.mac("02:00:00:00:00:20");
    private static final long GW_MAC = Frames.mac("02:00:00:00:00:01");

    private final List<FlowRecord> done = new ArrayList<>();
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();
    private FlowTable table = new FlowTable(FlowTableConfig.defaults(), done::add);

    private void use(FlowTableConfig config) {
        table = new FlowTable(config, done::add);
    }

    /** Feeds an IP packet as an Ethernet frame: from the phone's MAC when the phone sends it. */
    private int feed(byte[] ip, long ts) {
        boolean fromPhone = ip.length > 15 && (ip[0] & 0xF0) == 0x40 && ip[12] == (byte) 192;
        byte[] frame = Frames.ethernet().src(fromPhone ? PHONE_MAC : GW_MAC).dst(fromPhone ? GW_MAC : PHONE_MAC).build(ip);
        assertEquals(DecodeStatus.IP, decoder.decode(ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                LinkTypes.ETHERNET, view));
        table.onPacket(view, ts);
        return view.ipLength();
    }

    private static byte[] tcp(String src, int sp, String dst, int dp, int flags, int payload) {
        return Frames.ipv4(src, dst).payload(Frames.tcp(sp, dp).flags(flags).payload(payload)).build();
    }

    private static byte[] tcp(String src, int sp, String dst, int dp, int flags, long seq) {
        return Frames.ipv4(src, dst).payload(Frames.tcp(sp, dp).flags(flags).seq(seq)).build();
    }

    private static byte[] udp(String src, int sp, String dst, int dp, int payload) {
        return Frames.ipv4(src, dst).payload(Frames.udp(sp, dp).payload(payload)).build();
    }

    private FlowRecord only() {
        assertEquals(1, done.size(), () -> done.toString());
        return done.get(0);
    }

    private void handshake(long t) {
        feed(tcp(PHONE, 50000, CDN, 443, SYN, 0), t);
        feed(tcp(CDN, 443, PHONE, 50000, SYN | ACK, 0), t + 20 * MS);
        feed(tcp(PHONE, 50000, CDN, 443, ACK, 0), t + 40 * MS);
    }

    // ------------------------------------------------------------ orientation

    @Test
    void synSenderIsTheClient() {
        handshake(T0);
        int up = feed(tcp(PHONE, 50000, CDN, 443, PSH | ACK, 300), T0 + 50 * MS);
        int down = feed(tcp(CDN, 443, PHONE, 50000, PSH | ACK, 1400), T0 + 90 * MS);
        table.finishAll();
        FlowRecord f = only();
        assertEquals(IpAddress.parse(PHONE), f.key().client());
        assertEquals(50000, f.key().clientPort());
        assertEquals(IpAddress.parse(CDN), f.key().server());
        assertEquals(443, f.key().serverPort());
        assertEquals(6, f.key().protocol());
        assertEquals(3, f.packetsUp());
        assertEquals(2, f.packetsDown());
        assertEquals(40 + 40 + up, f.bytesUp());
        assertEquals(40 + down, f.bytesDown());
        assertEquals(T0, f.firstSeenNanos());
        assertEquals(T0 + 90 * MS, f.lastSeenNanos());
        assertEquals(FlowEnd.CAPTURE_END, f.end());
        assertEquals(PHONE_MAC, f.clientMac());
        assertEquals(1, f.id());
    }

    @Test
    void synAckReceiverIsTheClient() {
        feed(tcp(CDN, 443, PHONE, 50000, SYN | ACK, 0), T0);
        feed(tcp(PHONE, 50000, CDN, 443, ACK, 0), T0 + MS);
        table.finishAll();
        FlowRecord f = only();
        assertEquals(IpAddress.parse(PHONE), f.key().client());
        assertEquals(1, f.packetsUp());
        assertEquals(1, f.packetsDown());
        assertEquals(PHONE_MAC, f.clientMac());
    }

    @Test
    void dnsAnswerSeenFirstMakesPort53TheServer() {
        feed(udp("8.8.8.8", 53, PHONE, 40000, 120), T0);
        table.finishAll();
        FlowRecord f = only();
        assertEquals(IpAddress.parse(PHONE), f.key().client());
        assertEquals(40000, f.key().clientPort());
        assertEquals(53, f.key().serverPort());
        assertEquals(0, f.packetsUp());
        assertEquals(1, f.packetsDown());
        assertEquals(PHONE_MAC, f.clientMac(), "taken from the destination of the server's packets");
    }

    @Test
    void midStreamTcpFromAWellKnownPortIsTheServer() {
        feed(tcp(CDN, 443, PHONE, 50000, ACK, 1000), T0);
        table.finishAll();
        assertEquals(443, only().key().serverPort());
    }

    @Test
    void bothHighPortsOrBothWellKnownFirstSenderIsTheClient() {
        feed(udp(CDN, 50001, PHONE, 40000, 10), T0);
        feed(udp(PHONE, 123, CDN, 123, 48), T0 + MS);
        table.finishAll();
        assertEquals(2, done.size());
        assertEquals(IpAddress.parse(CDN), done.get(0).key().client());
        assertEquals(IpAddress.parse(PHONE), done.get(1).key().client());
    }

    @Test
    void otherProtocolsAreFlowsWithoutPorts() {
        byte[] echo = Frames.ipv4(PHONE, "8.8.8.8").payload(Frames.transport(1, new byte[16])).build();
        byte[] reply = Frames.ipv4("8.8.8.8", PHONE).payload(Frames.transport(1, new byte[16])).build();
        feed(echo, T0);
        feed(reply, T0 + 10 * MS);
        table.finishAll();
        FlowRecord f = only();
        assertEquals("ICMP", f.key().transportName());
        assertEquals(0, f.key().clientPort());
        assertEquals(1, f.packetsUp());
        assertEquals(1, f.packetsDown());
    }

    @Test
    void ipv6FlowsAreKeptApartFromIpv4() {
        byte[] v6 = Frames.ipv6("2001:db8::20", "2001:db8::7").payload(Frames.udp(40000, 443).payload(100)).build();
        byte[] v6back = Frames.ipv6("2001:db8::7", "2001:db8::20").payload(Frames.udp(443, 40000).payload(900)).build();
        feed(v6, T0);
        feed(v6back, T0 + MS);
        feed(udp(PHONE, 40000, CDN, 443, 100), T0 + 2 * MS);
        table.finishAll();
        assertEquals(2, done.size());
        assertEquals(IpAddress.parse("2001:db8::20"), done.get(0).key().client());
        assertEquals(1, done.get(0).packetsDown());
        assertEquals(948, done.get(0).bytesDown());
    }

    // ------------------------------------------------------------ closing

    @Test
    void finFromBothSidesClosesAfterTheLingerAndTrailingAckCounts() {
        handshake(T0);
        feed(tcp(PHONE, 50000, CDN, 443, FIN | ACK, 0), T0 + S);
        feed(tcp(CDN, 443, PHONE, 50000, FIN | ACK, 0), T0 + S + 10 * MS);
        feed(tcp(PHONE, 50000, CDN, 443, ACK, 0), T0 + 5 * S); // trailing ACK, within the linger
        assertTrue(done.isEmpty());
        assertEquals(1, table.activeFlows());
        feed(udp(PHONE, 40000, "8.8.8.8", 53, 30), T0 + S + 10 * MS + 10 * S + 1);
        FlowRecord f = only();
        assertEquals(FlowEnd.FIN, f.end());
        assertEquals(4, f.packetsUp());
        assertEquals(2, f.packetsDown());
        assertEquals(T0 + 5 * S, f.lastSeenNanos());
        assertEquals(1, table.activeFlows());
    }

    @Test
    void finFromOneSideOnlyDoesNotClose() {
        handshake(T0);
        feed(tcp(PHONE, 50000, CDN, 443, FIN | ACK, 0), T0 + S);
        feed(udp(PHONE, 40000, "8.8.8.8", 53, 30), T0 + 60 * S);
        assertTrue(done.isEmpty());
    }

    @Test
    void rstClosesAndIsReportedAsRst() {
        handshake(T0);
        feed(tcp(CDN, 443, PHONE, 50000, RST, 0), T0 + S);
        feed(udp(PHONE, 40000, "8.8.8.8", 53, 30), T0 + 12 * S);
        assertEquals(FlowEnd.RST, only().end());
    }

    @Test
    void newSynAfterCloseStartsANewFlow() {
        handshake(T0);
        feed(tcp(PHONE, 50000, CDN, 443, RST | ACK, 0), T0 + S);
        feed(tcp(PHONE, 50000, CDN, 443, SYN, 777L), T0 + 2 * S);
        assertEquals(FlowEnd.RST, only().end());
        assertEquals(1, only().id());
        assertEquals(3, only().packetsUp());
        feed(tcp(CDN, 443, PHONE, 50000, SYN | ACK, 0), T0 + 2 * S + MS);
        table.finishAll();
        assertEquals(2, done.size());
        FlowRecord second = done.get(1);
        assertEquals(2, second.id());
        assertEquals(1, second.packetsUp());
        assertEquals(1, second.packetsDown());
        assertEquals(T0 + 2 * S, second.firstSeenNanos());
        assertEquals(FlowEnd.CAPTURE_END, second.end());
    }

    @Test
    void newSynWithAnotherSequenceOnAnOpenFlowReportsItReused() {
        feed(tcp(PHONE, 50000, CDN, 443, SYN, 100L), T0);
        feed(tcp(PHONE, 50000, CDN, 443, SYN, 100L), T0 + S); // a retransmission: same flow
        assertTrue(done.isEmpty());
        feed(tcp(PHONE, 50000, CDN, 443, SYN, 9000L), T0 + 30 * S);
        assertEquals(FlowEnd.REUSED, only().end());
        assertEquals(2, only().packetsUp());
        table.finishAll();
        assertEquals(2, done.get(1).id());
    }

    @Test
    void closedFlowsInFinishAllKeepTheirReason() {
        handshake(T0);
        feed(tcp(PHONE, 50000, CDN, 443, RST, 0), T0 + S);
        feed(udp(PHONE, 40000, "8.8.8.8", 53, 30), T0 + 2 * S);
        table.finishAll();
        assertEquals(FlowEnd.RST, done.get(0).end());
        assertEquals(FlowEnd.CAPTURE_END, done.get(1).end());
        assertEquals(0, table.activeFlows());
    }

    // ------------------------------------------------------------ timeouts and eviction

    private static FlowTableConfig shortTimeouts() {
        return new FlowTableConfig(1000, 10 * S, 5 * S, 2 * S, S, S, 64, 3 * S);
    }

    @Test
    void idleTimeoutsPerTransport() {
        use(shortTimeouts());
        feed(tcp(PHONE, 50000, CDN, 443, ACK, 10), T0);
        feed(udp(PHONE, 40000, CDN, 443, 10), T0);
        feed(Frames.ipv4(PHONE, CDN).payload(Frames.transport(47, new byte[8])).build(), T0);
        feed(udp(PHONE, 1, "10.9.9.9", 9, 1), T0 + 2 * S);
        assertTrue(done.isEmpty(), "exactly the timeout is not past it");
        feed(udp(PHONE, 1, "10.9.9.9", 9, 1), T0 + 2 * S + 1);
        assertEquals(1, done.size());
        assertEquals(47, done.get(0).key().protocol());
        assertEquals(FlowEnd.IDLE, done.get(0).end());
        feed(udp(PHONE, 1, "10.9.9.9", 9, 1), T0 + 6 * S);
        assertEquals(2, done.size());
        assertEquals(17, done.get(1).key().protocol());
        feed(udp(PHONE, 1, "10.9.9.9", 9, 1), T0 + 10 * S + 1);
        assertEquals(3, done.size());
        assertEquals(6, done.get(2).key().protocol());
        assertEquals(FlowEnd.IDLE, done.get(2).end());
        assertEquals(1, table.activeFlows());
    }

    @Test
    void aPacketKeepsItsFlowAlive() {
        use(shortTimeouts());
        for (int i = 0; i <= 20; i++) {
            feed(udp(PHONE, 40000, CDN, 443, 10), T0 + i * S);
        }
        assertTrue(done.isEmpty());
        table.finishAll();
        assertEquals(21, only().packetsUp());
    }

    @Test
    void whenFullTheLongestIdleFlowIsEvicted() {
        use(shortTimeouts().withMaxFlows(3));
        feed(udp(PHONE, 1001, CDN, 443, 10), T0);
        feed(udp(PHONE, 1002, CDN, 443, 10), T0 + MS);
        feed(udp(PHONE, 1003, CDN, 443, 10), T0 + 2 * MS);
        feed(udp(CDN, 443, PHONE, 1001, 10), T0 + 3 * MS); // flow 1 is busy again
        feed(udp(PHONE, 1004, CDN, 443, 10), T0 + 4 * MS);
        FlowRecord evicted = only();
        assertEquals(FlowEnd.EVICTED, evicted.end());
        assertEquals(2, evicted.id());
        assertEquals(3, table.activeFlows());
        table.finishAll();
        assertEquals(List.of(1L, 3L, 4L), done.subList(1, 4).stream().map(FlowRecord::id).toList());
    }

    @Test
    void evictionTakesAClosedFlowFirst() {
        use(shortTimeouts().withMaxFlows(2));
        feed(udp(PHONE, 1001, CDN, 443, 10), T0);
        feed(tcp(PHONE, 50000, CDN, 443, SYN, 0), T0 + MS);
        feed(tcp(CDN, 443, PHONE, 50000, RST | ACK, 0), T0 + 2 * MS);
        feed(udp(PHONE, 1002, CDN, 443, 10), T0 + 3 * MS);
        assertEquals(FlowEnd.RST, only().end());
        assertEquals(2, only().id());
    }

    @Test
    void timestampsGoingBackwardsNeverBreakAFlow() {
        feed(udp(PHONE, 40000, CDN, 443, 10), T0 + 5 * S);
        feed(udp(CDN, 443, PHONE, 40000, 10), T0 + 3 * S);
        feed(udp(PHONE, 40000, CDN, 443, 10), T0 + 4 * S);
        table.finishAll();
        FlowRecord f = only();
        assertEquals(T0 + 3 * S, f.firstSeenNanos());
        assertEquals(T0 + 5 * S, f.lastSeenNanos());
        assertArrayEquals(new long[] {T0 / S + 3, T0 / S + 4, T0 / S + 5}, f.bins().bins());
    }

    // ------------------------------------------------------------ bins

    @Test
    void binsPerDirection() {
        use(FlowTableConfig.defaults().withBinNanos(S));
        int a = feed(udp(PHONE, 40000, CDN, 443, 100), T0 + 100 * MS);
        int b = feed(udp(CDN, 443, PHONE, 40000, 1200), T0 + 500 * MS);
        int c = feed(udp(PHONE, 40000, CDN, 443, 50), T0 + 1200 * MS);
        int d = feed(udp(CDN, 443, PHONE, 40000, 10), T0 + 3000 * MS);
        int e = feed(udp(CDN, 443, PHONE, 40000, 20), T0 + 2500 * MS); // late: a bin of its own
        int f = feed(udp(PHONE, 40000, CDN, 443, 30), T0 + 900 * MS); // late: into bin 0
        int g = feed(udp(CDN, 443, PHONE, 40000, 40), T0 + 3100 * MS);
        table.finishAll();
        FlowBins bins = only().bins();
        long b0 = T0 / S;
        assertEquals(S, bins.binNanos());
        assertArrayEquals(new long[] {b0, b0 + 1, b0 + 2, b0 + 3}, bins.bins());
        assertArrayEquals(new long[] {a + f, c, 0, 0}, bins.bytesUp());
        assertArrayEquals(new long[] {b, 0, e, d + g}, bins.bytesDown());
        assertArrayEquals(new int[] {3, 1, 1, 2}, bins.packets());
        assertEquals(only().bytesUp(), a + c + f);
        assertEquals(only().bytesDown(), b + d + e + g);
    }

    @Test
    void manyBinsAndManyLateOnes() {
        use(FlowTableConfig.defaults().withBinNanos(100 * MS));
        long total = 0;
        for (int i = 0; i < 200; i += 2) {
            total += feed(udp(PHONE, 40000, CDN, 443, i), T0 + i * 100 * MS);
        }
        for (int i = 1; i < 200; i += 2) {
            total += feed(udp(PHONE, 40000, CDN, 443, i), T0 + i * 100 * MS); // all late after i = 1
        }
        table.finishAll();
        FlowBins bins = only().bins();
        assertEquals(200, bins.size());
        long sum = 0;
        for (int i = 0; i < 200; i++) {
            assertEquals(T0 / (100 * MS) + i, bins.bin(i));
            assertEquals(1, bins.packets(i));
            assertEquals(28 + i, bins.bytesUp(i));
            sum += bins.bytesUp(i);
        }
        assertEquals(total, sum);
    }

    // ------------------------------------------------------------ fragments

    private static List<byte[]> fragmentedAnswer() {
        return Frames.ipv4("8.8.8.8", PHONE).id(4242).payload(Frames.udp(53, 40000).payload(3000)).fragments(1200);
    }

    @Test
    void fragmentsInOrderAreCredited() {
        feed(udp(PHONE, 40000, "8.8.8.8", 53, 40), T0);
        long bytes = 0;
        for (byte[] piece : fragmentedAnswer()) {
            bytes += feed(piece, T0 + 10 * MS);
        }
        table.finishAll();
        FlowRecord f = only();
        assertEquals(1, f.packetsUp());
        assertEquals(3, f.packetsDown());
        assertEquals(bytes, f.bytesDown());
        assertEquals(3008 + 3 * 20, bytes);
        assertEquals(3, table.fragments());
        assertEquals(0, table.orphanFragments());
    }

    @Test
    void fragmentsOutOfOrderAreCreditedWhenTheFirstArrives() {
        List<byte[]> pieces = fragmentedAnswer();
        long bytes = feed(pieces.get(2), T0);
        bytes += feed(pieces.get(1), T0 + MS);
        assertTrue(table.activeFlows() == 0);
        assertEquals(0, table.lastFlowId());
        bytes += feed(pieces.get(0), T0 + 2 * MS);
        table.finishAll();
        FlowRecord f = only();
        assertEquals(IpAddress.parse(PHONE), f.key().client(), "the port-53 side is the server");
        assertEquals(3, f.packetsDown());
        assertEquals(bytes, f.bytesDown());
        assertEquals(T0, f.firstSeenNanos());
        assertEquals(0, table.orphanFragments());
        assertEquals(3, table.fragments());
    }

    @Test
    void fragmentsWithoutTheirFirstAreOrphans() {
        use(shortTimeouts());
        List<byte[]> pieces = fragmentedAnswer();
        feed(pieces.get(1), T0);
        feed(pieces.get(2), T0 + MS);
        feed(udp(PHONE, 1, "10.9.9.9", 9, 1), T0 + 2 * S);
        assertEquals(0, table.orphanFragments());
        feed(udp(PHONE, 1, "10.9.9.9", 9, 1), T0 + 4 * S);
        assertEquals(2, table.orphanFragments(), "after the fragment timeout");
        List<byte[]> other = Frames.ipv4("8.8.4.4", PHONE).id(7).payload(Frames.udp(53, 40001).payload(3000))
                .fragments(1200);
        feed(other.get(2), T0 + 5 * S);
        table.finishAll();
        assertEquals(3, table.orphanFragments(), "at the end of the capture");
        assertEquals(1, done.size(), "no flow for orphans");
    }

    @Test
    void fragmentGroupsAreBounded() {
        use(shortTimeouts().withMaxFragmentGroups(2));
        for (int id = 1; id <= 3; id++) {
            List<byte[]> p = Frames.ipv4("8.8.8.8", PHONE).id(id).payload(Frames.udp(53, 40000).payload(3000))
                    .fragments(1200);
            feed(p.get(1), T0 + id * MS);
        }
        assertEquals(1, table.orphanFragments(), "the oldest group made room");
    }

    @Test
    void fragmentedIpv6UpstreamIsCredited() {
        List<byte[]> pieces = Frames.ipv6("2001:db8::20", "2001:db8::7").payload(Frames.udp(40000, 443).payload(2500))
                .fragments(1000, 99);
        long bytes = 0;
        for (byte[] p : pieces) {
            bytes += feed(p, T0);
        }
        table.finishAll();
        FlowRecord f = only();
        assertEquals(3, f.packetsUp());
        assertEquals(bytes, f.bytesUp());
        assertEquals(443, f.key().serverPort());
    }

    @Test
    void fragmentedIcmpNeedsNoGroup() {
        List<byte[]> pieces = Frames.ipv4(PHONE, "8.8.8.8").payload(Frames.transport(1, new byte[3000])).fragments(1400);
        for (byte[] p : pieces) {
            feed(p, T0);
        }
        table.finishAll();
        assertEquals(3, only().packetsUp());
        assertEquals(3, table.fragments());
    }

    // ------------------------------------------------------------ bookkeeping

    @Test
    void everyFlowIsReportedOnceAndEveryPacketCounted() {
        use(new FlowTableConfig(300, 20 * S, 5 * S, 2 * S, S, S, 64, 3 * S));
        Random random = new Random(42);
        long packets = 0;
        long bytes = 0;
        long t = T0;
        for (int i = 0; i < 50_000; i++) {
            t += random.nextInt(5) * MS;
            if (i == 25_000) {
                t += 30 * S; // a pause: every flow goes idle
            }
            int port = 1024 + random.nextInt(800);
            String server = "203.0.113." + (1 + random.nextInt(3));
            boolean up = random.nextBoolean();
            byte[] ip;
            if (random.nextInt(4) == 0) {
                int flags = new int[] {SYN, SYN | ACK, ACK, FIN | ACK, RST, PSH | ACK}[random.nextInt(6)];
                ip = up ? tcp(PHONE, port, server, 443, flags, random.nextInt(100))
                        : tcp(server, 443, PHONE, port, flags, random.nextInt(100));
            } else {
                ip = up ? udp(PHONE, port, server, 443, random.nextInt(100)) : udp(server, 443, PHONE, port, 5);
            }
            bytes += feed(ip, t);
            packets++;
            assertTrue(table.activeFlows() <= 300);
        }
        table.finishAll();
        Set<Long> ids = new HashSet<>();
        long seenPackets = 0;
        long seenBytes = 0;
        for (FlowRecord f : done) {
            assertTrue(ids.add(f.id()), "reported twice: " + f.id());
            seenPackets += f.packets();
            seenBytes += f.bytes();
            long binBytes = 0;
            long binPackets = 0;
            for (int i = 0; i < f.bins().size(); i++) {
                binBytes += f.bins().bytesUp(i) + f.bins().bytesDown(i);
                binPackets += f.bins().packets(i);
            }
            assertEquals(f.bytes(), binBytes);
            assertEquals(f.packets(), binPackets);
        }
        assertEquals(packets, seenPackets);
        assertEquals(bytes, seenBytes);
        assertEquals(done.size(), ids.size());
        for (long id = 1; id <= ids.size(); id++) {
            assertTrue(ids.contains(id), "ids are 1..n without gaps");
        }
        assertTrue(done.stream().anyMatch(f -> f.end() == FlowEnd.EVICTED));
        assertTrue(done.stream().anyMatch(f -> f.end() == FlowEnd.IDLE));
    }

    @Test
    void finishAllReportsInIdOrderAndTheTableGrows() {
        for (int i = 0; i < 5000; i++) {
            feed(udp(PHONE, 1024 + i, CDN, 443, 1), T0 + i);
        }
        for (int i = 4999; i >= 0; i--) {
            feed(udp(CDN, 443, PHONE, 1024 + i, 1), T0 + 10_000 + i);
        }
        assertEquals(5000, table.activeFlows());
        table.finishAll();
        assertEquals(5000, done.size());
        for (int i = 0; i < 5000; i++) {
            FlowRecord f = done.get(i);
            assertEquals(i + 1, f.id());
            assertEquals(1024 + i, f.key().clientPort());
            assertEquals(1, f.packetsUp());
            assertEquals(1, f.packetsDown());
        }
        assertEquals(0, table.activeFlows());
    }

    @Test
    void extremeTimestampsDoNotBreakBins() {
        feed(udp(PHONE, 40000, CDN, 443, 1), Long.MIN_VALUE + 5);
        feed(udp(PHONE, 40000, CDN, 443, 1), -1);
        feed(udp(PHONE, 40000, CDN, 443, 1), 0);
        feed(udp(PHONE, 40000, CDN, 443, 1), Long.MAX_VALUE - 5);
        table.finishAll();
        // the two jumps are past the UDP timeout: three flows, the middle one across bins -1 and 0
        assertEquals(List.of(FlowEnd.IDLE, FlowEnd.IDLE, FlowEnd.CAPTURE_END),
                done.stream().map(FlowRecord::end).toList());
        assertArrayEquals(new long[] {Math.floorDiv(Long.MIN_VALUE + 5, S)}, done.get(0).bins().bins());
        assertArrayEquals(new long[] {-1, 0}, done.get(1).bins().bins());
        assertArrayEquals(new long[] {Long.MAX_VALUE / S}, done.get(2).bins().bins());
    }

    @Test
    void hashIsDirectionIndependent() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            long aHi = random.nextLong();
            long aLo = random.nextLong();
            long bHi = random.nextLong();
            long bLo = random.nextLong();
            int ap = random.nextInt(65536);
            int bp = random.nextInt(65536);
            assertEquals(FlowIndex.hash(6, aHi, aLo, ap, bHi, bLo, bp), FlowIndex.hash(6, bHi, bLo, bp, aHi, aLo, ap));
        }
    }

    @Test
    void configValidation() {
        FlowTableConfig d = FlowTableConfig.defaults();
        assertEquals(1 << 17, d.maxFlows());
        assertEquals(S, d.binNanos());
        assertEquals(600 * S, d.tcpIdleNanos());
        assertEquals(5 * S, d.withBinNanos(5 * S).binNanos());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> d.withBinNanos(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> d.withMaxFlows(0));
    }
}
