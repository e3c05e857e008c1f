package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.dissect.PayloadGate.Decision;
import org.toktrace.testkit.Frames;

/** Which packets the packet thread copies for dissection: what each dissector declares decides. */
class PayloadGateTest {

    private static final long ISN = 0xFFFF_FF00L; // close to the wrap of the sequence space

    private final PayloadGate gate = new PayloadGate();

    /** A decoded packet and the frame it was decoded from. */
    private record Packet(PacketView view, ByteBuffer frame) {
    }

    private static Packet packet(byte[] ip) {
        byte[] frame = Frames.raw(ip);
        PacketView v = new PacketView();
        ByteBuffer buf = ByteBuffer.wrap(frame);
        new PacketDecoder().decode(buf, 0, frame.length, frame.length, 101, v);
        return new Packet(v, buf);
    }

    private static Packet tcp(int flags, int payload) {
        return tcp(flags, 0, new byte[payload], true);
    }

    private static Packet tcp(int flags, long seq, byte[] payload, boolean fromClient) {
        Frames.Tcp t = fromClient ? Frames.tcp(40000, 443) : Frames.tcp(443, 40000);
        t.flags(flags).seq(seq & 0xFFFF_FFFFL).payload(payload);
        return packet(fromClient ? Frames.ipv4("10.0.0.2", "192.0.2.1").payload(t).build()
                : Frames.ipv4("192.0.2.1", "10.0.0.2").payload(t).build());
    }

    private Decision offer(PayloadGate.Flow s, Packet p, boolean fromClient) {
        return gate.decide(s, p.view(), p.frame(), fromClient, 1);
    }

    /** The first bytes of a TLS record holding a ClientHello of {@code helloLength} bytes, then filler. */
    private static byte[] helloStart(int recordLength, int helloLength, int segment) {
        byte[] b = new byte[Math.max(segment, 9)];
        b[0] = 22;
        b[1] = 3;
        b[2] = 1;
        b[3] = (byte) (recordLength >>> 8);
        b[4] = (byte) recordLength;
        b[5] = 1;
        b[6] = (byte) (helloLength >>> 16);
        b[7] = (byte) (helloLength >>> 8);
        b[8] = (byte) helloLength;
        return Arrays.copyOf(b, segment);
    }

    @Test
    void aTlsFlowNeedsItsSynsAndItsClientsFirstSegmentsOnly() {
        PayloadGate.Flow s = gate.open(6, 40000, 443);
        assertEquals(Decision.COPY, offer(s, tcp(Frames.SYN, 0), true));
        assertEquals(Decision.SKIP, offer(s, tcp(Frames.ACK, 0), true), "a bare ACK");
        assertEquals(Decision.SKIP, offer(s, tcp(Frames.ACK, 0, new byte[1448], false), false), "the server's data");
        for (int i = 0; i < PayloadDissectors.MAX_CLIENT_SEGMENTS; i++) {
            assertEquals(Decision.COPY, offer(s, tcp(Frames.ACK | Frames.PSH, 500), true), "client segment " + i);
        }
        assertEquals(Decision.STOP, offer(s, tcp(Frames.ACK | Frames.PSH, 500), true));
    }

    @Test
    void theSynAckIsNeededOnlyWhenTheClientsSynWasMissed() {
        PayloadGate.Flow seen = gate.open(6, 40000, 443);
        assertEquals(Decision.COPY, offer(seen, tcp(Frames.SYN, ISN, new byte[0], true), true));
        assertEquals(Decision.SKIP, offer(seen, tcp(Frames.SYN | Frames.ACK, 7, new byte[0], false), false));

        PayloadGate.Flow missed = gate.open(6, 40000, 443);
        assertEquals(Decision.COPY, offer(missed, tcp(Frames.SYN | Frames.ACK, 7, new byte[0], false), false));
        assertEquals(Decision.COPY, offer(missed, tcp(Frames.RST, 0), true), "the end");
    }

    @Test
    void segmentsAfterTheClientHelloAreNotCopiedWhateverTheirOrder() {
        int record = 1800;
        byte[] first = helloStart(record, record - 4, 1400);
        long start = ISN + 1;
        long end = start + 5 + record; // past the 2^32 wrap
        PayloadGate.Flow s = gate.open(6, 40000, 443);
        assertEquals(Decision.COPY, offer(s, tcp(Frames.SYN, ISN, new byte[0], true), true));
        assertEquals(Decision.COPY, offer(s, tcp(Frames.ACK, start, first, true), true));
        assertEquals(Decision.SKIP, offer(s, tcp(Frames.ACK | Frames.PSH, end, new byte[300], true), true),
                "the request after the ClientHello, arrived before its second segment");
        assertEquals(Decision.COPY, offer(s, tcp(Frames.ACK, start + 1400, new byte[405], true), true), "the rest of it");
        assertEquals(Decision.COPY, offer(s, tcp(Frames.ACK, start, first, true), true), "a retransmission of the first");
        assertEquals(Decision.SKIP, offer(s, tcp(Frames.ACK, end + 300, new byte[900], true), true));
    }

    @Test
    void withoutAClientHelloThatFitsItsRecordEverySegmentIsCopiedUpToTheBudget() {
        long start = ISN + 1;
        byte[][] firsts = {
            helloStart(1800, 1800, 1400), // the handshake message goes on in a second record
            Arrays.copyOf("GET / HTTP/1.1\r\nHost: example.com\r\n".getBytes(StandardCharsets.US_ASCII), 40),
            helloStart(200, 196, 8), // too short to read the handshake header
        };
        for (byte[] first : firsts) {
            PayloadGate.Flow s = gate.open(6, 40000, 443);
            offer(s, tcp(Frames.SYN, ISN, new byte[0], true), true);
            assertEquals(Decision.COPY, offer(s, tcp(Frames.ACK, start, first, true), true));
            assertEquals(Decision.COPY, offer(s, tcp(Frames.ACK, start + 5000, new byte[300], true), true));
        }
        PayloadGate.Flow noSyn = gate.open(6, 40000, 443);
        assertEquals(Decision.COPY, offer(noSyn, tcp(Frames.ACK, start, helloStart(200, 196, 205), true), true));
        assertEquals(Decision.COPY, offer(noSyn, tcp(Frames.ACK, start + 205, new byte[300], true), true),
                "without the SYN the first segment seen may not be the first one sent");
    }

    @Test
    void aQuicFlowNeedsItsClientsFirstDatagramsThatCanHoldAnInitial() {
        PayloadGate.Flow s = gate.open(17, 50000, 443);
        byte[] longHeader = new byte[1200];
        longHeader[0] = (byte) 0xC3;
        byte[] shortHeader = new byte[60];
        shortHeader[0] = 0x43;
        Packet up = packet(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.udp(50000, 443).payload(longHeader)).build());
        Packet oneRtt = packet(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.udp(50000, 443).payload(shortHeader)).build());
        Packet down = packet(Frames.ipv4("192.0.2.1", "10.0.0.2").payload(Frames.udp(443, 50000).payload(1200)).build());
        assertEquals(Decision.SKIP, offer(s, down, false));
        int allowed = PayloadDissectors.MAX_DATAGRAMS_BEFORE_INITIAL + QuicClientHelloAssembler.MAX_INITIAL_DATAGRAMS;
        assertEquals(Decision.SKIP, offer(s, oneRtt, true), "a short header: no Initial in the datagram");
        for (int i = 1; i < allowed; i++) {
            assertEquals(Decision.COPY, offer(s, up, true));
        }
        assertEquals(Decision.STOP, offer(s, up, true));
    }

    @Test
    void dnsOverUdpIsCopiedUpToItsMessagesAndDnsOverTcpUpToItsPackets() {
        PayloadGate.Flow udp = gate.open(17, 40001, 53);
        Packet answer = packet(Frames.ipv4("192.0.2.53", "10.0.0.2").payload(Frames.udp(53, 40001).payload(60)).build());
        for (int i = 0; i < PayloadDissectors.MAX_DNS_MESSAGES; i++) {
            assertEquals(Decision.COPY, offer(udp, answer, false), "datagram " + i);
        }
        assertEquals(Decision.STOP, offer(udp, answer, false), "each datagram is one message: the budget is spent");

        PayloadGate.Flow tcp = gate.open(6, 40001, 53);
        Packet segment = tcp(Frames.ACK, 0, new byte[60], true);
        for (int i = 0; i < PayloadDissectors.MAX_DNS_PACKETS; i++) {
            assertEquals(Decision.COPY, offer(tcp, segment, true), "segment " + i);
        }
        assertEquals(Decision.STOP, offer(tcp, segment, true));
    }

    /** Copies made until the gate stops, for a flow whose every packet is worth reading. */
    private int copiedUntilStop(PayloadGate.Flow f, Packet p, boolean fromClient) {
        int copies = 0;
        for (int i = 0; i < 10_000; i++) {
            Decision d = offer(f, p, fromClient);
            if (d == Decision.STOP) {
                return copies;
            }
            copies += d == Decision.COPY ? 1 : 0;
        }
        throw new AssertionError("the gate never stopped");
    }

    @Test
    void eachFlowDissectorsDeclaredBudgetBoundsItsCopies() {
        byte[] longHeader = new byte[1200];
        longHeader[0] = (byte) 0xC3;
        Packet quic = packet(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.udp(50000, 443).payload(longHeader)).build());
        Packet dns = packet(Frames.ipv4("192.0.2.53", "10.0.0.2").payload(Frames.udp(53, 40001).payload(60)).build());
        Packet segment = tcp(Frames.ACK | Frames.PSH, 500);
        record Case(PayloadGate.Flow flow, Packet packet, boolean fromClient, FlowInspection.Kind kind) {
        }
        List<Case> cases = List.of(
                new Case(gate.open(17, 40001, 53), dns, false, FlowInspection.Kind.DNS_UDP),
                new Case(gate.open(6, 40001, 53), segment, true, FlowInspection.Kind.DNS_TCP),
                new Case(gate.open(17, 50000, 443), quic, true, FlowInspection.Kind.QUIC),
                new Case(gate.open(6, 40000, 443), segment, true, FlowInspection.Kind.TCP_UNDECIDED));
        for (Case c : cases) {
            assertEquals(c.kind(), c.flow().kind, "the gate picks the flow's dissector as the dissection does");
            Dissector.Budget b = c.kind().budget();
            int expected = switch (c.kind().flow().copies()) {
                case EVERY_PACKET -> b.packets();
                case EVERY_DATAGRAM -> Math.min(b.packets(), b.units());
                case CLIENT_STREAM, CLIENT_DATAGRAMS -> b.units();
            };
            assertEquals(expected, copiedUntilStop(c.flow(), c.packet(), c.fromClient()), c.kind().toString());
        }
        assertEquals(null, gate.open(1, 0, 0), "no dissector accepts ICMP: nothing is copied");
    }

    @Test
    void anotherBudgetCopiesOtherPackets() {
        Packet segment = tcp(Frames.ACK | Frames.PSH, 500);
        Packet bareAck = tcp(Frames.ACK, 0);
        Dissector.Budget small = new Dissector.Budget(1000, 5, 2);
        PayloadGate.Flow stream = new PayloadGate.Flow(FlowInspection.Kind.TCP_UNDECIDED, FlowDissector.Copies.CLIENT_STREAM, small);
        assertEquals(2, copiedUntilStop(stream, segment, true), "two client segments");
        PayloadGate.Flow acks = new PayloadGate.Flow(FlowInspection.Kind.TCP_UNDECIDED, FlowDissector.Copies.CLIENT_STREAM, small);
        assertEquals(0, copiedUntilStop(acks, bareAck, true), "five packets without payload, none copied");
        assertEquals(6, acks.packets, "five packets skipped, the sixth is past the budget and stops the gate");
        PayloadGate.Flow every = new PayloadGate.Flow(FlowInspection.Kind.DNS_TCP, FlowDissector.Copies.EVERY_PACKET, small);
        assertEquals(5, copiedUntilStop(every, bareAck, true));
        PayloadGate.Flow datagrams = new PayloadGate.Flow(FlowInspection.Kind.DNS_UDP, FlowDissector.Copies.EVERY_DATAGRAM, small);
        assertEquals(2, copiedUntilStop(datagrams, bareAck, false), "each datagram is a unit");
    }

    @Test
    void theFlowsOwnPacketCountEndsTheGateAtTheLargestDeclaredPacketBudget() {
        int largest = 0;
        for (FlowInspection.Kind k : FlowInspection.Kind.values()) {
            largest = Math.max(largest, k.budget().packets());
        }
        assertEquals(largest, PayloadGate.MAX_FLOW_PACKETS);
        Packet answer = packet(Frames.ipv4("192.0.2.53", "10.0.0.2").payload(Frames.udp(53, 40001).payload(60)).build());
        PayloadGate.Flow f = gate.open(17, 40001, 53);
        assertEquals(Decision.COPY, gate.decide(f, answer.view(), answer.frame(), false, largest - 1));
        assertEquals(Decision.STOP, gate.decide(f, answer.view(), answer.frame(), false, largest),
                "later IP fragments the table counted, never copied, still end the look");
    }
}
