package org.toktrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toktrace.testkit.Frames.ACK;
import static org.toktrace.testkit.Frames.PSH;
import static org.toktrace.testkit.Frames.SYN;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.Frames;

class PacketDecoderTest {

    private static final long MAC_A = Frames.mac("02:11:22:33:44:55");
    private static final long MAC_B = Frames.mac("02:aa:bb:cc:dd:ee");

    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();

    private DecodeStatus decode(byte[] frame, int linkType) {
        return decode(frame, frame.length, linkType);
    }

    private DecodeStatus decode(byte[] frame, int originalLength, int linkType) {
        // put the frame at an offset inside a larger buffer, as a file reader does
        byte[] big = new byte[frame.length + 37];
        System.arraycopy(frame, 0, big, 20, frame.length);
        return decoder.decode(ByteBuffer.wrap(big), 20, frame.length, originalLength, linkType, view);
    }

    private static byte[] tcpV4(int payload) {
        return Frames.ipv4("10.0.0.2", "93.184.216.34")
                .payload(Frames.tcp(50000, 443).flags(PSH | ACK).seq(7).ack(9).payload(payload)).build();
    }

    private static byte[] udpV6(int payload) {
        return Frames.ipv6("2001:db8::2", "2001:4860:4860::8888").payload(Frames.udp(40000, 53).payload(payload)).build();
    }

    private void assertTcpV4(int payload) {
        assertEquals(4, view.ipVersion());
        assertEquals(IpAddress.parse("10.0.0.2"), view.srcAddress());
        assertEquals(IpAddress.parse("93.184.216.34"), view.dstAddress());
        assertEquals(0, view.srcHi());
        assertEquals(6, view.protocol());
        assertEquals(50000, view.srcPort());
        assertEquals(443, view.dstPort());
        assertEquals(40 + payload, view.ipLength());
        assertEquals(PSH | ACK, view.tcpFlags());
        assertEquals(7, view.tcpSeq());
        assertEquals(9, view.tcpAck());
        assertEquals(payload, view.l4PayloadLength());
        assertFalse(view.isFragment());
    }

    // ------------------------------------------------------------ link types

    @Test
    void ethernetII() {
        byte[] frame = Frames.ethernet().src(MAC_A).dst(MAC_B).build(tcpV4(10));
        assertEquals(DecodeStatus.IP, decode(frame, LinkTypes.ETHERNET));
        assertTcpV4(10);
        assertEquals(MAC_A, view.linkSrc());
        assertEquals(MAC_B, view.linkDst());
        assertEquals(20 + 14, view.ipOffset());
        assertEquals(20 + 14 + 40, view.l4PayloadOffset());
    }

    @Test
    void ethernetPaddingDoesNotCount() {
        byte[] ip = tcpV4(0);
        byte[] padded = new byte[ip.length + 6];
        System.arraycopy(ip, 0, padded, 0, ip.length);
        assertEquals(DecodeStatus.IP, decode(Frames.ethernet(padded), LinkTypes.ETHERNET));
        assertEquals(40, view.ipLength());
        assertEquals(0, view.l4PayloadLength());
    }

    @Test
    void vlanTagsOneTwoAndThree() {
        assertEquals(DecodeStatus.IP, decode(Frames.ethernet().vlan(10).build(tcpV4(1)), LinkTypes.ETHERNET));
        assertTcpV4(1);
        assertEquals(20 + 18, view.ipOffset());
        assertEquals(DecodeStatus.IP, decode(Frames.ethernet().qinq(100, 10).build(udpV6(3)), LinkTypes.ETHERNET));
        assertEquals(53, view.dstPort());
        assertEquals(20 + 22, view.ipOffset());
        byte[] triple = Frames.ethernet().tag(Frames.TPID_QINQ, 5).tag(Frames.TPID_8021AD, 6).vlan(7).build(tcpV4(2));
        assertEquals(DecodeStatus.IP, decode(triple, LinkTypes.ETHERNET));
        assertTcpV4(2);
    }

    @Test
    void tooManyVlanTagsIsMalformed() {
        Frames.Ethernet e = Frames.ethernet();
        for (int i = 0; i <= PacketDecoder.MAX_VLAN_TAGS; i++) {
            e.vlan(i);
        }
        assertEquals(DecodeStatus.MALFORMED, decode(e.build(tcpV4(1)), LinkTypes.ETHERNET));
    }

    @Test
    void vlanTagCutShortIsMalformed() {
        byte[] frame = Frames.ethernet().vlan(10).build(tcpV4(1));
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.truncate(frame, 16), LinkTypes.ETHERNET));
    }

    @Test
    void llcSnapCarriesIp() {
        assertEquals(DecodeStatus.IP, decode(Frames.ethernet().llcSnap().build(tcpV4(4)), LinkTypes.ETHERNET));
        assertTcpV4(4);
    }

    @Test
    void plainLlcAndArpAreNotIp() {
        byte[] stp = Frames.ethernet().type(0x0026).build(new byte[] {0x42, 0x42, 0x03, 0, 0, 0});
        assertEquals(DecodeStatus.NOT_IP, decode(stp, LinkTypes.ETHERNET));
        assertEquals(DecodeStatus.NOT_IP, decode(Frames.ethernet().type(Frames.ETHERTYPE_ARP).build(new byte[28]),
                LinkTypes.ETHERNET));
        assertEquals(DecodeStatus.NOT_IP, decode(Frames.ethernet().vlan(3).type(0x88CC).build(new byte[20]),
                LinkTypes.ETHERNET));
    }

    @Test
    void shortEthernetIsMalformed() {
        assertEquals(DecodeStatus.MALFORMED, decode(new byte[13], LinkTypes.ETHERNET));
    }

    @Test
    void linuxCookedV1() {
        assertEquals(DecodeStatus.IP, decode(Frames.sll(4, MAC_A, tcpV4(5)), LinkTypes.LINUX_SLL));
        assertTcpV4(5);
        assertEquals(MAC_A, view.linkSrc());
        assertEquals(-1, view.linkDst());
        assertEquals(20 + 16, view.ipOffset());
        assertEquals(DecodeStatus.IP, decode(Frames.sll(0, MAC_B, udpV6(5)), LinkTypes.LINUX_SLL));
        assertEquals(6, view.ipVersion());
        assertEquals(MAC_B, view.linkSrc());
    }

    @Test
    void linuxCookedV2() {
        assertEquals(DecodeStatus.IP, decode(Frames.sll2(0, 3, MAC_A, tcpV4(6)), LinkTypes.LINUX_SLL2));
        assertTcpV4(6);
        assertEquals(MAC_A, view.linkSrc());
        assertEquals(20 + 20, view.ipOffset());
        assertEquals(DecodeStatus.MALFORMED, decode(new byte[19], LinkTypes.LINUX_SLL2));
        assertEquals(DecodeStatus.MALFORMED, decode(new byte[15], LinkTypes.LINUX_SLL));
    }

    @Test
    void rawIpLinkTypes() {
        for (int link : new int[] {LinkTypes.RAW, LinkTypes.DLT_RAW_12, LinkTypes.DLT_RAW_14, LinkTypes.IPV4}) {
            assertEquals(DecodeStatus.IP, decode(tcpV4(7), link), "link " + link);
            assertTcpV4(7);
            assertEquals(-1, view.linkSrc());
            assertEquals(20, view.ipOffset());
        }
        assertEquals(DecodeStatus.IP, decode(udpV6(8), LinkTypes.RAW));
        assertEquals(DecodeStatus.IP, decode(udpV6(8), LinkTypes.IPV6));
        assertEquals(6, view.ipVersion());
    }

    @Test
    void rawIpVersionMismatchIsMalformed() {
        assertEquals(DecodeStatus.MALFORMED, decode(udpV6(8), LinkTypes.IPV4));
        assertEquals(DecodeStatus.MALFORMED, decode(tcpV4(8), LinkTypes.IPV6));
        byte[] v5 = tcpV4(0);
        v5[0] = 0x55;
        assertEquals(DecodeStatus.MALFORMED, decode(v5, LinkTypes.RAW));
        assertEquals(DecodeStatus.MALFORMED, decode(new byte[0], LinkTypes.RAW));
    }

    @Test
    void ethertypeVersionMismatchIsMalformed() {
        assertEquals(DecodeStatus.MALFORMED,
                decode(Frames.ethernet().type(Frames.ETHERTYPE_IPV4).build(udpV6(1)), LinkTypes.ETHERNET));
        assertEquals(DecodeStatus.MALFORMED,
                decode(Frames.ethernet().type(Frames.ETHERTYPE_IPV6).build(tcpV4(1)), LinkTypes.ETHERNET));
    }

    @Test
    void bsdLoopbackBothByteOrdersAndAllInet6Values() {
        assertEquals(DecodeStatus.IP, decode(Frames.nullLoopback(2, true, tcpV4(1)), LinkTypes.NULL));
        assertTcpV4(1);
        assertEquals(DecodeStatus.IP, decode(Frames.nullLoopback(2, false, tcpV4(1)), LinkTypes.NULL));
        assertTcpV4(1);
        for (int family : new int[] {24, 28, 30}) {
            for (boolean little : new boolean[] {true, false}) {
                assertEquals(DecodeStatus.IP, decode(Frames.nullLoopback(family, little, udpV6(2)), LinkTypes.NULL));
                assertEquals(6, view.ipVersion());
            }
        }
        assertEquals(DecodeStatus.NOT_IP, decode(Frames.nullLoopback(17, true, tcpV4(1)), LinkTypes.NULL));
        // Npcap loopback writes Windows' AF_INET6 (23); believed only when the packet is IPv6
        assertEquals(DecodeStatus.IP, decode(Frames.nullLoopback(23, true, udpV6(2)), LinkTypes.NULL));
        assertEquals(6, view.ipVersion());
        assertEquals(DecodeStatus.NOT_IP, decode(Frames.nullLoopback(23, true, tcpV4(1)), LinkTypes.NULL));
        assertEquals(DecodeStatus.MALFORMED, decode(new byte[3], LinkTypes.NULL));
    }

    @Test
    void openBsdLoop() {
        assertEquals(DecodeStatus.IP, decode(Frames.openBsdLoop(2, tcpV4(1)), LinkTypes.LOOP));
        assertTcpV4(1);
        assertEquals(DecodeStatus.IP, decode(Frames.openBsdLoop(24, udpV6(1)), LinkTypes.LOOP));
        assertEquals(6, view.ipVersion());
        // LOOP is network order only: a little-endian family is some other family
        assertEquals(DecodeStatus.NOT_IP, decode(Frames.nullLoopback(2, true, tcpV4(1)), LinkTypes.LOOP));
    }

    @Test
    void unknownLinkType() {
        assertEquals(DecodeStatus.UNSUPPORTED_LINK, decode(tcpV4(1), 127));
        assertEquals(DecodeStatus.UNSUPPORTED_LINK, decode(tcpV4(1), -1));
    }

    @Test
    void pppoeSession() {
        byte[] ip = tcpV4(3);
        ByteBuffer b = ByteBuffer.allocate(8 + ip.length);
        b.put((byte) 0x11).put((byte) 0).putShort((short) 1).putShort((short) (ip.length + 2)).putShort((short) 0x21).put(ip);
        assertEquals(DecodeStatus.IP, decode(Frames.ethernet().type(0x8864).build(b.array()), LinkTypes.ETHERNET));
        assertTcpV4(3);
    }

    // ------------------------------------------------------------ IPv4

    @Test
    void ipv4Options() {
        byte[] ip = Frames.ipv4("10.0.0.2", "93.184.216.34").options((byte) 0x94, (byte) 4, (byte) 0, (byte) 0, (byte) 1)
                .payload(Frames.tcp(50000, 443).flags(PSH | ACK).seq(7).ack(9).payload(12)).build();
        assertEquals(DecodeStatus.IP, decode(ip, LinkTypes.RAW));
        assertEquals(20 + 28, view.l4Offset());
        assertEquals(20 + 28 + 20, view.l4PayloadOffset());
        assertEquals(12, view.l4PayloadLength());
        assertEquals(28 + 20 + 12, view.ipLength());
    }

    @Test
    void ipv4IhlBelowFiveIsMalformed() {
        assertEquals(DecodeStatus.MALFORMED,
                decode(Frames.ipv4("1.2.3.4", "5.6.7.8").ihl(4).payload(Frames.udp(1, 2)).build(), LinkTypes.RAW));
    }

    @Test
    void ipv4IhlPastCapturedBytesIsMalformed() {
        byte[] ip = Frames.ipv4("1.2.3.4", "5.6.7.8").ihl(15).protocol(17).payload(new byte[10]).build();
        assertEquals(DecodeStatus.MALFORMED, decode(ip, LinkTypes.RAW));
    }

    @Test
    void ipv4TotalLengthBelowHeaderIsMalformed() {
        assertEquals(DecodeStatus.MALFORMED, decode(
                Frames.ipv4("1.2.3.4", "5.6.7.8").totalLength(19).payload(Frames.udp(1, 2)).build(), LinkTypes.RAW));
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.ipv4("1.2.3.4", "5.6.7.8").options(new byte[8])
                .totalLength(24).payload(Frames.udp(1, 2)).build(), LinkTypes.RAW));
    }

    @Test
    void ipTotalLengthBeyondTheWireCountsAsAnnouncedAndIsMarked() {
        // a capture taken before segmentation offload: the header tells the size the NIC sent
        byte[] ip = Frames.ipv4("1.2.3.4", "5.6.7.8").totalLength(4148).payload(Frames.udp(1, 2).payload(10)).build();
        assertEquals(DecodeStatus.IP, decode(ip, LinkTypes.RAW));
        assertEquals(4148, view.ipLength());
        assertTrue(view.lengthBeyondFrame());
        assertEquals(10, view.l4PayloadLength(), "only the bytes present are payload");
        byte[] v6 = Frames.ethernet(udpV6(100));
        ByteBuffer.wrap(v6).putShort(14 + 4, (short) 3000);
        assertEquals(DecodeStatus.IP, decode(v6, LinkTypes.ETHERNET));
        assertEquals(3040, view.ipLength());
        assertTrue(view.lengthBeyondFrame());
        assertEquals(DecodeStatus.IP, decode(Frames.ethernet(tcpV4(100)), LinkTypes.ETHERNET));
        assertFalse(view.lengthBeyondFrame(), "a whole packet is not marked");
    }

    @Test
    void ipv4ZeroTotalLengthTakesTheWireLength() {
        byte[] ip = Frames.ipv4("10.0.0.2", "93.184.216.34").totalLength(0)
                .payload(Frames.tcp(50000, 443).flags(PSH | ACK).seq(7).ack(9).payload(3000)).build();
        byte[] frame = Frames.ethernet(ip);
        assertEquals(DecodeStatus.IP, decode(Frames.truncate(frame, 96), frame.length, LinkTypes.ETHERNET));
        assertEquals(3040, view.ipLength());
        assertEquals(96 - 14 - 40, view.l4PayloadLength());
    }

    @Test
    void truncatedIpv4HeaderIsMalformed() {
        byte[] frame = Frames.ethernet(tcpV4(100));
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.truncate(frame, 14 + 19), frame.length, LinkTypes.ETHERNET));
    }

    @Test
    void snapLengthCutPayloadIsNotMalformed() {
        byte[] frame = Frames.ethernet(tcpV4(1400));
        assertEquals(DecodeStatus.IP, decode(Frames.truncate(frame, 68), frame.length, LinkTypes.ETHERNET));
        assertEquals(1440, view.ipLength());
        assertEquals(68 - 54, view.l4PayloadLength());
        assertEquals(50000, view.srcPort());
        byte[] udp = Frames.ethernet(udpV6(1200));
        assertEquals(DecodeStatus.IP, decode(Frames.truncate(udp, 14 + 48), udp.length, LinkTypes.ETHERNET));
        assertEquals(1248, view.ipLength());
        assertEquals(0, view.l4PayloadLength());
    }

    @Test
    void snapLengthCutTcpOptionsKeepPortsAndFlags() {
        byte[] ip = Frames.ipv4("10.0.0.2", "93.184.216.34")
                .payload(Frames.tcp(50000, 443).flags(ACK).options(new byte[12]).payload(500)).build();
        byte[] frame = Frames.ethernet(ip);
        assertEquals(DecodeStatus.IP, decode(Frames.truncate(frame, 54 + 4), frame.length, LinkTypes.ETHERNET));
        assertEquals(50000, view.srcPort());
        assertEquals(0, view.l4PayloadLength());
        assertEquals(20 + 54 + 4, view.l4PayloadOffset());
        // the same cut with no snap length (the frame really ends there) is an offload capture
        assertEquals(DecodeStatus.IP, decode(Frames.truncate(frame, 54 + 4), LinkTypes.ETHERNET));
        assertTrue(view.lengthBeyondFrame());
        assertEquals(50000, view.srcPort());
    }

    @Test
    void truncatedTcpOrUdpHeaderIsMalformed() {
        byte[] frame = Frames.ethernet(tcpV4(100));
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.truncate(frame, 14 + 20 + 19), frame.length, LinkTypes.ETHERNET));
        byte[] udp = Frames.ethernet(udpV6(100));
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.truncate(udp, 14 + 40 + 7), udp.length, LinkTypes.ETHERNET));
    }

    @Test
    void tcpDataOffsetBelowFiveOrPastThePacketIsMalformed() {
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.ipv4("1.2.3.4", "5.6.7.8")
                .payload(Frames.tcp(1, 2).dataOffsetWords(4).payload(10)).build(), LinkTypes.RAW));
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.ipv4("1.2.3.4", "5.6.7.8")
                .payload(Frames.tcp(1, 2).dataOffsetWords(15).payload(10)).build(), LinkTypes.RAW));
        // IP says the segment is shorter than the TCP header
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.ipv4("1.2.3.4", "5.6.7.8").totalLength(30)
                .payload(Frames.tcp(1, 2)).build(), LinkTypes.RAW));
    }

    @Test
    void otherProtocolsHaveNoPorts() {
        byte[] icmp = Frames.ipv4("10.0.0.2", "8.8.8.8").payload(Frames.transport(1, new byte[] {8, 0, 0, 0, 0, 1, 0, 1}))
                .build();
        assertEquals(DecodeStatus.IP, decode(icmp, LinkTypes.RAW));
        assertEquals(1, view.protocol());
        assertEquals(0, view.srcPort());
        assertEquals(0, view.dstPort());
        assertEquals(8, view.l4PayloadLength());
        assertEquals(20 + 20, view.l4PayloadOffset());
    }

    @Test
    void ipv4Fragments() {
        List<byte[]> pieces = Frames.ipv4("10.0.0.2", "8.8.8.8").id(0xBEEF)
                .payload(Frames.udp(5353, 53).payload(2000)).fragments(800);
        assertEquals(3, pieces.size());
        assertEquals(DecodeStatus.IP, decode(pieces.get(0), LinkTypes.RAW));
        assertTrue(view.isFragment());
        assertTrue(view.isFirstFragment());
        assertTrue(view.moreFragments());
        assertEquals(0xBEEF, view.fragmentId());
        assertEquals(5353, view.srcPort());
        assertEquals(820, view.ipLength());
        assertEquals(DecodeStatus.IP, decode(pieces.get(1), LinkTypes.RAW));
        assertTrue(view.isFragment());
        assertFalse(view.isFirstFragment());
        assertTrue(view.moreFragments());
        assertEquals(0, view.srcPort());
        assertEquals(17, view.protocol());
        assertEquals(800, view.l4PayloadLength());
        assertEquals(DecodeStatus.IP, decode(pieces.get(2), LinkTypes.RAW));
        assertFalse(view.moreFragments());
        assertFalse(view.isFirstFragment());
        assertEquals(20 + 2008 - 1600, view.ipLength());
    }

    @Test
    void nonFirstFragmentNeedsNoTransportHeader() {
        byte[] tiny = Frames.ipv4("1.2.3.4", "5.6.7.8").protocol(6).fragment(1480, false).payload(new byte[3]).build();
        assertEquals(DecodeStatus.IP, decode(tiny, LinkTypes.RAW));
        assertEquals(23, view.ipLength());
        assertEquals(3, view.l4PayloadLength());
    }

    @Test
    void firstFragmentTooShortForTcpIsMalformed() {
        byte[] first = Frames.ipv4("1.2.3.4", "5.6.7.8").protocol(6).fragment(0, true).payload(new byte[8]).build();
        assertEquals(DecodeStatus.MALFORMED, decode(first, LinkTypes.RAW));
    }

    // ------------------------------------------------------------ IPv6

    @Test
    void ipv6Addresses() {
        assertEquals(DecodeStatus.IP, decode(Frames.ethernet(udpV6(30)), LinkTypes.ETHERNET));
        assertEquals(IpAddress.parse("2001:db8::2"), view.srcAddress());
        assertEquals(IpAddress.parse("2001:4860:4860::8888"), view.dstAddress());
        assertEquals(0x2001_0db8_0000_0000L, view.srcHi());
        assertEquals(2, view.srcLo());
        assertEquals(17, view.protocol());
        assertEquals(40000, view.srcPort());
        assertEquals(78, view.ipLength());
        assertEquals(30, view.l4PayloadLength());
        assertTrue(view.isV6());
    }

    @Test
    void ipv6ExtensionHeaderChain() {
        byte[] ip = Frames.ipv6("2001:db8::2", "2001:db8::1").hopByHop().routing(24).destinationOptions(16)
                .authentication(24).extension(Frames.Ipv6.MOBILITY, 8)
                .payload(Frames.tcp(50000, 443).flags(SYN).payload(5)).build();
        assertEquals(DecodeStatus.IP, decode(ip, LinkTypes.RAW));
        assertEquals(6, view.protocol());
        assertEquals(443, view.dstPort());
        assertEquals(SYN, view.tcpFlags());
        assertEquals(20 + 40 + 8 + 24 + 16 + 24 + 8, view.l4Offset());
        assertEquals(40 + 80 + 25, view.ipLength());
        assertEquals(5, view.l4PayloadLength());
    }

    @Test
    void ipv6EspAndNoNextHeaderEndTheChain() {
        byte[] esp = Frames.ipv6("2001:db8::2", "2001:db8::1").hopByHop()
                .payload(Frames.transport(50, new byte[40])).build();
        assertEquals(DecodeStatus.IP, decode(esp, LinkTypes.RAW));
        assertEquals(50, view.protocol());
        assertEquals(0, view.srcPort());
        byte[] none = Frames.ipv6("2001:db8::2", "2001:db8::1").protocol(59).build();
        byte[] frame = Frames.ethernet(none);
        byte[] padded = new byte[frame.length + 6];
        System.arraycopy(frame, 0, padded, 0, frame.length);
        assertEquals(DecodeStatus.IP, decode(padded, LinkTypes.ETHERNET));
        assertEquals(59, view.protocol());
        assertEquals(40, view.ipLength());
    }

    @Test
    void ipv6ExtensionChainPastTheEndIsMalformed() {
        byte[] ip = Frames.ipv6("2001:db8::2", "2001:db8::1").hopByHop().protocol(17).payload(new byte[0]).build();
        ip[41] = 3; // hop-by-hop claims 32 bytes, 8 are there
        assertEquals(DecodeStatus.MALFORMED, decode(ip, LinkTypes.RAW));
        // a header that fits the buffer but not the declared payload length
        byte[] lies = Frames.ipv6("2001:db8::2", "2001:db8::1").destinationOptions(16).payloadLength(8)
                .payload(Frames.udp(1, 2)).build();
        assertEquals(DecodeStatus.MALFORMED, decode(lies, LinkTypes.RAW));
        // cut inside the chain by the snap length
        byte[] chain = Frames.ethernet(Frames.ipv6("2001:db8::2", "2001:db8::1").hopByHop().routing(64)
                .payload(Frames.udp(1, 2).payload(100)).build());
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.truncate(chain, 14 + 40 + 8 + 30), chain.length,
                LinkTypes.ETHERNET));
    }

    @Test
    void tooManyIpv6ExtensionHeadersIsMalformed() {
        Frames.Ipv6 b = Frames.ipv6("2001:db8::2", "2001:db8::1");
        for (int i = 0; i <= IpDecoder.MAX_IPV6_EXTENSION_HEADERS; i++) {
            b.destinationOptions(8);
        }
        assertEquals(DecodeStatus.MALFORMED, decode(b.payload(Frames.udp(1, 2)).build(), LinkTypes.RAW));
    }

    @Test
    void truncatedIpv6HeaderIsMalformed() {
        byte[] frame = Frames.ethernet(udpV6(10));
        assertEquals(DecodeStatus.MALFORMED, decode(Frames.truncate(frame, 14 + 39), frame.length, LinkTypes.ETHERNET));
    }

    @Test
    void ipv6ZeroPayloadLengthTakesTheWireLength() {
        byte[] ip = Frames.ipv6("2001:db8::2", "2001:db8::1").payloadLength(0)
                .payload(Frames.tcp(50000, 443).payload(9000)).build();
        assertEquals(DecodeStatus.IP, decode(Frames.truncate(ip, 100), ip.length, LinkTypes.RAW));
        assertEquals(9060, view.ipLength());
        assertEquals(40, view.l4PayloadLength());
    }

    @Test
    void ipv6PayloadLengthBeyondTheWireCountsAsAnnounced() {
        byte[] ip = Frames.ipv6("2001:db8::2", "2001:db8::1").payloadLength(1000).payload(Frames.udp(1, 2)).build();
        assertEquals(DecodeStatus.IP, decode(ip, LinkTypes.RAW));
        assertEquals(1040, view.ipLength());
        assertTrue(view.lengthBeyondFrame());
    }

    @Test
    void ipv6Fragments() {
        List<byte[]> pieces = Frames.ipv6("2001:db8::2", "2001:db8::1").hopByHop()
                .payload(Frames.udp(4000, 443).payload(3000)).fragments(1232, 0xCAFEBABEL);
        assertEquals(3, pieces.size());
        assertEquals(DecodeStatus.IP, decode(pieces.get(0), LinkTypes.RAW));
        assertTrue(view.isFragment());
        assertTrue(view.isFirstFragment());
        assertEquals(0xCAFEBABEL, view.fragmentId());
        assertEquals(17, view.protocol());
        assertEquals(4000, view.srcPort());
        assertEquals(40 + 8 + 8 + 1232, view.ipLength());
        assertEquals(DecodeStatus.IP, decode(pieces.get(2), LinkTypes.RAW));
        assertTrue(view.isFragment());
        assertFalse(view.isFirstFragment());
        assertFalse(view.moreFragments());
        assertEquals(17, view.protocol());
        assertEquals(0, view.srcPort());
        assertEquals(3008 - 2464, view.l4PayloadLength());
    }

    @Test
    void atomicIpv6FragmentIsNoFragment() {
        byte[] ip = Frames.ipv6("2001:db8::2", "2001:db8::1").fragmentHeader(0, false, 5)
                .payload(Frames.udp(1, 2).payload(4)).build();
        assertEquals(DecodeStatus.IP, decode(ip, LinkTypes.RAW));
        assertFalse(view.isFragment());
        assertEquals(2, view.dstPort());
    }

    // ------------------------------------------------------------ buffer handling

    @Test
    void offsetsOutsideTheBufferAreMalformedNotThrown() {
        ByteBuffer b = ByteBuffer.wrap(tcpV4(0));
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(b, 30, 20, 20, LinkTypes.RAW, view));
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(b, -1, 20, 20, LinkTypes.RAW, view));
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(b, 0, -5, 20, LinkTypes.RAW, view));
    }

    @Test
    void viewIsResetBetweenPackets() {
        decode(Frames.ethernet(tcpV4(1)), LinkTypes.ETHERNET);
        decode(Frames.raw(udpV6(1)), LinkTypes.RAW);
        assertEquals(-1, view.linkSrc());
        assertEquals(0, view.tcpFlags());
        assertEquals(DecodeStatus.NOT_IP, decode(Frames.ethernet().type(Frames.ETHERTYPE_ARP).build(new byte[28]),
                LinkTypes.ETHERNET));
        assertEquals(0, view.ipVersion());
    }
}
