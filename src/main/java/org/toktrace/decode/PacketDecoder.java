package org.toktrace.decode;

import static org.toktrace.decode.DecodeStatus.MALFORMED;
import static org.toktrace.decode.DecodeStatus.NOT_IP;
import static org.toktrace.decode.DecodeStatus.UNSUPPORTED_LINK;
import static org.toktrace.decode.IpDecoder.ipv4;
import static org.toktrace.decode.IpDecoder.ipv6;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
 * innermost packet becomes the packet, at most {@link TunnelDecoder#MAX_TUNNEL_DEPTH} tunnels
 * deep. A tunnel header that is cut short or not understood, or an inner packet that does not
 * decode, leaves the packet as the outer UDP datagram, so no byte is lost.
 *
 * <p>The link layers are read here, IP and the transport headers by {@link IpDecoder}, the tunnels
 * by {@link TunnelDecoder}. Stateless apart from constants; one instance may serve any number of threads, each with its
 * own view.
 */
public final class PacketDecoder {

    /** VLAN tags followed before giving up (802.1Q, 802.1ad, 0x9100 QinQ stacks rarely exceed 2). */
    static final int MAX_VLAN_TAGS = 4;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_8021Q = 0x8100;
    private static final int ETHERTYPE_8021AD = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    private static final int ARPHRD_ETHER = 1;
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
    static DecodeStatus ethernet(ByteBuffer b, int p, int end, long wireEnd, PacketView out) {
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
    static DecodeStatus ethertype(ByteBuffer b, int type, int p, int end, long wireEnd, PacketView out) {
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
        return linuxCooked(b, b.getShort(p + 2) & 0xFFFF, b.getShort(p + 4) & 0xFFFF, p + 6,
                b.getShort(p + 14) & 0xFFFF, p + 16, end, wireEnd, out);
    }

    // tcpdump.org LINKTYPE_LINUX_SLL2: protocol(2) reserved(2) interface index(4) ARPHRD type(2)
    // packet type(1) address length(1) address(8).
    private static DecodeStatus linuxSll2(ByteBuffer b, int p, int end, long wireEnd, PacketView out) {
        if (p + 20 > end) {
            return MALFORMED;
        }
        return linuxCooked(b, b.getShort(p + 8) & 0xFFFF, b.get(p + 11) & 0xFF, p + 12,
                b.getShort(p) & 0xFFFF, p + 20, end, wireEnd, out);
    }

    // The fields both Linux "cooked" headers carry, wherever each puts them: netlink frames carry no
    // IP, and an Ethernet device's 6-byte address is the sender's MAC.
    private static DecodeStatus linuxCooked(ByteBuffer b, int hatype, int addressLength, int address, int protocol,
            int p, int end, long wireEnd, PacketView out) {
        if (hatype == ARPHRD_NETLINK) {
            return NOT_IP;
        }
        if (hatype == ARPHRD_ETHER && addressLength == 6) {
            out.linkSrc = mac(b, address);
        }
        return ethertype(b, protocol, p, end, wireEnd, out);
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

    static long mac(ByteBuffer b, int p) {
        return ((long) (b.getShort(p) & 0xFFFF) << 32) | (b.getInt(p + 2) & 0xFFFF_FFFFL);
    }
}
