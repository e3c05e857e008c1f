package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.LinkTypes;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.Frames;

/**
 * Any bytes in, no exception out, and nothing read outside the range given: each parser sees its
 * input inside a larger buffer whose limit ends the range and whose bytes before it are noise,
 * and must answer as it does for the bytes alone.
 */
class DissectorPropertiesTest {

    private static ByteBuffer embedded(byte[] prefix, byte[] input) {
        byte[] all = new byte[prefix.length + input.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(input, 0, all, prefix.length, input.length);
        return ByteBuffer.wrap(all, 0, all.length).limit(all.length); // reading past the range throws
    }

    @Provide
    Arbitrary<byte[]> helloLike() {
        // random bytes, and real hellos with random bytes changed: both reach deep into the parser
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(ClientHelloParserTest.GOOGLE,
                ClientHelloParserTest.REDDIT, ClientHelloParserTest.CLOUDFLARE, ClientHelloParserTest.KAKAO_NO_SNI),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(0, 600)).as((hex, seed, changes, cut) -> {
                    byte[] b = ClientHelloParserTest.hex(hex);
                    Random r = new Random(seed);
                    for (int i = 0; i < changes; i++) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                    return Arrays.copyOf(b, Math.min(b.length, Math.max(cut, b.length - 40 + cut % 41)));
                });
        return Arbitraries.oneOf(noise, mutated);
    }

    @Property(tries = 2000)
    void clientHelloParserReadsOnlyItsRange(@ForAll("helloLike") byte[] input, @ForAll @Size(max = 16) byte[] prefix) {
        var alone = ClientHelloParser.parse(input, 0, input.length);
        var inside = ClientHelloParser.parse(embedded(prefix, input), prefix.length, input.length);
        assertEquals(alone, inside);
    }

    @Provide
    Arbitrary<byte[]> dnsLike() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(400).map(b -> {
            if (b.length > 3) {
                b[2] |= (byte) 0x80; // mostly responses, so the parser goes past the header
                b[2] &= (byte) 0x87;
            }
            return b;
        });
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(DnsDissectionTest.FACEBOOK, DnsDissectionTest.APPLE,
                DnsDissectionTest.GOOGLE_AAAA), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(1, 6)).as((hex, seed, changes) -> {
                    byte[] b = ClientHelloParserTest.hex(hex);
                    Random r = new Random(seed);
                    for (int i = 0; i < changes; i++) {
                        b[12 + r.nextInt(b.length - 12)] = (byte) r.nextInt(256);
                    }
                    return Arrays.copyOf(b, b.length - r.nextInt(b.length / 2));
                });
        return Arbitraries.oneOf(noise, mutated);
    }

    @Property(tries = 2000)
    void dnsParserReadsOnlyItsRange(@ForAll("dnsLike") byte[] input, @ForAll @Size(max = 16) byte[] prefix) {
        IpAddress client = IpAddress.parse("10.0.0.2");
        var alone = new DnsMessageParser().parse(ByteBuffer.wrap(input), 0, input.length, 1, client, -1);
        var inside = new DnsMessageParser().parse(embedded(prefix, input), prefix.length, input.length, 1, client, -1);
        assertEquals(alone, inside);
    }

    @Property(tries = 1000)
    void httpHostParserAcceptsAnyBytes(@ForAll @Size(max = 300) byte[] input, @ForAll @Size(max = 16) byte[] prefix) {
        assertEquals(HttpHostParser.host(ByteBuffer.wrap(input), 0, input.length),
                HttpHostParser.host(embedded(prefix, input), prefix.length, input.length));
    }

    /** Segments of a known stream, cut anywhere, shuffled and duplicated, rebuild the stream. */
    @Property(tries = 500)
    void reassemblyRebuildsShuffledOverlappingSegments(@ForAll @IntRange(min = 1, max = 3000) int length,
            @ForAll @IntRange(min = 1, max = 7) int cuts, @ForAll long seed, @ForAll int isn) {
        Random r = new Random(seed);
        byte[] stream = new byte[length];
        r.nextBytes(stream);
        List<int[]> segments = new ArrayList<>();
        int[] at = r.ints(cuts, 0, length).sorted().toArray();
        int from = 0;
        for (int a : at) {
            if (a > from) {
                // overlap the previous segment a little, as a retransmission with more data does
                segments.add(new int[] {Math.max(0, from - r.nextInt(50)), a});
                from = a;
            }
        }
        segments.add(new int[] {from, length});
        segments.add(segments.get(r.nextInt(segments.size()))); // a duplicate
        Collections.shuffle(segments, r);
        StreamReassembly s = new StreamReassembly(4096);
        s.start(isn, true);
        for (int[] seg : segments) {
            s.add(ByteBuffer.wrap(stream), seg[0], seg[1] - seg[0], isn + seg[0]);
        }
        assertEquals(length, s.contiguous());
        assertArrayEquals(stream, Arrays.copyOf(s.data(), length));
    }

    /** A ClientHello cut into segments sent in any order is read, whatever the order. */
    @Property(tries = 300)
    void clientHelloFoundInAnySegmentOrder(@ForAll @IntRange(min = 1, max = 6) int cuts, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] stream = TcpStreamDissectionTest.bigHelloRecord();
        int[] at = r.ints(cuts, 1, stream.length).distinct().sorted().toArray();
        List<int[]> segments = new ArrayList<>();
        int from = 0;
        for (int a : at) {
            segments.add(new int[] {from, a});
            from = a;
        }
        segments.add(new int[] {from, stream.length});
        Collections.shuffle(segments, r);
        FlowHarness h = new FlowHarness();
        h.ethernet(Frames.ethernet().build(Frames.ipv4("10.0.0.2", "10.0.0.1")
                .payload(Frames.tcp(40000, 443).flags(Frames.SYN).seq(99)).build()), 1);
        for (int[] seg : segments) {
            h.ethernet(Frames.ethernet().build(Frames.ipv4("10.0.0.2", "10.0.0.1").payload(Frames.tcp(40000, 443)
                    .seq(100 + seg[0]).payload(Arrays.copyOfRange(stream, seg[0], seg[1]))).build()), 2);
        }
        assertEquals("www.google.com", h.flows.values().iterator().next().serverName());
    }

    @Provide
    Arbitrary<List<byte[]>> randomFlows() {
        Arbitrary<byte[]> payload = Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.of(new byte[] {22, 3, 1}, new byte[] {22, 3, 1, 0x40, 0}, "GET ".getBytes(),
                        "EHLO x\r\nSTARTTLS\r\n".getBytes(), new byte[] {0, 40, 0x12, 0x34, (byte) 0x81, (byte) 0x80}));
        Arbitrary<byte[]> frame = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(53, 443, 80, 25), Arbitraries.integers().between(0, 0x1FF), Arbitraries.integers(),
                payload).as((tcp, fromClient, port, flags, seq, body) -> {
                    String a = fromClient ? "10.0.0.2" : "10.0.0.1";
                    String b = fromClient ? "10.0.0.1" : "10.0.0.2";
                    int sp = fromClient ? 40000 : port;
                    int dp = fromClient ? port : 40000;
                    Frames.Transport t = tcp ? Frames.tcp(sp, dp).flags(flags).seq(seq & 0xFFFF_FFFFL).ack(seq * 31L)
                            .payload(body) : Frames.udp(sp, dp).payload(body);
                    return Frames.ethernet().build(Frames.ipv4(a, b).payload(t).build());
                });
        return frame.list().ofMaxSize(40);
    }

    /** Random packets of random flows: no exception, and every read stays inside the frame (the buffer ends there). */
    @Property(tries = 500)
    void onPacketAcceptsAnyPackets(@ForAll("randomFlows") List<byte[]> frames) {
        FlowHarness h = new FlowHarness();
        long t = 0;
        for (byte[] f : frames) {
            // each frame sits at an offset in a buffer that ends where it ends
            byte[] all = new byte[7 + f.length];
            System.arraycopy(f, 0, all, 7, f.length);
            h.frame(ByteBuffer.wrap(all), 7, f.length, f.length, LinkTypes.ETHERNET, ++t);
        }
        for (FlowHarness.Flow f : h.flows.values()) {
            assertTrue(f.inspection == null || f.inspecting || f.inspection.finished());
        }
    }

    /** Truncated frames (snap length) too: the payload the view reports is all the dissectors read. */
    @Property(tries = 300)
    void onPacketWithSnapLengthCuts(@ForAll("randomFlows") List<byte[]> frames, @ForAll @IntRange(min = 14, max = 120) int snap) {
        PayloadDissectors d = new PayloadDissectors(a -> { });
        PacketDecoder decoder = new PacketDecoder();
        PacketView v = new PacketView();
        FlowInspection tcp = d.start(6, 40000, 443);
        FlowInspection dnsTcp = d.start(6, 40000, 53);
        FlowInspection dnsUdp = d.start(17, 40000, 53);
        for (byte[] f : frames) {
            byte[] cut = Frames.truncate(f, snap);
            ByteBuffer buf = ByteBuffer.wrap(cut);
            if (decoder.decode(buf, 0, cut.length, f.length, LinkTypes.ETHERNET, v) != DecodeStatus.IP) {
                continue;
            }
            boolean fromClient = v.srcPort() == 40000;
            d.onPacket(v.protocol() == 6 ? (v.dstPort() == 53 || v.srcPort() == 53 ? dnsTcp : tcp) : dnsUdp, v, buf,
                    fromClient, 1);
        }
    }
}
