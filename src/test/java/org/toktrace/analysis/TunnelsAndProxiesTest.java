package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.NameSource;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.Frames;

/**
 * From a written capture to the analysis: TLS connections carried inside VXLAN and GTP-U tunnels,
 * and after a SOCKS5 or an HTTP CONNECT handshake, are the inner connections' flows, named by the
 * ClientHello's SNI; a SYN+ACK whose IPv4 total length exceeds its frame (an offload capture)
 * counts in its flow with that length and is marked; broken tunnel headers stay outer datagrams.
 */
class TunnelsAndProxiesTest {

    private static final String PHONE = "10.45.0.7";
    private static final String SERVER = "203.0.113.80";
    private static final long VM_MAC = 0x0200_0000_0a07L;
    private static final long GATEWAY_MAC = 0x0200_0000_0a01L;

    @TempDir
    Path dir;

    private final CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(1);
    private long clock = 1_700_000_000_000_000_000L;

    /** A TLS ClientHello record (RFC 8446 section 4.1.2) with one cipher suite, SNI and ALPN h2. */
    static byte[] clientHello(String serverName) {
        byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer ext = ByteBuffer.allocate(9 + name.length + 9);
        ext.putShort((short) 0).putShort((short) (5 + name.length)).putShort((short) (3 + name.length))
                .put((byte) 0).putShort((short) name.length).put(name);
        ext.putShort((short) 16).putShort((short) 5).putShort((short) 3).put((byte) 2).put((byte) 'h').put((byte) '2');
        int bodyLength = 2 + 32 + 1 + 4 + 2 + 2 + ext.capacity();
        ByteBuffer b = ByteBuffer.allocate(5 + 4 + bodyLength);
        b.put((byte) 22).putShort((short) 0x0301).putShort((short) (4 + bodyLength));
        b.put((byte) 1).put((byte) 0).putShort((short) bodyLength);
        b.putShort((short) 0x0303).put(new byte[32]).put((byte) 0);
        b.putShort((short) 2).putShort((short) 0x1301);
        b.put((byte) 1).put((byte) 0);
        b.putShort((short) ext.capacity()).put(ext.array());
        return b.array();
    }

    /** One TCP connection's IP packets: handshake, then each step's bytes in turn, from the client or the server. */
    private static List<byte[]> connection(String client, int clientPort, String server, int serverPort,
            Object... steps) {
        List<byte[]> packets = new ArrayList<>();
        long c = 1000;
        long s = 900_000;
        packets.add(Frames.ipv4(client, server).payload(Frames.tcp(clientPort, serverPort).flags(Frames.SYN).seq(c)).build());
        packets.add(Frames.ipv4(server, client).payload(Frames.tcp(serverPort, clientPort)
                .flags(Frames.SYN | Frames.ACK).seq(s).ack(c + 1)).build());
        c++;
        s++;
        packets.add(Frames.ipv4(client, server).payload(Frames.tcp(clientPort, serverPort).flags(Frames.ACK).seq(c).ack(s)).build());
        for (int i = 0; i < steps.length; i += 2) {
            boolean fromClient = (Boolean) steps[i];
            byte[] data = (byte[]) steps[i + 1];
            if (fromClient) {
                packets.add(Frames.ipv4(client, server).payload(Frames.tcp(clientPort, serverPort)
                        .flags(Frames.PSH | Frames.ACK).seq(c).ack(s).payload(data)).build());
                c += data.length;
            } else {
                packets.add(Frames.ipv4(server, client).payload(Frames.tcp(serverPort, clientPort)
                        .flags(Frames.PSH | Frames.ACK).seq(s).ack(c).payload(data)).build());
                s += data.length;
            }
        }
        return packets;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** RFC 7348: an outer UDP datagram between two hypervisors, the VXLAN header (I flag, VNI 42), the VM's frame. */
    static byte[] vxlan(byte[] innerIp, boolean towardsVm) {
        byte[] inner = Frames.ethernet().src(towardsVm ? GATEWAY_MAC : VM_MAC).dst(towardsVm ? VM_MAC : GATEWAY_MAC)
                .build(innerIp);
        byte[] header = bytes(0x08, 0, 0, 0, 0, 0, 42, 0);
        return Frames.ethernet(Frames.ipv4("192.0.2.1", "192.0.2.2")
                .payload(Frames.udp(49152 + (towardsVm ? 1 : 0), 4789).payload(concat(header, inner))).build());
    }

    /**
     * 3GPP TS 29.281: an outer UDP datagram between base station and core, a G-PDU header with a
     * sequence number and one PDU session container extension header (as 5G sends), the phone's packet.
     */
    static byte[] gtpu(byte[] innerIp, boolean down) {
        byte[] optional = bytes(0x12, 0x34, 0, 0x85); // sequence, N-PDU, next: PDU session container
        byte[] extension = bytes(1, down ? 0x00 : 0x10, 9, 0); // length 1 (4 bytes), QFI 9, no next
        int length = optional.length + extension.length + innerIp.length;
        byte[] header = bytes(0x36, 0xFF, length >>> 8, length & 0xFF, 0, 0, 0x10, 0x01); // E and S set
        return Frames.ethernet(Frames.ipv4(down ? "198.51.100.2" : "198.51.100.1", down ? "198.51.100.1" : "198.51.100.2")
                .payload(Frames.udp(2152, 2152).payload(concat(header, optional, extension, innerIp))).build());
    }

    private void write(List<byte[]> packets, UnaryOperator<byte[]> frame) {
        for (byte[] ip : packets) {
            pcap.frame(clock, frame.apply(ip));
            clock += 1_000_000;
        }
    }

    private AnalysisResult analyze() throws Exception {
        Path file = pcap.writeTo(dir.resolve("tunnels.pcap"));
        return new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file);
    }

    private static FlowRecord flow(AnalysisResult r, int clientPort) {
        return r.flows().stream().filter(f -> f.key().clientPort() == clientPort).findFirst()
                .orElseThrow(() -> new AssertionError("no flow from port " + clientPort + " in " + r.flows()));
    }

    private static void assertNamedBySni(FlowRecord f, String name) {
        assertEquals(name, f.names().serverName(), f.toString());
        assertEquals(NameSource.TLS_SNI, f.names().source(), f.toString());
        assertEquals(SERVER, f.key().server().toString());
        assertEquals(443, f.key().serverPort());
    }

    @Test
    void tcpInsideVxlanIsTheInnerFlowNamedBySni() throws Exception {
        List<byte[]> packets = connection(PHONE, 40001, SERVER, 443, true, clientHello("v16-webapp.tiktok.com"),
                false, new byte[700]);
        for (byte[] ip : packets) {
            boolean down = ip[12] == (byte) 203; // the server's packets go towards the VM
            pcap.frame(clock, vxlan(ip, down));
            clock += 1_000_000;
        }
        AnalysisResult r = analyze();

        assertEquals(1, r.flows().size(), r.flows().toString());
        FlowRecord f = flow(r, 40001);
        assertNamedBySni(f, "v16-webapp.tiktok.com");
        assertEquals("TikTok", f.attribution().service());
        assertEquals(PHONE, f.key().client().toString());
        assertEquals(VM_MAC, f.clientMac(), "the VM's MAC from the inner frame");
        assertEquals(3, f.packetsUp());
        assertEquals(2, f.packetsDown());
        long innerBytes = packets.stream().mapToLong(p -> p.length).sum();
        assertEquals(innerBytes, f.bytesUp() + f.bytesDown(), "the inner packets' IP bytes, without the tunnel's");
        assertEquals(0, r.counters().malformed());
    }

    @Test
    void tcpInsideGtpuIsTheInnerFlowNamedBySni() throws Exception {
        List<byte[]> packets = connection(PHONE, 40002, SERVER, 443, true, clientHello("api16-normal-c-useast1a.tiktokv.com"),
                false, new byte[1200]);
        for (byte[] ip : packets) {
            pcap.frame(clock, gtpu(ip, ip[12] == (byte) 203));
            clock += 1_000_000;
        }
        AnalysisResult r = analyze();

        assertEquals(1, r.flows().size(), r.flows().toString());
        FlowRecord f = flow(r, 40002);
        assertNamedBySni(f, "api16-normal-c-useast1a.tiktokv.com");
        assertEquals(PHONE, f.key().client().toString());
        assertEquals(-1, f.clientMac(), "no link layer inside GTP-U: the phone is known by its address");
        assertEquals(packets.stream().mapToLong(p -> p.length).sum(), f.bytesUp() + f.bytesDown());
    }

    @Test
    void aClientHelloAfterASocks5HandshakeNamesTheFlow() throws Exception {
        byte[] target = "v19.tiktokcdn.com".getBytes(StandardCharsets.US_ASCII);
        byte[] request = concat(bytes(5, 1, 0, 3, target.length), target, bytes(1, 187));
        write(connection(PHONE, 40003, SERVER, 1080,
                true, bytes(5, 2, 0, 2), // greeting: no authentication or username/password
                false, bytes(5, 2), // the proxy chooses username/password
                true, concat(bytes(1, 4), "user".getBytes(StandardCharsets.US_ASCII), bytes(6),
                        "secret".getBytes(StandardCharsets.US_ASCII)),
                false, bytes(1, 0),
                true, request,
                false, bytes(5, 0, 0, 1, 203, 0, 113, 80, 1, 187),
                true, clientHello("v19.tiktokcdn.com"),
                false, new byte[900]), Frames::ethernet);
        AnalysisResult r = analyze();

        FlowRecord f = flow(r, 40003);
        assertEquals("v19.tiktokcdn.com", f.names().serverName(), f.toString());
        assertEquals(NameSource.TLS_SNI, f.names().source());
        assertEquals(List.of("h2"), f.names().alpn());
        assertEquals("TikTok", f.attribution().service());
    }

    @Test
    void aClientHelloAfterAnHttpConnectNamesTheFlow() throws Exception {
        byte[] connect = "CONNECT proxy-target.example:443 HTTP/1.1\r\nHost: proxy-target.example:443\r\nProxy-Connection: keep-alive\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        write(connection(PHONE, 40004, SERVER, 3128,
                true, connect,
                false, "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                true, clientHello("im-api.tiktok.com"),
                false, new byte[900]), Frames::ethernet);
        // the same request with the ClientHello in the CONNECT's own segment (a client that does not wait)
        write(connection(PHONE, 40005, SERVER, 3128,
                true, concat(connect, clientHello("log.tiktokv.com"))), Frames::ethernet);
        // a CONNECT whose tunnel carries no TLS keeps the Host header's name
        write(connection(PHONE, 40006, SERVER, 3128,
                true, connect,
                false, "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                true, "SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII)), Frames::ethernet);
        AnalysisResult r = analyze();

        FlowRecord tunnelled = flow(r, 40004);
        assertEquals("im-api.tiktok.com", tunnelled.names().serverName(), tunnelled.toString());
        assertEquals(NameSource.TLS_SNI, tunnelled.names().source());
        assertEquals("TikTok", tunnelled.attribution().service());
        assertEquals("log.tiktokv.com", flow(r, 40005).names().serverName());
        FlowRecord plain = flow(r, 40006);
        assertEquals("proxy-target.example", plain.names().serverName());
        assertEquals(NameSource.HTTP_HOST, plain.names().source());
    }

    @Test
    void anIpv4TotalLengthBeyondTheFrameCountsWithThatLengthAndIsMarked() throws Exception {
        List<byte[]> packets = connection("192.168.1.20", 40007, SERVER, 443, true, clientHello("www.tiktok.com"));
        // the SYN+ACK as a host captures it before segmentation offload: its header says 4148 bytes
        byte[] synAck = packets.get(1);
        ByteBuffer.wrap(synAck).putShort(2, (short) 4148);
        write(packets, Frames::ethernet);
        AnalysisResult r = analyze();

        FlowRecord f = flow(r, 40007);
        assertEquals(1, f.packetsDown(), "the SYN+ACK counts");
        assertEquals(4148, f.bytesDown(), "with its IP total length, as tshark's ip.len");
        assertEquals(1, r.counters().truncated());
        assertEquals(0, r.counters().malformed());
        assertEquals(r.counters().frames(), r.counters().ipPackets());
        assertEquals("www.tiktok.com", f.names().serverName());
    }

    @Test
    void brokenTunnelHeadersStayTheOuterDatagrams() throws Exception {
        byte[] inner = connection(PHONE, 40008, SERVER, 443, true, clientHello("www.tiktok.com")).get(3);
        byte[] vxlanFrame = vxlan(inner, false);
        byte[] gtpFrame = gtpu(inner, false);
        int udpPayload = 14 + 20 + 8;
        byte[] noIFlag = vxlanFrame.clone();
        noIFlag[udpPayload] = 0;
        byte[] gtpLengthTooLong = gtpFrame.clone();
        gtpLengthTooLong[udpPayload + 2] = (byte) 0x7F;
        byte[] gtpExtensionLengthZero = gtpFrame.clone();
        gtpExtensionLengthZero[udpPayload + 12] = 0;
        byte[] gtpInnerCut = gtpFrame.clone();
        gtpInnerCut[udpPayload + 16 + 3] = (byte) 0xFF; // the inner IPv4 total length overruns the tunnel
        pcap.frame(clock++, noIFlag)
                .frame(clock++, gtpLengthTooLong)
                .frame(clock++, gtpExtensionLengthZero)
                .frame(clock++, gtpInnerCut)
                // cut by the snap length inside the tunnel headers
                .frame(clock++, vxlanFrame.length, Frames.truncate(vxlanFrame, udpPayload + 5))
                .frame(clock++, gtpFrame.length, Frames.truncate(gtpFrame, udpPayload + 10));
        AnalysisResult r = analyze();

        assertEquals(0, r.counters().malformed(), "the outer datagrams are whole");
        assertEquals(0, r.counters().truncated());
        assertEquals(6, r.counters().ipPackets());
        assertTrue(r.flows().stream().allMatch(f -> f.key().protocol() == 17), r.flows().toString());
        assertEquals(2, packets(r, 4789));
        assertEquals(4, packets(r, 2152));
        assertEquals(r.counters().ipBytes(), r.flows().stream().mapToLong(f -> f.bytesUp() + f.bytesDown()).sum(),
                "every outer byte counts");
    }

    private static long packets(AnalysisResult r, int serverPort) {
        return r.flows().stream().filter(f -> f.key().serverPort() == serverPort)
                .mapToLong(f -> f.packetsUp() + f.packetsDown()).sum();
    }
}
