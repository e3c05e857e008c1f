package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;

/**
 * Any TCP flow that is not DNS: TLS runs on any port (5223 push, 8443...), so every one gets a
 * look. The client's byte stream is rebuilt from its segments, and its first bytes choose the
 * {@link StreamDissector} that reads it ({@link FlowInspection.Kind#forFirstBytes}); this class
 * bounds the packets and segments any of them sees.
 */
final class TcpStreamDissector implements FlowDissector {

    /**
     * Client bytes reassembled (RFC 8446 allows a 2^14-byte record; hellos are 0.2-2 kB, some 3 kB
     * with post-quantum key shares): room for the largest seen several times over, while no flow
     * costs more than this whatever it sends. A longer ClientHello is given up, counted.
     */
    static final int MAX_STREAM = 16 * 1024;
    /** Client segments with payload before giving up: a hole that no retransmission fills. */
    static final int MAX_CLIENT_SEGMENTS = 12;
    /** Packets of the flow (any direction) before giving up: a client that never speaks first. */
    static final int MAX_PACKETS = 64;
    static final Budget BUDGET = new Budget(MAX_STREAM, MAX_PACKETS, MAX_CLIENT_SEGMENTS);

    @Override
    public Budget budget() {
        return BUDGET;
    }

    @Override
    public boolean accepts(int protocol, int clientPort, int serverPort) {
        return protocol == PayloadDissectors.TCP;
    }

    @Override
    public FlowInspection start(FlowInspection.Kind kind, int clientPort, int serverPort, ReassemblyBudget budget) {
        return new FlowInspection(kind, MAX_STREAM, false, budget);
    }

    @Override
    public boolean onPacket(FlowInspection s, PacketView p, ByteBuffer buf, boolean usable, boolean fromClient,
            long timestampNanos, DnsResponses dns) {
        if (usable) {
            segment(s, p, buf, fromClient, timestampNanos);
        }
        return s.units < MAX_CLIENT_SEGMENTS && s.packets < MAX_PACKETS && !p.hasTcpFlags(PacketView.TCP_RST);
    }

    @Override
    public Copies copies() {
        return Copies.CLIENT_STREAM;
    }

    private static void segment(FlowInspection s, PacketView p, ByteBuffer buf, boolean fromClient, long ts) {
        if (!fromClient) {
            // The SYN+ACK acknowledges the client's ISN + 1: the stream start even without the SYN.
            if (p.hasTcpFlags(PacketView.TCP_SYN) && p.hasTcpFlags(PacketView.TCP_ACK)) {
                s.stream.start(p.tcpAck(), true);
            }
            return;
        }
        if (p.l4PayloadLength() > 0) {
            s.units++;
        }
        if (s.addSegment(p, buf)) {
            progress(s, ts);
        }
    }

    private static void progress(FlowInspection s, long ts) {
        int n = s.stream.contiguous();
        if (n == 0) {
            return;
        }
        if (s.kind == FlowInspection.Kind.TCP_UNDECIDED) {
            FlowInspection.Kind kind = FlowInspection.Kind.forFirstBytes(s.stream.data(), n);
            if (kind == null) {
                // Without the SYN the first segment seen may not be the first one sent: give the
                // real first one a segment's chance to arrive before giving up.
                if (s.stream.exactStart() || s.units >= 2) {
                    s.finish();
                }
                return;
            }
            s.kind = kind;
        }
        if (s.kind != FlowInspection.Kind.TCP_UNDECIDED) {
            s.kind.stream().read(s, ts); // else still undecided: a few bytes more will tell
        }
    }
}
