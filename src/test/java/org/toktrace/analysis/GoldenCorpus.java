package org.toktrace.analysis;

import static org.toktrace.testkit.Frames.ACK;
import static org.toktrace.testkit.Frames.FIN;
import static org.toktrace.testkit.Frames.PSH;
import static org.toktrace.testkit.Frames.RST;
import static org.toktrace.testkit.Frames.SYN;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.CaptureFileWriter.Interface;
import org.toktrace.testkit.CaptureFileWriter.TsResolution;
import org.toktrace.testkit.Frames;

/**
 * Writes the small captures of {@code src/test/resources/golden}, each built to exercise one part of
 * the engine with packets we know by heart. Run {@code main} to rewrite them, then regenerate their
 * tshark totals and listings (see {@link GoldenCapturesTest}).
 */
public final class GoldenCorpus {
    /** 2026-03-23T16:14:05Z. */
    static final long T0 = 1_774_282_445_000_000_000L;
    static final long MS = 1_000_000L;

    private GoldenCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : GoldenCapturesTest.GOLDEN;
        Files.createDirectories(dir);
        tcpSessionIpv4().writeTo(dir.resolve("tcp-session-ipv4.pcap"));
        orientation().writeTo(dir.resolve("orientation.pcapng"));
        vlanIpv6().writeTo(dir.resolve("vlan-ipv6-extension-headers.pcapng"));
        ipv4Fragments().writeTo(dir.resolve("ipv4-fragments.pcap"));
        mixedLinkTypes().writeTo(dir.resolve("mixed-link-types.pcapng"));
        bigEndianNanos().writeTo(dir.resolve("big-endian-nanoseconds.pcap"));
        byte[] whole = tcpSessionIpv4().toBytes();
        Files.write(dir.resolve("cut-mid-record.pcap"), Arrays.copyOf(whole, whole.length - 30));
    }

    private static byte[] eth(byte[] ip, boolean fromPhone) {
        return Frames.ethernet()
                .src(fromPhone ? Frames.DEFAULT_SRC_MAC : Frames.DEFAULT_DST_MAC)
                .dst(fromPhone ? Frames.DEFAULT_DST_MAC : Frames.DEFAULT_SRC_MAC)
                .build(ip);
    }

    private static byte[] tcp4(String src, int sport, String dst, int dport, int flags, long seq, long ack, int payload) {
        return Frames.ipv4(src, dst).payload(Frames.tcp(sport, dport).flags(flags).seq(seq).ack(ack).payload(payload)).build();
    }

    /** A whole TCP session (handshake, data, FIN both ways, a late ACK), the port reused, DNS, ARP, a bad header. */
    static CaptureFileWriter.Pcap tcpSessionIpv4() {
        String phone = "192.168.137.23";
        String server = "203.0.113.10";
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1);
        long t = T0;
        w.frame(t, eth(Frames.ipv4(phone, "192.168.137.1").payload(Frames.udp(40001, 53).payload(40)).build(), true));
        w.frame(t += 8 * MS, eth(Frames.ipv4("192.168.137.1", phone).payload(Frames.udp(53, 40001).payload(120)).build(), false));
        w.frame(t += MS, eth(tcp4(phone, 51000, server, 443, SYN, 1000, 0, 0), true));
        w.frame(t += 30 * MS, eth(tcp4(server, 443, phone, 51000, SYN | ACK, 5000, 1001, 0), false));
        w.frame(t += MS, eth(tcp4(phone, 51000, server, 443, ACK, 1001, 5001, 0), true));
        w.frame(t += MS, eth(tcp4(phone, 51000, server, 443, PSH | ACK, 1001, 5001, 517), true));
        long down = 5001;
        for (int i = 0; i < 6; i++) {
            w.frame(t += 2 * MS, eth(tcp4(server, 443, phone, 51000, ACK, down, 1518, 1448), false));
            down += 1448;
            if (i % 2 == 1) {
                w.frame(t += MS, eth(tcp4(phone, 51000, server, 443, ACK, 1518, down, 0), true));
            }
        }
        w.frame(t += 5 * MS, eth(tcp4(phone, 51000, server, 443, FIN | ACK, 1518, down, 0), true));
        w.frame(t += 30 * MS, eth(tcp4(server, 443, phone, 51000, FIN | ACK, down, 1519, 0), false));
        w.frame(t += MS, eth(tcp4(phone, 51000, server, 443, ACK, 1519, down + 1, 0), true));
        // an ARP request: a frame without IP
        byte[] arp = new byte[28];
        w.frame(t += MS, Frames.ethernet().type(Frames.ETHERTYPE_ARP).dst(0xFFFF_FFFF_FFFFL).build(arp));
        // a header that lies: IPv4 with IHL 3
        w.frame(t += MS, eth(Frames.ipv4(phone, server).ihl(3).payload(Frames.udp(1, 2).payload(8)).build(), true));
        // the same 5-tuple opened again a second later: a new flow, reset by the server
        t += 1000 * MS;
        w.frame(t, eth(tcp4(phone, 51000, server, 443, SYN, 90000, 0, 0), true));
        w.frame(t += 30 * MS, eth(tcp4(server, 443, phone, 51000, RST | ACK, 0, 90001, 0), false));
        return w;
    }

    /** Who is the client: SYN-ACK seen first, a DNS answer seen first, two high ports, ICMP echo. */
    static CaptureFileWriter.Pcapng orientation() {
        String phone = "10.42.0.57";
        CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng().iface(Interface.of(1).resolution(TsResolution.NANOS));
        long t = T0 + 123_456_789L;
        w.epb(0, t, eth(tcp4("198.51.100.7", 443, phone, 40100, SYN | ACK, 7000, 301, 0), false));
        w.epb(0, t += MS, eth(tcp4(phone, 40100, "198.51.100.7", 443, ACK, 301, 7001, 0), true));
        w.epb(0, t += MS, eth(Frames.ipv4("10.42.0.1", phone).payload(Frames.udp(53, 35353).payload(90)).build(), false));
        w.epb(0, t += MS, eth(Frames.ipv4(phone, "192.0.2.200").payload(Frames.udp(50000, 60000).payload(1200)).build(), true));
        w.epb(0, t += MS, eth(Frames.ipv4("192.0.2.200", phone).payload(Frames.udp(60000, 50000).payload(1252)).build(), false));
        byte[] echo = new byte[64];
        echo[0] = 8;
        w.epb(0, t += MS, eth(Frames.ipv4(phone, "192.0.2.1").payload(Frames.transport(1, echo)).build(), true));
        echo[0] = 0;
        w.epb(0, t += 20 * MS, eth(Frames.ipv4("192.0.2.1", phone).payload(Frames.transport(1, echo)).build(), false));
        return w;
    }

    /** 802.1ad + 802.1Q tags, IPv6 with a hop-by-hop header, and an IPv6 datagram in fragments. */
    static CaptureFileWriter.Pcapng vlanIpv6() {
        String phone = "2001:db8:42::57";
        String server = "2001:db8:cafe::443";
        CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng().section(ByteOrder.BIG_ENDIAN).iface(1);
        long t = T0;
        byte[] syn = Frames.ipv6(phone, server).hopByHop().payload(Frames.tcp(50443, 443).flags(SYN).seq(1)).build();
        w.epb(0, t, Frames.ethernet().qinq(100, 200).build(syn));
        byte[] synAck = Frames.ipv6(server, phone).payload(Frames.tcp(443, 50443).flags(SYN | ACK).seq(9).ack(2)).build();
        w.epb(0, t += 40 * MS, Frames.ethernet().qinq(100, 200).src(Frames.DEFAULT_DST_MAC).dst(Frames.DEFAULT_SRC_MAC).build(synAck));
        byte[] data = Frames.ipv6(server, phone).payload(Frames.tcp(443, 50443).flags(ACK).seq(10).ack(2).payload(1200)).build();
        w.epb(0, t += MS, Frames.ethernet().vlan(200).src(Frames.DEFAULT_DST_MAC).dst(Frames.DEFAULT_SRC_MAC).build(data));
        List<byte[]> pieces = Frames.ipv6(phone, server).payload(Frames.udp(5353, 4433).payload(3000)).fragments(1232, 0x1234_5678L);
        for (byte[] piece : pieces) {
            w.epb(0, t += MS, Frames.ethernet().vlan(200).build(piece));
        }
        return w;
    }

    /** A UDP datagram in three fragments in order, one whose first fragment comes last, and an orphan. */
    static CaptureFileWriter.Pcap ipv4Fragments() {
        String phone = "192.168.137.23";
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1);
        long t = T0;
        for (byte[] f : Frames.ipv4(phone, "203.0.113.53").id(77).payload(Frames.udp(41000, 4500).payload(3000)).fragments(1400)) {
            w.frame(t += MS, eth(f, true));
        }
        List<byte[]> late = Frames.ipv4("203.0.113.53", phone).id(78).payload(Frames.udp(4500, 41000).payload(2000)).fragments(1400);
        w.frame(t += MS, eth(late.get(1), false));
        w.frame(t += MS, eth(late.get(0), false));
        List<byte[]> orphan = Frames.ipv4("203.0.113.99", phone).id(79).payload(Frames.udp(4500, 41001).payload(2000)).fragments(1400);
        w.frame(t += MS, eth(orphan.get(1), false));
        return w;
    }

    /** One pcapng, four interfaces: Linux cooked v1 and v2, raw IP, BSD loopback, each with flows. */
    static CaptureFileWriter.Pcapng mixedLinkTypes() {
        CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng()
                .iface(113).iface(276).iface(Interface.of(101).resolution(TsResolution.binary(20))).iface(0);
        long t = T0;
        byte[] a = Frames.ipv4("10.0.0.2", "192.0.2.10").payload(Frames.udp(33000, 443).payload(1200)).build();
        w.epb(0, t += MS, Frames.sll(4, Frames.DEFAULT_SRC_MAC, a));
        byte[] b = Frames.ipv4("192.0.2.10", "10.0.0.2").payload(Frames.udp(443, 33000).payload(1000)).build();
        w.epb(1, t += MS, Frames.sll2(0, 3, Frames.DEFAULT_DST_MAC, b));
        byte[] c = Frames.ipv6("2001:db8::2", "2001:db8::10").payload(Frames.tcp(33001, 80).flags(SYN).seq(5)).build();
        w.epb(2, t += MS, Frames.raw(c));
        byte[] d = Frames.ipv6("::1", "::1").payload(Frames.udp(60001, 4443).payload(100)).build();
        w.epb(3, t += MS, Frames.nullLoopback(d));
        return w;
    }

    /** pcap written big-endian with nanosecond timestamps, raw IPv4 link type (228). */
    static CaptureFileWriter.Pcap bigEndianNanos() {
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(228).byteOrder(ByteOrder.BIG_ENDIAN).nanosecond();
        long t = T0 + 999_999_999L;
        w.frame(t, Frames.ipv4("172.20.10.2", "192.0.2.33").payload(Frames.udp(1234, 123).payload(48)).build());
        w.frame(t + 1, Frames.ipv4("192.0.2.33", "172.20.10.2").payload(Frames.udp(123, 1234).payload(48)).build());
        return w;
    }
}
