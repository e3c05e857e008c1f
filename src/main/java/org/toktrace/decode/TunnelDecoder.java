package org.toktrace.decode;

import static org.toktrace.decode.DecodeStatus.IP;
import static org.toktrace.decode.IpDecoder.ipv4;
import static org.toktrace.decode.IpDecoder.ipv6;
import static org.toktrace.decode.PacketDecoder.ETHERTYPE_IPV4;
import static org.toktrace.decode.PacketDecoder.ETHERTYPE_IPV6;
import static org.toktrace.decode.PacketDecoder.ethernet;
import static org.toktrace.decode.PacketDecoder.ethertype;
import static org.toktrace.decode.PacketDecoder.mac;

import java.nio.ByteBuffer;

/**
 * The tunnels unwrapped to their inner packet (CAPWAP with its IEEE 802.11 frames, VXLAN, GTP-U),
 * apart because each is read only after a UDP header and, failing, leaves that datagram as it was.
 */
final class TunnelDecoder {

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

    private TunnelDecoder() {
    }

    static boolean isTunnelPort(int port) {
        return port == CAPWAP_DATA_PORT || port == VXLAN_PORT || port == GTPU_PORT;
    }

    /**
     * Unwraps the tunnel a UDP datagram to or from a tunnel port carries, or leaves the datagram as
     * it is: when the tunnel header is not one read here (null from the tunnel's reader) or the
     * inner packet does not decode, the outer datagram's fields are put back.
     */
    static DecodeStatus tunnelOrUdp(ByteBuffer b, int l4, int declared, int captured, PacketView out) {
        if (out.fragment || out.tunnels >= MAX_TUNNEL_DEPTH) {
            return IP;
        }
        int depth = out.tunnels;
        out.save(depth);
        int srcPort = out.srcPort;
        int dstPort = out.dstPort;
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
        out.restore(depth);
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
}
