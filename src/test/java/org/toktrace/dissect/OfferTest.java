package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.dissect.PayloadDissectors.Offer;
import org.toktrace.testkit.Frames;

/** Which packets a thread that hands packets to the dissectors elsewhere needs to copy at all. */
class OfferTest {

    private static final long ISN = 0xFFFF_FF00L; // close to the wrap of the sequence space

    private final PayloadDissectors dissectors = new PayloadDissectors(answer -> { });

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

    private Offer offer(FlowInspection s, Packet p, boolean fromClient) {
        return dissectors.offer(s, p.view(), p.frame(), fromClient);
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
        FlowInspection s = dissectors.start(6, 40000, 443);
        assertEquals(Offer.YES, offer(s, tcp(Frames.SYN, 0), true));
        assertEquals(Offer.SKIP, offer(s, tcp(Frames.ACK, 0), true), "a bare ACK");
        assertEquals(Offer.SKIP, offer(s, tcp(Frames.ACK, 0, new byte[1448], false), false), "the server's data");
        for (int i = 0; i < PayloadDissectors.MAX_CLIENT_SEGMENTS; i++) {
            assertEquals(Offer.YES, offer(s, tcp(Frames.ACK | Frames.PSH, 500), true), "client segment " + i);
        }
        assertEquals(Offer.STOP, offer(s, tcp(Frames.ACK | Frames.PSH, 500), true));
    }

    @Test
    void theSynAckIsNeededOnlyWhenTheClientsSynWasMissed() {
        FlowInspection seen = dissectors.start(6, 40000, 443);
        assertEquals(Offer.YES, offer(seen, tcp(Frames.SYN, ISN, new byte[0], true), true));
        assertEquals(Offer.SKIP, offer(seen, tcp(Frames.SYN | Frames.ACK, 7, new byte[0], false), false));

        FlowInspection missed = dissectors.start(6, 40000, 443);
        assertEquals(Offer.YES, offer(missed, tcp(Frames.SYN | Frames.ACK, 7, new byte[0], false), false));
        assertEquals(Offer.YES, offer(missed, tcp(Frames.RST, 0), true), "the end");
    }

    @Test
    void segmentsAfterTheClientHelloAreNotCopiedWhateverTheirOrder() {
        int record = 1800;
        byte[] first = helloStart(record, record - 4, 1400);
        long start = ISN + 1;
        long end = start + 5 + record; // past the 2^32 wrap
        FlowInspection s = dissectors.start(6, 40000, 443);
        assertEquals(Offer.YES, offer(s, tcp(Frames.SYN, ISN, new byte[0], true), true));
        assertEquals(Offer.YES, offer(s, tcp(Frames.ACK, start, first, true), true));
        assertEquals(Offer.SKIP, offer(s, tcp(Frames.ACK | Frames.PSH, end, new byte[300], true), true),
                "the request after the ClientHello, arrived before its second segment");
        assertEquals(Offer.YES, offer(s, tcp(Frames.ACK, start + 1400, new byte[405], true), true), "the rest of it");
        assertEquals(Offer.YES, offer(s, tcp(Frames.ACK, start, first, true), true), "a retransmission of the first");
        assertEquals(Offer.SKIP, offer(s, tcp(Frames.ACK, end + 300, new byte[900], true), true));
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
            FlowInspection s = dissectors.start(6, 40000, 443);
            offer(s, tcp(Frames.SYN, ISN, new byte[0], true), true);
            assertEquals(Offer.YES, offer(s, tcp(Frames.ACK, start, first, true), true));
            assertEquals(Offer.YES, offer(s, tcp(Frames.ACK, start + 5000, new byte[300], true), true));
        }
        FlowInspection noSyn = dissectors.start(6, 40000, 443);
        assertEquals(Offer.YES, offer(noSyn, tcp(Frames.ACK, start, helloStart(200, 196, 205), true), true));
        assertEquals(Offer.YES, offer(noSyn, tcp(Frames.ACK, start + 205, new byte[300], true), true),
                "without the SYN the first segment seen may not be the first one sent");
    }

    @Test
    void aQuicFlowNeedsItsClientsFirstDatagramsThatCanHoldAnInitial() {
        FlowInspection s = dissectors.start(17, 50000, 443);
        byte[] longHeader = new byte[1200];
        longHeader[0] = (byte) 0xC3;
        byte[] shortHeader = new byte[60];
        shortHeader[0] = 0x43;
        Packet up = packet(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.udp(50000, 443).payload(longHeader)).build());
        Packet oneRtt = packet(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.udp(50000, 443).payload(shortHeader)).build());
        Packet down = packet(Frames.ipv4("192.0.2.1", "10.0.0.2").payload(Frames.udp(443, 50000).payload(1200)).build());
        assertEquals(Offer.SKIP, offer(s, down, false));
        int allowed = PayloadDissectors.MAX_DATAGRAMS_BEFORE_INITIAL + QuicClientHelloAssembler.MAX_INITIAL_DATAGRAMS;
        assertEquals(Offer.SKIP, offer(s, oneRtt, true), "a short header: no Initial in the datagram");
        for (int i = 1; i < allowed; i++) {
            assertEquals(Offer.YES, offer(s, up, true));
        }
        assertEquals(Offer.STOP, offer(s, up, true));
    }

    @Test
    void dnsNeedsEveryPacketUpToItsBudget() {
        FlowInspection s = dissectors.start(17, 40001, 53);
        Packet answer = packet(Frames.ipv4("192.0.2.53", "10.0.0.2").payload(Frames.udp(53, 40001).payload(60)).build());
        for (int i = 0; i < PayloadDissectors.MAX_DNS_PACKETS; i++) {
            assertEquals(Offer.YES, offer(s, answer, false));
        }
        assertEquals(Offer.STOP, offer(s, answer, false));
    }
}
