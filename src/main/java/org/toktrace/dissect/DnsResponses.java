package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.toktrace.decode.PacketView;
import org.toktrace.model.DnsAnswer;

/**
 * Reads whole DNS messages, however they were framed (a UDP datagram, a TCP length prefix), and
 * hands the responses' answers to the analysis' listener. One per analysis: the parser's scratch
 * space is reused for every message.
 */
final class DnsResponses {

    /** DNS messages read from one flow (a resolver's long-lived UDP or TCP flow). */
    static final int MAX_MESSAGES = 64;
    /** Packets of a DNS flow before giving up (queries, acks, a TCP hole that never fills). */
    static final int MAX_PACKETS = 256;
    static final int PORT = 53;

    private final DnsListener listener;
    private final DnsMessageParser parser = new DnsMessageParser();

    DnsResponses(DnsListener listener) {
        this.listener = Objects.requireNonNull(listener, "dns");
    }

    /** Whether either end of a flow is the DNS port. */
    static boolean onPort(int clientPort, int serverPort) {
        return clientPort == PORT || serverPort == PORT;
    }

    /** One message at {@code buf[off, off + len)}, carried by packet {@code p}. */
    void read(ByteBuffer buf, int off, int len, PacketView p, long timestampNanos) {
        if (!DnsMessageParser.isResponse(buf, off, len)) {
            return; // a query (QR = 0) or not DNS: nothing to learn
        }
        // The asker is the response's destination, whichever side the flow table calls the client.
        DnsAnswer answer = parser.parse(buf, off, len, timestampNanos, p.dstAddress(), p.linkDst());
        if (answer != null) {
            listener.dnsAnswer(answer);
        }
    }
}
