package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;

/**
 * Decides on the packet thread which packets of a flow to copy for dissection, from what each
 * flow dissector declares ({@link FlowDissector#copies()} and its {@link Dissector.Budget}) and
 * the packets themselves only. It never hears back from the dissection, so the packet thread and
 * the worker share no state: the gate copies every packet the dissection could read, and the
 * dissection ignores those it no longer needs. One gate per flow table, single-threaded.
 */
public final class PayloadGate {

    /** What {@link #decide} says of a packet. */
    public enum Decision {
        /** Copy this packet for dissection. */
        COPY,
        /** This packet cannot matter; later ones may. */
        SKIP,
        /** No later packet of the flow can matter: stop asking. */
        STOP
    }

    /**
     * The flow's packets as the flow table counts them (later IP fragments included, which are never
     * copied) end the gate at the largest packet budget any dissector declares.
     */
    static final int MAX_FLOW_PACKETS = maxPackets();

    /**
     * The gate's own counts for one flow: held by the flow table, on the packet thread only; the
     * dissection's state of the flow is elsewhere ({@link FlowDissection}).
     */
    public static final class Flow {
        final FlowInspection.Kind kind;
        final FlowDissector.Copies copies;
        final int maxPackets;
        final int maxUnits;
        /** Packets asked about, and client segments or datagrams with payload among them. */
        int packets;
        int clientUnits;
        /** TCP: whether the client's SYN was seen, its sequence number, where the ClientHello ends. */
        boolean sawSyn;
        int synSeq;
        boolean helloEndKnown;
        int helloEnd;

        /** The gate's state for a flow of {@code kind} whose dissector declares {@code copies} and {@code budget}. */
        Flow(FlowInspection.Kind kind, FlowDissector.Copies copies, Dissector.Budget budget) {
            this.kind = kind;
            this.copies = copies;
            this.maxPackets = budget.packets();
            this.maxUnits = budget.units();
        }

        @Override
        public String toString() {
            return "PayloadGate.Flow[" + kind + ", " + packets + " packets, " + clientUnits + " client units]";
        }
    }

    /**
     * The gate's state for a new flow, or null when no dissector accepts the flow (then none of its
     * packets is copied).
     *
     * @param protocol the IP protocol (6 TCP, 17 UDP)
     */
    public Flow open(int protocol, int clientPort, int serverPort) {
        FlowInspection.Kind kind = FlowInspection.Kind.forFlow(protocol, clientPort, serverPort);
        return kind == null ? null : new Flow(kind, kind.flow().copies(), kind.budget());
    }

    /**
     * Whether to copy one packet of the flow.
     *
     * @param frame        the buffer {@code p} was decoded from, for a look at the payload's first
     *                     bytes; null to decide without them
     * @param flowPackets  the flow's packets so far as the flow table counts them, this one included
     */
    public Decision decide(Flow f, PacketView p, ByteBuffer frame, boolean fromClient, long flowPackets) {
        if (flowPackets >= MAX_FLOW_PACKETS) {
            return Decision.STOP;
        }
        int packets = ++f.packets;
        return switch (f.copies) {
            case EVERY_PACKET -> packets <= f.maxPackets ? Decision.COPY : Decision.STOP;
            case EVERY_DATAGRAM -> packets <= Math.min(f.maxPackets, f.maxUnits) ? Decision.COPY : Decision.STOP;
            case CLIENT_STREAM -> clientStream(f, p, frame, fromClient, packets);
            case CLIENT_DATAGRAMS -> clientDatagrams(f, p, frame, fromClient, packets);
        };
    }

    private static Decision clientStream(Flow f, PacketView p, ByteBuffer frame, boolean fromClient, int packets) {
        if (p.hasTcpFlags(PacketView.TCP_SYN)) {
            if (!fromClient) {
                // the SYN+ACK tells the stream's start only when the client's SYN was missed
                return f.sawSyn ? Decision.SKIP : Decision.COPY;
            }
            f.sawSyn = true;
            f.synSeq = p.tcpSeq();
            return Decision.COPY;
        }
        if (p.hasTcpFlags(PacketView.TCP_RST)) {
            return Decision.COPY; // the end
        }
        if (!fromClient || p.l4PayloadLength() <= 0) {
            return packets <= f.maxPackets ? Decision.SKIP : Decision.STOP;
        }
        if (++f.clientUnits > f.maxUnits) {
            return Decision.STOP;
        }
        if (f.clientUnits == 1) {
            f.helloEndKnown = knowsClientHelloEnd(f, p, frame);
        }
        // sequence numbers wrap: compared as a signed difference (RFC 9293 section 3.4)
        return f.helloEndKnown && p.tcpSeq() - f.helloEnd >= 0 ? Decision.SKIP : Decision.COPY;
    }

    /**
     * Notes in {@code f.helloEnd} where the ClientHello ends in the client's sequence space, when
     * the first client segment is the stream's first (right after the SYN) and starts a record
     * holding a whole ClientHello, and says whether it could. Later segments that start at or after
     * that point cannot add to the ClientHello, whatever their order or retransmissions.
     */
    private static boolean knowsClientHelloEnd(Flow f, PacketView p, ByteBuffer frame) {
        if (frame == null || !f.sawSyn || p.tcpSeq() != f.synSeq + 1) {
            return false;
        }
        int recordLength = TlsClientHelloDissector.wholeHelloRecord(frame, p.l4PayloadOffset(), p.l4PayloadLength());
        if (recordLength < 0) {
            return false;
        }
        f.helloEnd = p.tcpSeq() + 5 + recordLength;
        return true;
    }

    private static Decision clientDatagrams(Flow f, PacketView p, ByteBuffer frame, boolean fromClient, int packets) {
        if (!fromClient) {
            return packets <= f.maxPackets ? Decision.SKIP : Decision.STOP;
        }
        if (++f.clientUnits > f.maxUnits) {
            return Decision.STOP;
        }
        // RFC 9000 section 12.2: a short-header packet is the last of its datagram, so a
        // datagram that starts with one holds no Initial (the client's 1-RTT packets)
        return frame != null && p.l4PayloadLength() > 0 && (frame.get(p.l4PayloadOffset()) & 0x80) == 0
                ? Decision.SKIP : Decision.COPY;
    }

    private static int maxPackets() {
        int max = 0;
        for (FlowInspection.Kind k : FlowInspection.Kind.values()) {
            max = Math.max(max, k.budget().packets());
        }
        return max;
    }
}
