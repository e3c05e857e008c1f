package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.dissect.PayloadDissectors.Offer;
import org.toktrace.testkit.Frames;

/** Which packets a thread that hands packets to the dissectors elsewhere needs to copy at all. */
class OfferTest {

    private final PayloadDissectors dissectors = new PayloadDissectors(answer -> { });

    private static PacketView view(byte[] ip) {
        byte[] frame = Frames.raw(ip);
        PacketView v = new PacketView();
        new PacketDecoder().decode(ByteBuffer.wrap(frame), 0, frame.length, frame.length, 101, v);
        return v;
    }

    private static PacketView tcp(int flags, int payload) {
        return view(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.tcp(40000, 443).flags(flags).payload(payload)).build());
    }

    @Test
    void aTlsFlowNeedsItsSynsAndItsClientsFirstSegmentsOnly() {
        FlowInspection s = dissectors.start(6, 40000, 443);
        assertEquals(Offer.YES, dissectors.offer(s, tcp(Frames.SYN, 0), true));
        assertEquals(Offer.YES, dissectors.offer(s, tcp(Frames.SYN | Frames.ACK, 0), false));
        assertEquals(Offer.SKIP, dissectors.offer(s, tcp(Frames.ACK, 0), true), "a bare ACK");
        assertEquals(Offer.SKIP, dissectors.offer(s, tcp(Frames.ACK, 1448), false), "the server's data");
        for (int i = 0; i < PayloadDissectors.MAX_CLIENT_SEGMENTS; i++) {
            assertEquals(Offer.YES, dissectors.offer(s, tcp(Frames.ACK | Frames.PSH, 500), true), "client segment " + i);
        }
        assertEquals(Offer.STOP, dissectors.offer(s, tcp(Frames.ACK | Frames.PSH, 500), true));
    }

    @Test
    void aQuicFlowNeedsItsClientsFirstDatagrams() {
        FlowInspection s = dissectors.start(17, 50000, 443);
        PacketView up = view(Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.udp(50000, 443).payload(1200)).build());
        PacketView down = view(Frames.ipv4("192.0.2.1", "10.0.0.2").payload(Frames.udp(443, 50000).payload(1200)).build());
        assertEquals(Offer.SKIP, dissectors.offer(s, down, false));
        int allowed = PayloadDissectors.MAX_DATAGRAMS_BEFORE_INITIAL + QuicClientHelloAssembler.MAX_INITIAL_DATAGRAMS;
        for (int i = 0; i < allowed; i++) {
            assertEquals(Offer.YES, dissectors.offer(s, up, true));
        }
        assertEquals(Offer.STOP, dissectors.offer(s, up, true));
    }

    @Test
    void dnsNeedsEveryPacketUpToItsBudget() {
        FlowInspection s = dissectors.start(17, 40001, 53);
        PacketView answer = view(Frames.ipv4("192.0.2.53", "10.0.0.2").payload(Frames.udp(53, 40001).payload(60)).build());
        for (int i = 0; i < PayloadDissectors.MAX_DNS_PACKETS; i++) {
            assertEquals(Offer.YES, dissectors.offer(s, answer, false));
        }
        assertEquals(Offer.STOP, dissectors.offer(s, answer, false));
    }
}
