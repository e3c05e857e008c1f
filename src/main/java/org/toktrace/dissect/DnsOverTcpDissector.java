package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;

/**
 * DNS over TCP, on port 53 at either end: the framing only. The responder's byte stream is rebuilt
 * and cut into messages by their length prefixes, and each message goes to {@link DnsResponses},
 * the decoder DNS over UDP uses as well.
 *
 * <p>RFC 1035 section 4.2.2, RFC 7766 section 8: over TCP each message is preceded by a two-byte
 * length, and one stream carries any number of messages, which may share segments or span them.
 * Only the responder's stream is rebuilt: queries teach nothing.
 */
final class DnsOverTcpDissector implements FlowDissector {

    /** Bytes of the stream held at once: a message longer than this is read cut short. */
    static final int MAX_WINDOW = 16 * 1024;
    private static final Budget BUDGET = new Budget(MAX_WINDOW, DnsResponses.MAX_PACKETS, DnsResponses.MAX_MESSAGES);

    @Override
    public Budget budget() {
        return BUDGET;
    }

    @Override
    public boolean accepts(int protocol, int clientPort, int serverPort) {
        return protocol == PayloadDissectors.TCP && DnsResponses.onPort(clientPort, serverPort);
    }

    @Override
    public FlowInspection start(FlowInspection.Kind kind, int clientPort, int serverPort, ReassemblyBudget budget) {
        return new FlowInspection(kind, MAX_WINDOW, serverPort != DnsResponses.PORT, budget);
    }

    @Override
    public boolean onPacket(FlowInspection s, PacketView p, ByteBuffer buf, boolean usable, boolean fromClient,
            long timestampNanos, DnsResponses dns) {
        if (usable && fromClient == s.responderIsClient) {
            responderSegment(s, p, buf, timestampNanos, dns);
        }
        return s.units < BUDGET.units() && s.packets < BUDGET.packets();
    }

    @Override
    public Copies copies() {
        return Copies.EVERY_PACKET;
    }

    private static void responderSegment(FlowInspection s, PacketView p, ByteBuffer buf, long ts, DnsResponses dns) {
        if (!s.addSegment(p, buf)) {
            return;
        }
        StreamReassembly stream = s.stream;
        while (s.units < BUDGET.units()) {
            int n = stream.contiguous();
            if (n < 2) {
                return;
            }
            byte[] d = stream.data();
            int msgLen = ((d[0] & 0xFF) << 8) | (d[1] & 0xFF);
            if (2 + msgLen > n) {
                if (n >= stream.cap()) {
                    // longer than the window: read the part held (records before the cut count), stop
                    s.units++;
                    dns.read(s.streamView(), 2, n - 2, p, ts);
                    s.finish();
                }
                return;
            }
            s.units++;
            dns.read(s.streamView(), 2, msgLen, p, ts);
            stream.consume(2 + msgLen);
        }
    }
}
