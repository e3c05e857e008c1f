package org.toktrace.decode;

import static org.toktrace.decode.DecodeStatus.IP;
import static org.toktrace.decode.DecodeStatus.MALFORMED;
import static org.toktrace.decode.DecodeStatus.NOT_IP;
import static org.toktrace.decode.DecodeStatus.UNSUPPORTED_LINK;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.toktrace.model.IpProtocols;

/**
 * Reads a frame's link layer, IP header and TCP/UDP header as offsets over the capture's buffer
 * into a reusable {@link PacketView}: no copy, no allocation, and no exception for bad bytes.
 *
 * <p>Every read is absolute and checked against the end of the captured bytes first, so a header
 * that lies about its length yields {@link DecodeStatus#MALFORMED} rather than an exception. A
 * capture cut by its snap length (a complete header, a short payload) is not malformed: the view
 * says how much payload is present. The same goes for TCP options cut by the snap length: ports
 * and flags are in the fixed header. An IP total length larger than the frame on the wire is what
 * a capture taken before the network card's segmentation offload (TSO/GRO) holds: the packet
 * counts with that length, as tshark counts it, and is marked ({@link PacketView#lengthBeyondFrame()}),
 * so such volumes stay visible; an IP header can announce at most 64 KiB. Checksums are not
 * verified: captures taken on the sending host hold checksums the network card fills in later.
 *
 * <p>Tunnels whose inner packet is the one that matters (CAPWAP from a wireless controller, VXLAN
 * between hypervisors, GTP-U between a mobile network's base station and core) are unwrapped: the
 * innermost packet becomes the packet, at most {@link #MAX_TUNNEL_DEPTH} tunnels deep. A tunnel
 * header that is cut short or not understood, or an inner packet that does not decode, leaves the
 * packet as the outer UDP datagram, so no byte is lost.
 *
 * <p>Stateless apart from constants; one instance may serve any number of threads, each with its
 * own view.
 */
public final class PacketDecoder {

    /** VLAN tags followed before giving up (802.1Q, 802.1ad, 0x9100 QinQ stacks rarely exceed 2). */
    static final int MAX_VLAN_TAGS = 4;
    /** IPv6 extension headers followed before the packet is called malformed. */
    static final int MAX_IPV6_EXTENSION_HEADERS = 10;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_8021Q = 0x8100;
    private static final int ETHERTYPE_8021AD = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    private static final int ARPHRD_ETHER = 1;
    /** CAPWAP data channel (RFC 5415 section 15.2). */
    static final int CAPWAP_DATA_PORT = 5247;
    /** VXLAN (RFC 7348 section 5: the IANA-assigned destination port). */
    static final int VXLAN_PORT = 4789;
    /** GTP-U (3GPP TS 29.281 section 4.4.2). */
    static final int GTPU_PORT = 2152;
    /** Tunnels unwrapped inside one another before the packet stays the datagram that carries it. */
    static final int MAX_TUNNEL_DEPTH = 4;
    /** GTP-U extension headers followed before the tunnel is left wrapped (real ones chain 1 or 2). */
    static final int MAX_GTPU_EXTENSION_HEADERS = 8;
    private static final int ARPHRD_NETLINK = 824;

    /**
     * Decodes one frame.
     *
     * @param buf             the buffer holding the frame, big-endian
     * @param offset          absolute index of the frame's first byte
     * @param capturedLength  bytes of the frame present in the buffer
     * @param originalLength  length of the frame on the wire (at least the captured length in a
     *                        sane capture; a smaller value is read as the captured length)
     * @param linkType        the LINKTYPE_ value of the interface (see {@link LinkTypes})
     * @param out             receives the result; reset first, so after a status other than
     *                        {@link DecodeStatus#IP} its contents mean nothing
     * @return {@link DecodeStatus#IP} when {@code out} describes an IP packet
     */
    public DecodeStatus decode(ByteBuffer buf, int offset, int capturedLength, int originalLength, int linkType,
            PacketView out) {
        out.reset();
        if (buf.order() != ByteOrder.BIG_ENDIAN) {
            throw new IllegalArgumentException("the frame buffer must be big-endian");
        }
        if (offset < 0 || capturedLength < 0 || offset > buf.limit() - capturedLength) {
            return MALFORMED;
        }
        int end = offset + capturedLength;
        long wireEnd = (long) offset + Math.max(originalLength, capturedLength);
        switch (linkType) {
            case LinkTypes.ETHERNET:
                return ethernet(buf, offset, end, wireEnd, out);
            case LinkTypes.LINUX_SLL:
                return linuxSll(buf, offset, end, wireEnd, out);
            case LinkTypes.LINUX_SLL2:
                return linuxSll2(buf, offset, end, wireEnd, out);
            case LinkTypes.RAW:
            case LinkTypes.DLT_RAW_12:
            case LinkTypes.DLT_RAW_14:
                return rawIp(buf, offset, end, wireEnd, 0, out);
            case LinkTypes.IPV4:
                return rawIp(buf, offset, end, wireEnd, 4, out);
            case LinkTypes.IPV6:
                return rawIp(buf, offset, end, wireEnd, 6, out);
            case LinkTypes.NULL:
                return loopback(buf, offset, end, wireEnd, true, out);
            case LinkTypes.LOOP:
                return loopback(buf, offset, end, wireEnd, false, out);
            default:
                return UNSUPPORTED_LINK;
        }
    }

    // IEEE 802.3 clause 3 (Ethernet II type or 802.3 length), IEEE 802.1Q tags (0x8100, 0x88a8 and
    // the pre-standard 0x9100), IEEE 802.2 LLC with RFC 1042 SNAP.
    private static DecodeStatus ethernet(ByteBuffer b, int p, int end, long wireEnd, PacketView out) {
        if (p + 14 > end) {
            return MALFORMED;
        }
        out.linkDst = mac(b, p);
        out.linkSrc = mac(b, p + 6);
        int type = b.getShort(p + 12) & 0xFFFF;
        p += 14;
        if (type <= 1500) {
            // an 802.3 length; only LLC/SNAP (AA AA 03, OUI, ethertype) carries IP in practice
            if (p + 3 > end) {
                return MALFORMED;
            }
            if ((b.getShort(p) & 0xFFFF) != 0xAAAA || b.get(p + 2) != 0x03) {
                return NOT_IP;
            }
            if (p + 8 > end) {
                return MALFORMED;
            }
            type = b.getShort(p + 6) & 0xFFFF;
            p += 8;
        }
        return ethertype(b, type, p, end, wireEnd, out);
    }

    // Follows VLAN tags (IEEE 802.1Q: TPID, then 2 bytes of TCI, then the inner type) and PPPoE
    // sessions (RFC 2516: 6-byte header, then the 2-byte PPP protocol) to IPv4 or IPv6.
    private static DecodeStatus ethertype(ByteBuffer b, int type, int p, int end, long wireEnd, PacketView out) {
        for (int tags = 0; type == ETHERTYPE_8021Q || type == ETHERTYPE_8021AD || type == ETHERTYPE_QINQ_OLD; tags++) {
            if (tags == MAX_VLAN_TAGS || p + 4 > end) {
                return MALFORMED;
            }
            type = b.getShort(p + 2) & 0xFFFF;
            p += 4;
        }
        switch (type) {
            case ETHERTYPE_IPV4:
                return ipv4(b, p, end, wireEnd, out);
            case ETHERTYPE_IPV6:
                return ipv6(b, p, end, wireEnd, out);
            case ETHERTYPE_PPPOE_SESSION: {
                if (p + 8 > end) {
                    return MALFORMED;
                }
                int ppp = b.getShort(p + 6) & 0xFFFF;
                if (ppp == 0x0021) {
                    return ipv4(b, p + 8, end, wireEnd, out);
                }
                if (ppp == 0x0057) {
                    return ipv6(b, p + 8, end, wireEnd, out);
                }
                return NOT_IP;
            }
            default:
                return NOT_IP;
        }
    }

    // tcpdump.org LINKTYPE_LINUX_SLL: packet type(2) ARPHRD type(2) address length(2) address(8)
    // protocol(2). The address is the sender's.
    private static DecodeStatus linuxSll(ByteBuffer b, int p, int end, long wireEnd, PacketView out) {
        if (p + 16 > end) {
            return MALFORMED;
        }
        int hatype = b.getShort(p + 2) & 0xFFFF;
        if (hatype == ARPHRD_NETLINK) {
            return NOT_IP;
        }
        if (hatype == ARPHRD_ETHER && (b.getShort(p + 4) & 0xFFFF) == 6) {
            out.linkSrc = mac(b, p + 6);
        }
        return ethertype(b, b.getShort(p + 14) & 0xFFFF, p + 16, end, wireEnd, out);
    }

    // tcpdump.org LINKTYPE_LINUX_SLL2: protocol(2) reserved(2) interface index(4) ARPHRD type(2)
    // packet type(1) address length(1) address(8).
    private static DecodeStatus linuxSll2(ByteBuffer b, int p, int end, long wireEnd, PacketView out) {
        if (p + 20 > end) {
            return MALFORMED;
        }
        int hatype = b.getShort(p + 8) & 0xFFFF;
        if (hatype == ARPHRD_NETLINK) {
            return NOT_IP;
        }
        if (hatype == ARPHRD_ETHER && (b.get(p + 11) & 0xFF) == 6) {
            out.linkSrc = mac(b, p + 12);
        }
        return ethertype(b, b.getShort(p) & 0xFFFF, p + 20, end, wireEnd, out);
    }

    // tcpdump.org LINKTYPE_RAW / LINKTYPE_IPV4 / LINKTYPE_IPV6: the frame is the IP packet.
    private static DecodeStatus rawIp(ByteBuffer b, int p, int end, long wireEnd, int expectVersion, PacketView out) {
        if (p + 1 > end) {
            return MALFORMED;
        }
        int version = (b.get(p) & 0xF0) >>> 4;
        if (expectVersion != 0 && version != expectVersion) {
            return MALFORMED;
        }
        if (version == 4) {
            return ipv4(b, p, end, wireEnd, out);
        }
        if (version == 6) {
            return ipv6(b, p, end, wireEnd, out);
        }
        return MALFORMED;
    }

    // tcpdump.org LINKTYPE_NULL (4-byte AF_ value in the capturing host's byte order; AF_INET6 is
    // 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS) and LINKTYPE_LOOP (network byte order).
    // Npcap's loopback adapter writes Windows' AF_INET6 (23), and Linux's is 10; on BSDs those
    // numbers name other families, so they count as IPv6 only when the version nibble agrees.
    private static DecodeStatus loopback(ByteBuffer b, int p, int end, long wireEnd, boolean eitherOrder,
            PacketView out) {
        if (p + 4 > end) {
            return MALFORMED;
        }
        int family = b.getInt(p);
        if (eitherOrder && (family & 0xFFFF_0000) != 0) {
            family = Integer.reverseBytes(family);
        }
        switch (family) {
            case 2:
                return ipv4(b, p + 4, end, wireEnd, out);
            case 24:
            case 28:
            case 30:
                return ipv6(b, p + 4, end, wireEnd, out);
            case 10:
            case 23:
                return p + 5 <= end && (b.get(p + 4) & 0xF0) == 0x60 ? ipv6(b, p + 4, end, wireEnd, out) : NOT_IP;
            default:
                return NOT_IP;
        }
    }

    // RFC 791 section 3.1: version/IHL, total length, identification, flags/fragment offset,
    // protocol, addresses; options up to IHL * 4 bytes.
    private static DecodeStatus ipv4(ByteBuffer b, int p, int end, long wireEnd, PacketView out) {
        if (p + 20 > end) {
            return MALFORMED;
        }
        int vihl = b.get(p) & 0xFF;
        if ((vihl >>> 4) != 4) {
            return MALFORMED;
        }
        int headerLength = (vihl & 0x0F) * 4;
        if (headerLength < 20 || p + headerLength > end) {
            return MALFORMED;
        }
        int wireLength = wireLength(p, wireEnd);
        int total = b.getShort(p + 2) & 0xFFFF;
        if (total == 0) {
            total = wireLength; // TSO/GSO: the NIC fills the length in later
        }
        if (total < headerLength || total > wireLength && !beyondFrame(out)) {
            return MALFORMED;
        }
        out.ipVersion = 4;
        out.ipOffset = p;
        out.ipLength = total;
        out.protocol = b.get(p + 9) & 0xFF;
        out.srcLo = b.getInt(p + 12) & 0xFFFF_FFFFL;
        out.dstLo = b.getInt(p + 16) & 0xFFFF_FFFFL;
        int ipEnd = total > end - p ? end : p + total;
        int l4 = p + headerLength;
        int flagsOffset = b.getShort(p + 6) & 0xFFFF;
        boolean more = (flagsOffset & 0x2000) != 0;
        int fragmentOffset = flagsOffset & 0x1FFF;
        if (more || fragmentOffset != 0) {
            out.fragment = true;
            out.moreFragments = more;
            out.fragmentId = b.getShort(p + 4) & 0xFFFF;
            if (fragmentOffset != 0) {
                return nonFirstFragment(l4, ipEnd, out);
            }
            out.firstFragment = true;
        }
        return transport(b, l4, total - headerLength, ipEnd - l4, out);
    }

    // RFC 8200 section 3 (fixed header) and 4 (extension headers: hop-by-hop 0, routing 43,
    // fragment 44, destination options 60, mobility 135 (RFC 6275), HIP 139, shim6 140, all with
    // length in 8-byte units not counting the first 8; AH 51 (RFC 4302) in 4-byte units not
    // counting the first 2). ESP (50) and no-next-header (59) end the chain like a transport.
    private static DecodeStatus ipv6(ByteBuffer b, int p, int end, long wireEnd, PacketView out) {
        if (p + 40 > end) {
            return MALFORMED;
        }
        if ((b.get(p) & 0xF0) != 0x60) {
            return MALFORMED;
        }
        int wireLength = wireLength(p, wireEnd);
        int payloadLength = b.getShort(p + 4) & 0xFFFF;
        int next = b.get(p + 6) & 0xFF;
        int total;
        if (payloadLength == 0 && next != 59) {
            total = wireLength; // a jumbogram (RFC 2675) or a TSO/GSO capture
        } else {
            total = 40 + payloadLength;
        }
        if (total < 40 || total > wireLength && !beyondFrame(out)) {
            return MALFORMED;
        }
        out.ipVersion = 6;
        out.ipOffset = p;
        out.ipLength = total;
        out.srcHi = b.getLong(p + 8);
        out.srcLo = b.getLong(p + 16);
        out.dstHi = b.getLong(p + 24);
        out.dstLo = b.getLong(p + 32);
        int ipEnd = total > end - p ? end : p + total;
        int cur = p + 40;
        for (int n = 0; ; n++) {
            int length;
            switch (next) {
                case 0, 43, 60, 135, 139, 140:
                    if (n == MAX_IPV6_EXTENSION_HEADERS || ipEnd - cur < 8) {
                        return MALFORMED;
                    }
                    length = ((b.get(cur + 1) & 0xFF) + 1) * 8;
                    break;
                case 51:
                    if (n == MAX_IPV6_EXTENSION_HEADERS || ipEnd - cur < 12) {
                        return MALFORMED;
                    }
                    length = ((b.get(cur + 1) & 0xFF) + 2) * 4;
                    break;
                case 44: {
                    // next header(1) reserved(1) offset(13 bits) res(2) M(1) identification(4)
                    if (n == MAX_IPV6_EXTENSION_HEADERS || ipEnd - cur < 8) {
                        return MALFORMED;
                    }
                    int offsetFlags = b.getShort(cur + 2) & 0xFFFF;
                    int fragmentOffset = offsetFlags >>> 3;
                    boolean more = (offsetFlags & 1) != 0;
                    next = b.get(cur) & 0xFF;
                    cur += 8;
                    if (fragmentOffset != 0 || more) { // offset 0 without M is an atomic fragment (RFC 6946)
                        out.fragment = true;
                        out.moreFragments = more;
                        out.fragmentId = b.getInt(cur - 4) & 0xFFFF_FFFFL;
                        if (fragmentOffset != 0) {
                            out.protocol = next;
                            return nonFirstFragment(cur, ipEnd, out);
                        }
                        out.firstFragment = true;
                    }
                    continue;
                }
                default:
                    out.protocol = next;
                    return transport(b, cur, total - (cur - p), ipEnd - cur, out);
            }
            if (length > ipEnd - cur) {
                return MALFORMED;
            }
            next = b.get(cur) & 0xFF;
            cur += length;
        }
    }

    /*
     * An outermost packet longer than its frame is an offload capture and counts with its announced
     * length; an inner packet longer than the tunnel payload that carries it is a lie (the tunnel's
     * own length is the one checked against the frame).
     */
    private static boolean beyondFrame(PacketView out) {
        if (out.tunnels > 0) {
            return false;
        }
        out.lengthBeyondFrame = true;
        return true;
    }

    private static DecodeStatus nonFirstFragment(int data, int ipEnd, PacketView out) {
        out.l4Offset = data;
        out.l4PayloadOffset = data;
        out.l4PayloadLength = ipEnd - data;
        return IP;
    }

    // TCP: RFC 9293 section 3.1 (ports, sequence, acknowledgment, data offset in 32-bit words,
    // flags). UDP: RFC 768 (ports, length, checksum). Other transports keep ports 0.
    // declared: transport bytes the IP header announces; captured: those present in the buffer.
    private static DecodeStatus transport(ByteBuffer b, int l4, int declared, int captured, PacketView out) {
        out.l4Offset = l4;
        switch (out.protocol) {
            case IpProtocols.TCP: {
                if (declared < 20 || captured < 20) {
                    return MALFORMED;
                }
                int dataOffset = ((b.get(l4 + 12) & 0xF0) >>> 4) * 4;
                if (dataOffset < 20 || dataOffset > declared) {
                    return MALFORMED;
                }
                out.srcPort = b.getShort(l4) & 0xFFFF;
                out.dstPort = b.getShort(l4 + 2) & 0xFFFF;
                out.tcpSeq = b.getInt(l4 + 4);
                out.tcpAck = b.getInt(l4 + 8);
                out.tcpFlags = (b.get(l4 + 13) & 0xFF) | ((b.get(l4 + 12) & 0x01) << 8);
                // options cut by the snap length (captured < declared) lose nothing we need
                int header = Math.min(dataOffset, captured);
                out.l4PayloadOffset = l4 + header;
                out.l4PayloadLength = captured - header;
                return IP;
            }
            case IpProtocols.UDP: {
                if (declared < 8 || captured < 8) {
                    return MALFORMED;
                }
                out.srcPort = b.getShort(l4) & 0xFFFF;
                out.dstPort = b.getShort(l4 + 2) & 0xFFFF;
                out.l4PayloadOffset = l4 + 8;
                out.l4PayloadLength = captured - 8;
                // the rare tunnel in a method of its own keeps this one under HotSpot's inlining limit
                return isTunnelPort(out.srcPort) || isTunnelPort(out.dstPort)
                        ? tunnelOrUdp(b, l4, declared, captured, out) : IP;
            }
            default:
                out.l4PayloadOffset = l4;
                out.l4PayloadLength = captured;
                return IP;
        }
    }

    /*
     * RFC 5415 section 4.3, CAPWAP header (after UDP to or from port 5247):
     *   Preamble (version 4 bits = 0, type 4 bits: 0 = header follows, 1 = DTLS), then in the first
     *   32-bit word: HLEN (5 bits, header length in 4-byte words), RID (5), WBID (5: 1 = IEEE 802.11),
     *   T (1: payload in the wireless binding's native format, else 802.3), F (fragment), L, W, M, K,
     *   flags (3); second word: fragment id and offset; optional fields within HLEN.
     * RFC 5416 section 3: with T set and WBID 1 the payload is an IEEE 802.11 frame.
     * A wireless LAN controller receives the phones' traffic this way; the packet inside is the
     * phone's, so it becomes the packet of the flow. Anything not decodable here (DTLS, fragments,
     * encrypted 802.11, management frames) returns null: the packet stays the outer UDP flow.
     */
    private static boolean isTunnelPort(int port) {
        return port == CAPWAP_DATA_PORT || port == VXLAN_PORT || port == GTPU_PORT;
    }

    /**
     * Unwraps the tunnel a UDP datagram to or from a tunnel port carries, or leaves the datagram as
     * it is: when the tunnel header is not one read here (null from the tunnel's reader) or the
     * inner packet does not decode, the outer datagram's fields are put back.
     */
    private static DecodeStatus tunnelOrUdp(ByteBuffer b, int l4, int declared, int captured, PacketView out) {
        if (out.fragment || out.tunnels >= MAX_TUNNEL_DEPTH) {
            return IP;
        }
        int ipVersion = out.ipVersion;
        int ipOffset = out.ipOffset;
        long srcHi = out.srcHi;
        long srcLo = out.srcLo;
        long dstHi = out.dstHi;
        long dstLo = out.dstLo;
        int ipLength = out.ipLength;
        int srcPort = out.srcPort;
        int dstPort = out.dstPort;
        long linkSrc = out.linkSrc;
        long linkDst = out.linkDst;
        int tunnels = out.tunnels;
        boolean beyondFrame = out.lengthBeyondFrame;
        int p = l4 + 8;
        int end = l4 + captured;
        long innerWireEnd = l4 + (long) declared;
        out.tunnels++;
        DecodeStatus inner;
        if (srcPort == CAPWAP_DATA_PORT || dstPort == CAPWAP_DATA_PORT) {
            inner = capwap(b, p, end, innerWireEnd, out);
        } else if (dstPort == VXLAN_PORT) {
            // the source port is a hash of the inner flow (RFC 7348 section 5): any value, 4789 too
            inner = vxlan(b, p, end, innerWireEnd, out);
        } else if (srcPort == GTPU_PORT || dstPort == GTPU_PORT) {
            inner = gtpu(b, p, end, innerWireEnd, out);
        } else {
            inner = null;
        }
        if (inner == IP) {
            return IP;
        }
        out.reset();
        out.ipVersion = ipVersion;
        out.ipOffset = ipOffset;
        out.srcHi = srcHi;
        out.srcLo = srcLo;
        out.dstHi = dstHi;
        out.dstLo = dstLo;
        out.protocol = IpProtocols.UDP;
        out.ipLength = ipLength;
        out.srcPort = srcPort;
        out.dstPort = dstPort;
        out.l4Offset = l4;
        out.l4PayloadOffset = l4 + 8;
        out.l4PayloadLength = captured - 8;
        out.linkSrc = linkSrc;
        out.linkDst = linkDst;
        out.tunnels = tunnels;
        out.lengthBeyondFrame = beyondFrame;
        return IP;
    }

    /*
     * RFC 7348 section 5, VXLAN header (after UDP, destination port 4789):
     *   flags (8 bits: R R R R I R R R, I = 1 for a valid VNI), reserved (24), VNI (24), reserved (8);
     * then the inner Ethernet frame (its own 802.1Q tags allowed). The inner frame's MAC addresses
     * are the virtual machines' or containers': they become the packet's link addresses.
     */
    private static DecodeStatus vxlan(ByteBuffer b, int p, int end, long innerWireEnd, PacketView out) {
        if (p + 8 > end || (b.get(p) & 0x08) == 0) {
            return null;
        }
        return ethernet(b, p + 8, end, innerWireEnd, out);
    }

    /*
     * 3GPP TS 29.281 section 5.1, GTPv1-U header (after UDP, port 2152):
     *   flags (version 3 bits = 1, PT 1 bit = 1 for GTP, spare, E, S, PN), message type (8 bits:
     *   255 = G-PDU, a user packet), length (16 bits: bytes after the first 8, optional fields and
     *   extension headers included), TEID (32 bits); when any of E, S, PN is set: sequence number (16),
     *   N-PDU number (8), next extension header type (8), the type read only when E is set.
     * Section 5.2: each extension header is its length (8 bits, in 4-byte units, itself and the next
     *   type included, never 0), its content, and the next extension header type (0 = none).
     * The G-PDU's payload is the phone's IPv4 or IPv6 packet (section 6), without a link layer: the
     * outer MAC addresses are the base station's and the core's, so the inner packet has none and its
     * device is known by its IP address.
     */
    private static DecodeStatus gtpu(ByteBuffer b, int p, int end, long innerWireEnd, PacketView out) {
        if (p + 8 > end) {
            return null;
        }
        int flags = b.get(p) & 0xFF;
        if ((flags >>> 5) != 1 || (flags & 0x10) == 0 || (b.get(p + 1) & 0xFF) != 0xFF) {
            return null; // GTPv0, GTP', or a signalling message (echo, error indication, end marker)
        }
        long gtpEnd = p + 8L + (b.getShort(p + 2) & 0xFFFF);
        if (gtpEnd > innerWireEnd) {
            return null;
        }
        int innerEnd = (int) Math.min(end, gtpEnd);
        int q = p + 8;
        if ((flags & 0x07) != 0) {
            if (q + 4 > innerEnd) {
                return null;
            }
            int next = (flags & 0x04) != 0 ? b.get(q + 3) & 0xFF : 0;
            q += 4;
            for (int n = 0; next != 0; n++) {
                if (n == MAX_GTPU_EXTENSION_HEADERS || q + 4 > innerEnd) {
                    return null;
                }
                int length = (b.get(q) & 0xFF) * 4;
                if (length == 0 || length > innerEnd - q) {
                    return null;
                }
                next = b.get(q + length - 1) & 0xFF;
                q += length;
            }
        }
        if (q + 1 > innerEnd) {
            return null;
        }
        out.linkSrc = -1;
        out.linkDst = -1;
        int version = (b.get(q) & 0xF0) >>> 4;
        if (version == 4) {
            return ipv4(b, q, innerEnd, gtpEnd, out);
        }
        return version == 6 ? ipv6(b, q, innerEnd, gtpEnd, out) : null;
    }

    private static DecodeStatus capwap(ByteBuffer b, int p, int end, long innerWireEnd, PacketView out) {
        if (p + 8 > end || b.get(p) != 0) {
            return null;
        }
        int word = b.getInt(p);
        int headerLength = ((word >>> 19) & 0x1F) * 4;
        int wbid = (word >>> 9) & 0x1F;
        boolean nativeFormat = ((word >>> 8) & 1) != 0;
        boolean fragment = ((word >>> 7) & 1) != 0;
        if (fragment || headerLength < 8 || p + headerLength > end) {
            return null;
        }
        int q = p + headerLength;
        if (!nativeFormat) {
            // an IEEE 802.3 frame: Ethernet II
            if (q + 14 > end) {
                return null;
            }
            int type = b.getShort(q + 12) & 0xFFFF;
            if (type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6) {
                return null;
            }
            out.linkDst = mac(b, q);
            out.linkSrc = mac(b, q + 6);
            return ethertype(b, type, q + 14, end, innerWireEnd, out);
        }
        return wbid == 1 ? ieee80211Data(b, q, end, innerWireEnd, out) : null;
    }

    /*
     * IEEE 802.11-2020 section 9.2.4 (frame control: protocol 2 bits, type 2 bits (2 = data),
     * subtype 4 bits (bit 3 = QoS, bit 2 = no data); flags: To DS, From DS, ..., Protected, +HTC/Order),
     * section 9.3.2.1 (data frame: duration, address 1-3, sequence, address 4 when To DS and From DS,
     * QoS control, HT control), then IEEE 802.2 LLC with RFC 1042 SNAP (AA AA 03 000000 ethertype).
     * The source address (the phone, for frames it sends) becomes the packet's link source.
     */
    private static DecodeStatus ieee80211Data(ByteBuffer b, int p, int end, long innerWireEnd, PacketView out) {
        if (p + 24 > end) {
            return null;
        }
        int first = b.get(p) & 0xFF;
        int second = b.get(p + 1) & 0xFF;
        // Cisco access points send the Frame Control field byte-swapped (Wireshark's CAPWAP
        // preference "Swap Frame Control"): try the standard order, then the swapped one; only a
        // data frame whose LLC/SNAP header carries IP is taken
        DecodeStatus inner = ieee80211Data(b, p, end, innerWireEnd, first, second, out);
        return inner != null ? inner : ieee80211Data(b, p, end, innerWireEnd, second, first, out);
    }

    private static DecodeStatus ieee80211Data(ByteBuffer b, int p, int end, long innerWireEnd, int fc0, int fc1,
            PacketView out) {
        int type = (fc0 >>> 2) & 3;
        int subtype = (fc0 >>> 4) & 0xF;
        if ((fc0 & 3) != 0 || type != 2 || (subtype & 0x4) != 0 || (fc1 & 0x40) != 0) {
            return null; // not a data frame with a payload in the clear
        }
        boolean toDs = (fc1 & 0x01) != 0;
        boolean fromDs = (fc1 & 0x02) != 0;
        boolean qos = (subtype & 0x8) != 0;
        int header = 24 + (toDs && fromDs ? 6 : 0) + (qos ? 2 : 0) + (qos && (fc1 & 0x80) != 0 ? 4 : 0);
        int q = p + header;
        if (q + 8 > end || (b.getShort(q) & 0xFFFF) != 0xAAAA || b.get(q + 2) != 0x03) {
            return null;
        }
        int ethertype = b.getShort(q + 6) & 0xFFFF;
        if (ethertype != ETHERTYPE_IPV4 && ethertype != ETHERTYPE_IPV6) {
            return null;
        }
        long source = toDs ? (fromDs ? mac(b, p + 24) : mac(b, p + 10)) : (fromDs ? mac(b, p + 16) : mac(b, p + 10));
        long destination = toDs ? mac(b, p + 16) : mac(b, p + 4);
        out.linkSrc = source;
        out.linkDst = destination;
        return ethertype == ETHERTYPE_IPV4 ? ipv4(b, q + 8, end, innerWireEnd, out) : ipv6(b, q + 8, end, innerWireEnd, out);
    }

    private static int wireLength(int p, long wireEnd) {
        long n = wireEnd - p;
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
    }

    private static long mac(ByteBuffer b, int p) {
        return ((long) (b.getShort(p) & 0xFFFF) << 32) | (b.getInt(p + 2) & 0xFFFF_FFFFL);
    }
}
