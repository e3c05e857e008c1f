package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.model.DnsAnswer;
import org.toktrace.testkit.Frames;

/** The worker's dissection stage: inspection state by flow id, fed copies, let go at the flow's end. */
class FlowDissectionTest {

    private static final long ISN = 1000;

    private final List<DnsAnswer> answers = new ArrayList<>();
    private final PayloadDissectors dissectors = new PayloadDissectors(answers::add);
    private final FlowDissection dissection = new FlowDissection(dissectors);
    private final PacketDecoder decoder = new PacketDecoder();

    /** A copy of one client packet of flow {@code id}, made from a frame that is then overwritten. */
    private PayloadCopy clientCopy(long id, int flags, long seq, byte[] payload) {
        byte[] frame = Frames.raw(Frames.ipv4("10.0.0.2", "192.0.2.1")
                .payload(Frames.tcp(40000, 443).flags(flags).seq(seq).payload(payload)).build());
        ByteBuffer buf = ByteBuffer.wrap(frame);
        PacketView v = new PacketView();
        decoder.decode(buf, 0, frame.length, frame.length, 101, v);
        PayloadCopy copy = PayloadCopy.of(id, v, buf, true, 1_000_000L * seq);
        Arrays.fill(frame, (byte) 0); // the frame's buffer is reused for the next frame
        return copy;
    }

    @Test
    void aClientHelloOverTwoCopiesNamesTheFlowWhoseIdTheyCarry() {
        byte[] hello = TcpStreamDissectionTest.bigHelloRecord();
        int cut = 1000;
        dissection.payload(clientCopy(7, Frames.SYN, ISN, new byte[0]));
        dissection.payload(clientCopy(7, Frames.ACK, ISN + 1, Arrays.copyOfRange(hello, 0, cut)));
        dissection.payload(clientCopy(8, Frames.SYN, ISN, new byte[0]));
        assertNull(dissection.names(7).serverName(), "half a ClientHello names nothing yet");
        assertEquals(2, dissection.flowsHeld());
        dissection.payload(clientCopy(7, Frames.ACK, ISN + 1 + cut, Arrays.copyOfRange(hello, cut, hello.length)));

        assertEquals("www.google.com", dissection.names(7).serverName(), "read from the copies, not the reused frame");
        assertNull(dissection.names(8).serverName(), "flow 8 is a flow of its own");
        assertEquals("www.google.com", dissection.flowEnded(7).serverName());
        assertNull(dissection.names(7), "an ended flow's state is let go");
        assertEquals(1, dissection.flowsHeld());
    }

    @Test
    void aFlowsEndGivesItsReassemblyMemoryBack() {
        byte[] hello = TcpStreamDissectionTest.bigHelloRecord();
        dissection.payload(clientCopy(3, Frames.SYN, ISN, new byte[0]));
        dissection.payload(clientCopy(3, Frames.ACK, ISN + 1, Arrays.copyOfRange(hello, 0, 600)));
        long held = dissectors.reassemblyBudget().used();
        assertEquals(true, held > 0, "half a ClientHello is held: " + held);
        assertNull(dissection.flowEnded(3).serverName());
        assertEquals(0, dissectors.reassemblyBudget().used());
        assertEquals(0, dissection.flowsHeld());
    }

    @Test
    void aFlowWithoutCopiesEndsWithNothingFound() {
        assertNull(dissection.flowEnded(42));
        assertNull(dissection.names(42));
    }
}
