package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.LinkTypes;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.IpAddress;

/**
 * A stand-in for the flow table in tests: a map from 5-tuple to {@link FlowInspection}, oriented
 * as the flow table does (the client sends the SYN, receives the SYN+ACK, else sends first), that
 * hands every packet to {@link PayloadDissectors} while it asks for more.
 */
final class FlowHarness {

    /** One flow as the harness saw it. */
    static final class Flow {
        final int protocol;
        final IpAddress client;
        final int clientPort;
        final IpAddress server;
        final int serverPort;
        final FlowInspection inspection;
        boolean inspecting;
        int packetsHandedIn;

        Flow(int protocol, IpAddress client, int clientPort, IpAddress server, int serverPort, FlowInspection inspection) {
            this.protocol = protocol;
            this.client = client;
            this.clientPort = clientPort;
            this.server = server;
            this.serverPort = serverPort;
            this.inspection = inspection;
            this.inspecting = inspection != null;
        }

        String serverName() {
            return inspection == null ? null : inspection.names().serverName();
        }

        @Override
        public String toString() {
            return (protocol == 6 ? "tcp " : "udp ") + client + " " + clientPort + " " + server + " " + serverPort
                    + " -> " + (inspection == null ? "-" : inspection.toString());
        }
    }

    final List<DnsAnswer> answers = new ArrayList<>();
    final PayloadDissectors dissectors;
    final Map<String, Flow> flows = new LinkedHashMap<>();
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();

    FlowHarness() {
        dissectors = new PayloadDissectors(answers::add);
    }

    /** A harness whose dissectors may hold {@code reassemblyBudgetBytes} for all flows together. */
    FlowHarness(long reassemblyBudgetBytes) {
        dissectors = new PayloadDissectors(answers::add, reassemblyBudgetBytes);
    }

    /** Feeds one Ethernet frame built by {@code Frames}. */
    void ethernet(byte[] frame, long timestampNanos) {
        frame(ByteBuffer.wrap(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET, timestampNanos);
    }

    /** Feeds one frame; returns the flow it belonged to, or null when not TCP/UDP over IP. */
    Flow frame(ByteBuffer buf, int offset, int captured, int original, int linkType, long timestampNanos) {
        if (decoder.decode(buf, offset, captured, original, linkType, view) != DecodeStatus.IP) {
            return null;
        }
        int proto = view.protocol();
        if (proto != 6 && proto != 17) {
            return null;
        }
        if (view.isFragment() && !view.isFirstFragment()) {
            return null;
        }
        IpAddress src = view.srcAddress();
        IpAddress dst = view.dstAddress();
        String forward = proto + " " + src + " " + view.srcPort() + " " + dst + " " + view.dstPort();
        String backward = proto + " " + dst + " " + view.dstPort() + " " + src + " " + view.srcPort();
        Flow f = flows.get(forward);
        boolean fromClient;
        if (f != null) {
            fromClient = f.client.equals(src) && f.clientPort == view.srcPort();
        } else if ((f = flows.get(backward)) != null) {
            fromClient = f.client.equals(src) && f.clientPort == view.srcPort();
        } else {
            boolean synAck = proto == 6 && view.hasTcpFlags(PacketView.TCP_SYN | PacketView.TCP_ACK);
            fromClient = !synAck;
            IpAddress client = fromClient ? src : dst;
            int clientPort = fromClient ? view.srcPort() : view.dstPort();
            IpAddress server = fromClient ? dst : src;
            int serverPort = fromClient ? view.dstPort() : view.srcPort();
            f = new Flow(proto, client, clientPort, server, serverPort, dissectors.start(proto, clientPort, serverPort));
            flows.put(forward, f);
        }
        if (f.inspecting) {
            f.packetsHandedIn++;
            f.inspecting = dissectors.onPacket(f.inspection, view, buf, fromClient, timestampNanos);
        }
        return f;
    }
}
