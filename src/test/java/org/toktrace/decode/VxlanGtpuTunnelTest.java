package org.toktrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.toktrace.model.IpProtocols;
import org.toktrace.testkit.Frames;

/** VXLAN (RFC 7348) and GTP-U (3GPP TS 29.281): the innermost packet becomes the packet, or the datagram stays. */
class VxlanGtpuTunnelTest {

    private static final long VM = 0x0200_0000_0a07L;

    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();

    private static byte[] inner() {
        return Frames.ipv4("10.45.0.7", "203.0.113.80").payload(Frames.tcp(40001, 443).flags(Frames.SYN).seq(7)).build();
    }

    private static byte[] innerV6() {
        return Frames.ipv6("2001:db8::7", "2001:db8:1::80").payload(Frames.tcp(40001, 443).flags(Frames.SYN)).build();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] udpIp(int srcPort, int dstPort, byte[] payload) {
        return Frames.ipv4("192.0.2.1", "192.0.2.2").payload(Frames.udp(srcPort, dstPort).payload(payload)).build();
    }

    /** A VXLAN datagram (I flag, VNI 42) carrying {@code ip} in an Ethernet frame from the VM. */
    private static byte[] vxlan(byte[] ip) {
        return udpIp(51000, 4789, concat(bytes(0x08, 0, 0, 0, 0, 0, 42, 0), Frames.ethernet().src(VM).build(ip)));
    }

    /** A G-PDU: flags, type 255, length over {@code rest}, TEID, then {@code rest} (optional fields, extensions, packet). */
    private static byte[] gtpu(int flags, int type, byte[] rest) {
        return udpIp(2152, 2152, concat(bytes(flags, type, rest.length >>> 8, rest.length & 0xFF, 0, 0, 0, 9), rest));
    }

    private DecodeStatus decode(byte[] ip) {
        byte[] frame = Frames.ethernet(ip);
        return decoder.decode(ByteBuffer.wrap(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET, view);
    }

    private void assertInner(String client) {
        assertTrue(view.tunneled(), view::toString);
        assertEquals(client, view.srcAddress().toString());
        assertEquals(IpProtocols.TCP, view.protocol());
        assertEquals(40001, view.srcPort());
        assertEquals(443, view.dstPort());
    }

    private void assertOuter(int dstPort) {
        assertFalse(view.tunneled(), view::toString);
        assertEquals(IpProtocols.UDP, view.protocol());
        assertEquals("192.0.2.1", view.srcAddress().toString());
        assertEquals(dstPort, view.dstPort());
        assertEquals(Frames.DEFAULT_SRC_MAC, view.linkSrc(), "the outer frame's MAC is back");
    }

    @Test
    void vxlanCarriesTheVmsFrame() {
        assertEquals(DecodeStatus.IP, decode(vxlan(inner())));
        assertInner("10.45.0.7");
        assertEquals(inner().length, view.ipLength());
        assertEquals(VM, view.linkSrc());
        assertEquals(1, view.tunnelDepth());
    }

    @Test
    void gtpuWithoutOptionalFields() {
        assertEquals(DecodeStatus.IP, decode(gtpu(0x30, 0xFF, inner())));
        assertInner("10.45.0.7");
        assertEquals(-1, view.linkSrc(), "the packet inside GTP-U has no link layer");
    }

    @Test
    void gtpuWithSequenceAndAChainOfExtensionHeaders() {
        byte[] optional = bytes(0, 1, 0, 0x85); // sequence, N-PDU, next: PDU session container
        byte[] container = bytes(1, 0x10, 9, 0x40); // 4 bytes, next: UDP port extension
        byte[] udpPort = bytes(2, 0, 0, 0, 0, 0, 0x12, 0); // 8 bytes, no next
        assertEquals(DecodeStatus.IP, decode(gtpu(0x36, 0xFF, concat(optional, container, udpPort, innerV6()))));
        assertInner("2001:db8::7");
        assertEquals(innerV6().length, view.ipLength());
        // S set without E: the next-type byte is not read, the packet follows the 4 optional bytes
        assertEquals(DecodeStatus.IP, decode(gtpu(0x32, 0xFF, concat(bytes(0, 1, 0, 0x85), inner()))));
        assertInner("10.45.0.7");
    }

    @Test
    void tunnelsNestUpToTheCap() {
        byte[] packet = inner();
        for (int depth = 1; depth <= TunnelDecoder.MAX_TUNNEL_DEPTH + 2; depth++) {
            packet = depth % 2 == 0 ? vxlan(packet) : gtpu(0x30, 0xFF, packet);
            assertEquals(DecodeStatus.IP, decode(packet));
            if (depth <= TunnelDecoder.MAX_TUNNEL_DEPTH) {
                assertInner("10.45.0.7");
                assertEquals(depth, view.tunnelDepth());
            } else {
                assertEquals(IpProtocols.UDP, view.protocol(), "beyond the cap a datagram stays a datagram");
                assertEquals(TunnelDecoder.MAX_TUNNEL_DEPTH, view.tunnelDepth());
            }
        }
    }

    @Test
    void aNestedTunnelThatCannotBeUnwrappedStaysTheDatagramOfTheTunnelAroundIt() {
        // GTP-U carrying a VXLAN datagram whose own header lacks the I flag: the VXLAN datagram is the packet
        byte[] vmFrame = concat(bytes(0, 0, 0, 0, 0, 0, 42, 0), Frames.ethernet().src(VM).build(inner()));
        byte[] vxlanDatagram = Frames.ipv4("10.45.0.9", "10.45.0.10").payload(Frames.udp(51000, 4789).payload(vmFrame)).build();
        assertEquals(DecodeStatus.IP, decode(gtpu(0x30, 0xFF, vxlanDatagram)));
        assertEquals(1, view.tunnelDepth(), view::toString);
        assertEquals(IpProtocols.UDP, view.protocol());
        assertEquals("10.45.0.9", view.srcAddress().toString());
        assertEquals(51000, view.srcPort());
        assertEquals(4789, view.dstPort());
        assertEquals(vxlanDatagram.length, view.ipLength());
        assertEquals(vmFrame.length, view.l4PayloadLength());
        assertEquals(-1, view.linkSrc(), "the datagram inside GTP-U has no link layer");
        // the same view then decodes the next frame from scratch
        assertEquals(DecodeStatus.IP, decode(vxlan(inner())));
        assertInner("10.45.0.7");
        assertEquals(1, view.tunnelDepth());
    }

    @Test
    void whatCannotBeUnwrappedStaysTheOuterDatagram() {
        byte[] optional = bytes(0, 1, 0, 0x85);
        byte[][] vxlans = {
            udpIp(51000, 4789, concat(bytes(0, 0, 0, 0, 0, 0, 42, 0), Frames.ethernet(inner()))), // no I flag
            udpIp(51000, 4789, bytes(0x08, 0, 0, 0, 0, 0)), // header cut short
            udpIp(51000, 4789, concat(bytes(0x08, 0, 0, 0, 0, 0, 42, 0), Frames.ethernet().type(0x0806).build(new byte[28]))), // ARP
            udpIp(51000, 4789, concat(bytes(0x08, 0, 0, 0, 0, 0, 42, 0), new byte[10])), // inner frame cut short
        };
        for (byte[] ip : vxlans) {
            assertEquals(DecodeStatus.IP, decode(ip));
            assertOuter(4789);
        }
        byte[] lyingInner = inner();
        ByteBuffer.wrap(lyingInner).putShort(2, (short) 1400);
        byte[][] gtps = {
            gtpu(0x30, 1, new byte[0]), // echo request
            gtpu(0x20, 0xFF, inner()), // PT 0: GTP'
            gtpu(0x50, 0xFF, inner()), // version 2
            gtpu(0x34, 0xFF, bytes(0, 1)), // optional fields cut short
            gtpu(0x34, 0xFF, concat(optional, bytes(0, 0, 0, 0), inner())), // extension of length 0
            gtpu(0x34, 0xFF, concat(optional, bytes(9, 0, 0, 0), inner())), // extension longer than the packet
            gtpu(0x34, 0xFF, concat(optional, repeat(bytes(1, 0, 0, 0x85), 9), inner())), // too many extensions
            gtpu(0x30, 0xFF, bytes(0x70, 0, 0, 0)), // neither IPv4 nor IPv6 inside
            gtpu(0x30, 0xFF, lyingInner), // inner total length beyond the tunnel
            udpIp(2152, 2152, bytes(0x30, 0xFF, 0x7F, 0xFF, 0, 0, 0, 9)), // GTP length beyond the datagram
        };
        for (byte[] ip : gtps) {
            assertEquals(DecodeStatus.IP, decode(ip));
            assertOuter(2152);
            assertFalse(view.lengthBeyondFrame());
        }
    }

    @Test
    void anySuffixOfATunnelDecodesWithoutSurprise() {
        Random random = new Random(16);
        byte[] whole = Frames.ethernet(gtpu(0x36, 0xFF, concat(bytes(0, 1, 0, 0x85), bytes(1, 0x10, 9, 0), inner())));
        for (int i = 0; i < 5000; i++) {
            byte[] frame = whole.clone();
            for (int k = 0; k < 3; k++) {
                frame[14 + 28 + random.nextInt(frame.length - 42)] = (byte) random.nextInt(256);
            }
            int cut = 14 + 28 + random.nextInt(frame.length - 41);
            DecodeStatus status = decoder.decode(ByteBuffer.wrap(frame), 0, cut, frame.length, LinkTypes.ETHERNET, view);
            assertEquals(DecodeStatus.IP, status, "the outer datagram is whole");
            assertTrue(view.l4PayloadOffset() + view.l4PayloadLength() <= cut, view::toString);
        }
    }

    private static byte[] repeat(byte[] b, int times) {
        byte[][] parts = new byte[times][];
        java.util.Arrays.fill(parts, b);
        return concat(parts);
    }
}
