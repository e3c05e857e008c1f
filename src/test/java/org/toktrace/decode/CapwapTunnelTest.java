package org.toktrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.toktrace.model.IpProtocols;
import org.toktrace.testkit.Frames;

/** CAPWAP data (RFC 5415, RFC 5416): the phone's packet inside the tunnel becomes the packet. */
class CapwapTunnelTest {

    private static final long PHONE = 0x8480_2d2b_4590L;
    private static final long AP = 0x54f2_01e1_b299L;

    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();

    private static byte[] inner() {
        return Frames.ipv4("10.1.3.68", "74.125.130.188").payload(Frames.tcp(47025, 443).flags(Frames.SYN).seq(7)).build();
    }

    /** A CAPWAP header of 8 bytes (HLEN 2): version/type byte, then HLEN, RID, WBID 1, T, F. */
    private static byte[] capwapHeader(boolean nativeFormat, boolean fragment, int preamble) {
        int word = (preamble << 24) | (2 << 19) | (1 << 14) | (1 << 9) | ((nativeFormat ? 1 : 0) << 8) | ((fragment ? 1 : 0) << 7);
        return ByteBuffer.allocate(8).putInt(word).putInt(0).array();
    }

    /** An 802.11 QoS data frame To DS from the phone, LLC/SNAP, IPv4. */
    private static byte[] dot11(byte[] ip, boolean swapFrameControl, boolean protectedFrame) {
        ByteBuffer b = ByteBuffer.allocate(26 + 8 + ip.length);
        int fc0 = 0x88; // type data (2), subtype QoS data (8)
        int fc1 = 0x01 | (protectedFrame ? 0x40 : 0); // To DS
        b.put((byte) (swapFrameControl ? fc1 : fc0)).put((byte) (swapFrameControl ? fc0 : fc1));
        b.putShort((short) 0);
        b.putShort((short) (AP >>> 32)).putInt((int) AP); // address 1: the BSSID (receiver)
        b.putShort((short) (PHONE >>> 32)).putInt((int) PHONE); // address 2: the phone (transmitter, source)
        b.putShort((short) 0x0200).putInt(0xFE); // address 3: the destination
        b.putShort((short) 0); // sequence
        b.putShort((short) 0); // QoS control
        b.put(new byte[] {(byte) 0xAA, (byte) 0xAA, 3, 0, 0, 0, 0x08, 0x00});
        b.put(ip);
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    private DecodeStatus decodeTunnel(byte[] capwapPayload) {
        byte[] outer = Frames.ipv4("172.50.100.155", "172.16.100.87").payload(Frames.udp(41264, 5247).payload(capwapPayload)).build();
        byte[] frame = Frames.ethernet().qinq(100, 200).build(outer);
        return decoder.decode(ByteBuffer.wrap(frame), 0, frame.length, frame.length, 1, view);
    }

    private void assertInner() {
        assertTrue(view.tunneled());
        assertEquals("10.1.3.68", view.srcAddress().toString());
        assertEquals("74.125.130.188", view.dstAddress().toString());
        assertEquals(IpProtocols.TCP, view.protocol());
        assertEquals(47025, view.srcPort());
        assertEquals(443, view.dstPort());
        assertEquals(inner().length, view.ipLength(), "the inner packet's IP length counts");
        assertEquals(PHONE, view.linkSrc(), "the phone's MAC, from the 802.11 source address");
    }

    @Test
    void an80211FrameInsideIsThePacket() {
        assertEquals(DecodeStatus.IP, decodeTunnel(concat(capwapHeader(true, false, 0), dot11(inner(), false, false))));
        assertInner();
    }

    @Test
    void aByteSwappedFrameControlAsCiscoSendsIt() {
        assertEquals(DecodeStatus.IP, decodeTunnel(concat(capwapHeader(true, false, 0), dot11(inner(), true, false))));
        assertInner();
    }

    @Test
    void an8023FrameInside() {
        byte[] eth = Frames.ethernet().src(PHONE).build(inner());
        assertEquals(DecodeStatus.IP, decodeTunnel(concat(capwapHeader(false, false, 0), eth)));
        assertInner();
    }

    @Test
    void whatCannotBeUnwrappedStaysTheOuterUdpFlow() {
        byte[][] payloads = {
            concat(capwapHeader(true, false, 1), dot11(inner(), false, false)), // DTLS-protected
            concat(capwapHeader(true, true, 0), dot11(inner(), false, false)), // a CAPWAP fragment
            concat(capwapHeader(true, false, 0), dot11(inner(), false, true)), // an encrypted 802.11 frame
            concat(capwapHeader(true, false, 0), new byte[10]), // cut short
            capwapHeader(true, false, 0),
        };
        for (byte[] payload : payloads) {
            assertEquals(DecodeStatus.IP, decodeTunnel(payload));
            assertFalse(view.tunneled());
            assertEquals(IpProtocols.UDP, view.protocol());
            assertEquals(5247, view.dstPort());
            assertEquals("172.50.100.155", view.srcAddress().toString());
        }
    }
}
