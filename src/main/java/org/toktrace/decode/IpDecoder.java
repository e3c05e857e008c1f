package org.toktrace.decode;

import static org.toktrace.decode.DecodeStatus.IP;
import static org.toktrace.decode.DecodeStatus.MALFORMED;
import static org.toktrace.decode.TunnelDecoder.isTunnelPort;
import static org.toktrace.decode.TunnelDecoder.tunnelOrUdp;

import java.nio.ByteBuffer;
import org.toktrace.model.IpProtocols;

/**
 * The network and transport layers (IPv4, IPv6 with its extension headers, fragments, TCP and UDP
 * headers), apart from the link layers because every link layer and every tunnel ends here.
 */
final class IpDecoder {

    /** IPv6 extension headers followed before the packet is called malformed. */
    static final int MAX_IPV6_EXTENSION_HEADERS = 10;

    private IpDecoder() {
    }

    // RFC 791 section 3.1: version/IHL, total length, identification, flags/fragment offset,
    // protocol, addresses; options up to IHL * 4 bytes.
    static DecodeStatus ipv4(ByteBuffer b, int p, int end, long wireEnd, PacketView out) {
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
    static DecodeStatus ipv6(ByteBuffer b, int p, int end, long wireEnd, PacketView out) {
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

    static int wireLength(int p, long wireEnd) {
        long n = wireEnd - p;
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
    }
}
