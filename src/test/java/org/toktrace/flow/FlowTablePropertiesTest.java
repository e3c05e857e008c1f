package org.toktrace.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.toktrace.model.FlowRecord;
import org.toktrace.testkit.Frames;

/**
 * Any sequence of packets, with timestamps that may step back: every flow is reported once, no
 * packet or byte is lost or counted twice, and the table never exceeds its size.
 */
class FlowTablePropertiesTest {

    private static final long S = 1_000_000_000L;

    /** One packet: which conversation, which way, which TCP flags or a fragment, and a time step. */
    record Step(int conversation, boolean up, int kind, int stepMillis) {
    }

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 9), Arbitraries.integers().between(-300, 4000)).as(Step::new);
    }

    @Property(tries = 300)
    void everyPacketCountedInExactlyOneReportedFlow(@ForAll @Size(max = 300) List<@net.jqwik.api.From("steps") Step> steps,
            @ForAll @IntRange(min = 1, max = 6) int maxFlows) {
        List<FlowRecord> done = new ArrayList<>();
        FlowTableConfig config = new FlowTableConfig(maxFlows, 20 * S, 5 * S, 2 * S, S, S, 4, 3 * S);
        FlowTable table = new FlowTable(config, done::add);
        PacketDecoder decoder = new PacketDecoder();
        PacketView view = new PacketView();
        long t = 1_700_000_000L * S;
        long packets = 0;
        long bytes = 0;
        long laterFragments = 0;
        for (Step step : steps) {
            t += step.stepMillis() * 1_000_000L;
            for (byte[] ip : packets(step)) {
                assertEquals(DecodeStatus.IP, decoder.decode(ByteBuffer.wrap(ip), 0, ip.length, ip.length, LinkTypes.RAW,
                        view));
                table.onPacket(view, t);
                packets++;
                bytes += view.ipLength();
                if (view.isFragment() && !view.isFirstFragment()) {
                    laterFragments++;
                }
                assertTrue(table.activeFlows() <= maxFlows);
            }
        }
        table.finishAll();
        assertEquals(0, table.activeFlows());
        Set<Long> ids = new HashSet<>();
        long seenPackets = 0;
        long seenBytes = 0;
        for (FlowRecord f : done) {
            assertTrue(ids.add(f.id()));
            assertTrue(f.lastSeenNanos() >= f.firstSeenNanos());
            seenPackets += f.packets();
            seenBytes += f.bytes();
            long binPackets = 0;
            long binBytes = 0;
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < f.bins().size(); i++) {
                assertTrue(f.bins().bin(i) > previous, "bins ascending");
                previous = f.bins().bin(i);
                binPackets += f.bins().packets(i);
                binBytes += f.bins().bytesUp(i) + f.bins().bytesDown(i);
            }
            assertEquals(f.packets(), binPackets);
            assertEquals(f.bytes(), binBytes);
        }
        long orphans = table.orphanFragments();
        assertTrue(orphans <= laterFragments);
        // every packet is in one flow, or is a later fragment counted as an orphan
        assertEquals(packets, seenPackets + orphans);
        assertTrue(seenBytes <= bytes);
        if (orphans == 0) {
            assertEquals(bytes, seenBytes);
        }
    }

    private static List<byte[]> packets(Step s) {
        String phone = "192.168.43." + (2 + s.conversation() % 3);
        String server = "203.0.113." + (1 + s.conversation() % 4);
        int phonePort = 40000 + s.conversation();
        String src = s.up() ? phone : server;
        String dst = s.up() ? server : phone;
        int sp = s.up() ? phonePort : 443;
        int dp = s.up() ? 443 : phonePort;
        int kind = s.kind();
        if (kind < 5) {
            int flags = new int[] {Frames.SYN, Frames.SYN | Frames.ACK, Frames.ACK, Frames.FIN | Frames.ACK,
                    Frames.RST}[kind];
            return List.of(Frames.ipv4(src, dst).payload(Frames.tcp(sp, dp).flags(flags).seq(s.conversation())).build());
        }
        if (kind < 7) {
            return List.of(Frames.ipv4(src, dst).payload(Frames.udp(sp, dp).payload(kind * 10)).build());
        }
        // a fragmented datagram, some of its pieces, in some order
        List<byte[]> pieces = Frames.ipv4(src, dst).id(s.conversation() + 100 * kind)
                .payload(Frames.udp(sp, dp).payload(100)).fragments(40);
        List<byte[]> out = new ArrayList<>(pieces);
        if (kind == 8) {
            java.util.Collections.reverse(out);
        } else if (kind == 9) {
            out.remove(0);
        }
        return out;
    }
}
