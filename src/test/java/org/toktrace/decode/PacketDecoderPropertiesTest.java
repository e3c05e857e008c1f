package org.toktrace.decode;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.toktrace.testkit.Frames;

/** Any bytes, any link type: a status, never an exception, and offsets inside the frame. */
class PacketDecoderPropertiesTest {

    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();

    @Provide
    Arbitrary<Integer> linkTypes() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 12, 14, 101, 108, 113, 228, 229, 276),
                Arbitraries.integers().between(-5, 300));
    }

    @Property(tries = 3000)
    void randomBytesNeverThrow(@ForAll @Size(max = 200) byte[] frame, @ForAll("linkTypes") int linkType,
            @ForAll @IntRange(min = 0, max = 16) int lead, @ForAll @IntRange(min = -10, max = 70000) int originalLength) {
        check(frame, linkType, lead, originalLength);
    }

    /** Mutated real frames reach much deeper into the parsers than random bytes do. */
    @Property(tries = 5000)
    void mutatedFramesNeverThrow(@ForAll("frames") byte[] frame, @ForAll @IntRange(min = 0, max = 120) int position,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 200) int cut, @ForAll("linkTypes") int linkType) {
        byte[] f = frame.clone();
        if (position < f.length) {
            f[position] = value;
        }
        byte[] truncated = Frames.truncate(f, cut);
        check(truncated, linkType, 3, f.length);
        check(f, 1, 0, f.length);
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return Arbitraries.of(
                Frames.ethernet(Frames.ipv4("10.0.0.2", "1.1.1.1").payload(Frames.tcp(1, 443).payload(30)).build()),
                Frames.ethernet().qinq(1, 2).build(Frames.ipv6("2001:db8::1", "2001:db8::2").hopByHop().routing(16)
                        .payload(Frames.udp(1, 2).payload(20)).build()),
                Frames.ethernet().llcSnap().build(Frames.ipv4("10.0.0.2", "1.1.1.1").options(new byte[8])
                        .payload(Frames.udp(3, 4).payload(10)).build()),
                Frames.ethernet(Frames.ipv6("2001:db8::1", "2001:db8::2").fragmentHeader(8, true, 3)
                        .payload(Frames.udp(1, 2)).build()),
                Frames.ethernet(Frames.ipv4("10.0.0.2", "1.1.1.1").payload(Frames.udp(3, 4).payload(100))
                        .fragments(48).get(1)));
    }

    private void check(byte[] frame, int linkType, int lead, int originalLength) {
        byte[] buffer = new byte[lead + frame.length + 5];
        System.arraycopy(frame, 0, buffer, lead, frame.length);
        DecodeStatus status = decoder.decode(ByteBuffer.wrap(buffer), lead, frame.length, originalLength, linkType, view);
        assertNotNull(status);
        if (status == DecodeStatus.IP) {
            int end = lead + frame.length;
            assertTrue(view.ipVersion() == 4 || view.ipVersion() == 6);
            assertTrue(view.ipOffset() >= lead && view.ipOffset() <= end);
            assertTrue(view.l4Offset() >= view.ipOffset() && view.l4Offset() <= end, view::toString);
            assertTrue(view.l4PayloadOffset() >= view.l4Offset(), view::toString);
            assertTrue(view.l4PayloadLength() >= 0, view::toString);
            assertTrue(view.l4PayloadOffset() + view.l4PayloadLength() <= end, view::toString);
            assertTrue(view.ipLength() >= (view.ipVersion() == 4 ? 20 : 40), view::toString);
            assertTrue(view.srcPort() >= 0 && view.srcPort() <= 0xFFFF && view.dstPort() >= 0 && view.dstPort() <= 0xFFFF);
            assertTrue(view.protocol() >= 0 && view.protocol() <= 255);
        }
    }
}
