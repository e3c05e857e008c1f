package org.toktrace.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toktrace.testkit.Frames.ACK;
import static org.toktrace.testkit.Frames.PSH;
import static org.toktrace.testkit.Frames.SYN;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.dissect.PayloadCopy;
import org.toktrace.dissect.PayloadGate;
import org.toktrace.model.FlowRecord;
import org.toktrace.testkit.Frames;

/** What the flow table emits for dissection: copies of the gated packets by flow id, then the flow's end. */
class FlowTableCopiesTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    /** The table's events in the order it emitted them: a PayloadCopy or a FlowRecord. */
    private final List<Object> events = new ArrayList<>();
    private final FlowTable table = new FlowTable(FlowTableConfig.defaults(), events::add, new PayloadGate(), events::add);
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();
    private long clock = T0;

    private void feed(byte[] ip) {
        byte[] frame = Frames.raw(ip);
        ByteBuffer buf = ByteBuffer.wrap(frame);
        assertEquals(DecodeStatus.IP, decoder.decode(buf, 0, frame.length, frame.length, 101, view));
        table.onPacket(view, buf, clock += MS);
        java.util.Arrays.fill(frame, (byte) 0x55); // a frame buffer is reused: copies must not see it
    }

    private void client(int flags, long seq, int payload) {
        byte[] data = new byte[payload];
        java.util.Arrays.fill(data, (byte) 7);
        feed(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.tcp(40000, 443).flags(flags).seq(seq).payload(data)).build());
    }

    private void server(int flags, int payload) {
        feed(Frames.ipv4("192.0.2.1", "10.0.0.2").payload(Frames.tcp(443, 40000).flags(flags).seq(5).payload(payload)).build());
    }

    @Test
    void aTcpFlowsSynAndClientSegmentsAreCopiedWithItsIdThenItEnds() {
        client(SYN, 100, 0);
        server(SYN | ACK, 0);
        for (int i = 0; i < 30; i++) {
            client(ACK | PSH, 101 + 10L * i, 10);
            server(ACK, 1000);
        }
        table.finishAll();

        FlowRecord flow = (FlowRecord) events.get(events.size() - 1);
        List<PayloadCopy> copies = new ArrayList<>();
        for (Object e : events.subList(0, events.size() - 1)) {
            copies.add((PayloadCopy) e);
        }
        assertEquals(1 + 12, copies.size(), "the client's SYN, then its segments up to the TCP dissection's budget");
        for (PayloadCopy c : copies) {
            assertEquals(flow.id(), c.flowId());
            assertTrue(c.fromClient(), "the server's packets cannot matter");
        }
        assertEquals(100, copies.get(0).packet().tcpSeq());
        PayloadCopy first = copies.get(1);
        assertEquals(101, first.packet().tcpSeq());
        assertEquals(10, first.payload().length);
        assertEquals(7, first.payload()[9], "the payload's bytes, copied before the frame was reused");
        assertEquals(0, first.packet().l4PayloadOffset(), "the copy's view points into its own bytes");
    }

    @Test
    void aFlowNoDissectorAcceptsHasNoCopies() {
        for (int i = 0; i < 5; i++) {
            feed(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.transport(47, new byte[40])).build());
        }
        table.finishAll();
        assertEquals(1, events.size(), "the GRE flow's end only: " + events);
        assertEquals(5, ((FlowRecord) events.get(0)).packetsUp());
    }

    @Test
    void aQuicFlowsClientDatagramsAreCopiedUpToItsBudgetAndItsServersAreNot() {
        byte[] initial = new byte[1200];
        initial[0] = (byte) 0xC3;
        for (int i = 0; i < 40; i++) {
            feed(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.udp(50000, 443).payload(initial)).build());
            feed(Frames.ipv4("192.0.2.1", "10.0.0.2").payload(Frames.udp(443, 50000).payload(1200)).build());
        }
        table.finishAll();
        long copies = events.stream().filter(e -> e instanceof PayloadCopy c && c.fromClient()).count();
        assertEquals(events.size() - 1, copies, "no copy of the server's datagrams");
        assertEquals(14, copies, "4 datagrams before an Initial and 10 Initials, as the QUIC dissection declares");
    }
}
