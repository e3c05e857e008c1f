package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.toktrace.model.FlowKey;
import org.toktrace.model.IpAddress;

/**
 * The TCP and UDP packets of a generated capture grouped by connection, read straight from the pcap
 * (independently of the analysis code), so the generator's tests can check what its truth claims
 * against the bytes it wrote.
 */
final class CaptureFlows {

    /**
     * One packet of a connection.
     *
     * @param up       from the phone
     * @param payload  TCP or UDP payload bytes
     * @param tcpFlags the TCP flags; 0 for UDP
     */
    record Packet(long nanos, boolean up, int payload, int tcpFlags) {
        boolean finOrRst() {
            return (tcpFlags & (TcpConversation.FIN | TcpConversation.RST)) != 0;
        }
    }

    private final Map<FlowKey, List<Packet>> byKey = new HashMap<>();

    private CaptureFlows() {
    }

    static CaptureFlows read(Path pcap) throws IOException {
        CaptureFlows c = new CaptureFlows();
        ByteBuffer f = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        boolean nanos = f.getInt(0) == PcapWriter.MAGIC_NANOS;
        ByteBuffer be = f.duplicate().order(ByteOrder.BIG_ENDIAN);
        int pos = 24;
        while (pos < f.limit()) {
            long ts = (f.getInt(pos) & 0xFFFF_FFFFL) * 1_000_000_000L + (f.getInt(pos + 4) & 0xFFFF_FFFFL) * (nanos ? 1 : 1000);
            int incl = f.getInt(pos + 8);
            int fr = pos + 16;
            c.frame(be, fr, incl, ts);
            pos = fr + incl;
        }
        return c;
    }

    private void frame(ByteBuffer b, int fr, int len, long ts) {
        int type = b.getShort(fr + 12) & 0xFFFF;
        IpAddress src;
        IpAddress dst;
        int proto;
        int l4;
        int l4Len;
        if (type == 0x0800) {
            int ihl = (b.get(fr + 14) & 0x0F) * 4;
            proto = b.get(fr + 23) & 0xFF;
            src = IpAddress.ofV4(b.getInt(fr + 26));
            dst = IpAddress.ofV4(b.getInt(fr + 30));
            l4 = fr + 14 + ihl;
            l4Len = (b.getShort(fr + 16) & 0xFFFF) - ihl;
        } else if (type == 0x86DD) {
            proto = b.get(fr + 20) & 0xFF;
            src = IpAddress.ofV6(b.getLong(fr + 22), b.getLong(fr + 30));
            dst = IpAddress.ofV6(b.getLong(fr + 38), b.getLong(fr + 46));
            l4 = fr + 54;
            l4Len = b.getShort(fr + 18) & 0xFFFF;
        } else {
            return;
        }
        if (proto != 6 && proto != 17) {
            return;
        }
        int sport = b.getShort(l4) & 0xFFFF;
        int dport = b.getShort(l4 + 2) & 0xFFFF;
        int payload;
        int flags = 0;
        if (proto == 6) {
            int hdr = ((b.get(l4 + 12) & 0xFF) >>> 4) * 4;
            payload = l4Len - hdr;
            flags = b.get(l4 + 13) & 0xFF;
        } else {
            payload = l4Len - 8;
        }
        // the phone's side is the ephemeral port (the servers listen on 443, 5228, 53, 123)
        boolean up = sport > dport;
        FlowKey key = up ? new FlowKey(proto, src, sport, dst, dport) : new FlowKey(proto, dst, dport, src, sport);
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Packet(ts, up, payload, flags));
    }

    /** The packets of {@code flow} in time order; empty when the capture holds none. */
    List<Packet> packets(GroundTruth.Flow flow) {
        FlowKey key = new FlowKey("UDP".equals(flow.transport()) ? 17 : 6, flow.client(), flow.clientPort(), flow.server(),
                flow.serverPort());
        return byKey.getOrDefault(key, List.of());
    }

    /** Payload bytes from the server to the phone. */
    static long down(List<Packet> packets) {
        return packets.stream().filter(p -> !p.up()).mapToLong(Packet::payload).sum();
    }

    /**
     * The start times of the downstream bursts of {@code packets}: a burst begins with a packet
     * carrying payload from the server after at least {@code idleNanos} without any.
     */
    static List<Long> burstStarts(List<Packet> packets, long idleNanos) {
        List<Long> starts = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (Packet p : packets) {
            if (p.up() || p.payload() == 0) {
                continue;
            }
            if (last == Long.MIN_VALUE || p.nanos() - last >= idleNanos) {
                starts.add(p.nanos());
            }
            last = p.nanos();
        }
        return starts;
    }
}
