package org.toktrace.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.model.IpAddress;

/**
 * Builds frames as {@code byte[]} for tests: link layers (Ethernet II with VLAN/QinQ tags or
 * LLC/SNAP, Linux SLL and SLL2, BSD loopback, raw IP), IPv4 (options, fragments) and IPv6
 * (extension headers, fragments), TCP and UDP with payload. Lengths are filled in correctly;
 * checksums are left zero.
 *
 * <pre>{@code
 * byte[] syn = Frames.ethernet().src(CLIENT_MAC).build(
 *         Frames.ipv4("10.0.0.2", "93.184.216.34").payload(Frames.tcp(50000, 443).flags(Frames.SYN)).build());
 * List<byte[]> pieces = Frames.ipv4("10.0.0.2", "8.8.8.8").id(7).payload(Frames.udp(5353, 53).payload(2000)).fragments(1000);
 * }</pre>
 */
public final class Frames {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int TPID_8021Q = 0x8100;
    public static final int TPID_8021AD = 0x88A8;
    public static final int TPID_QINQ = 0x9100;

    /** Default addresses of {@link #ethernet()}: a locally administered client and gateway. */
    public static final long DEFAULT_SRC_MAC = 0x0200_0000_0001L;
    public static final long DEFAULT_DST_MAC = 0x0200_0000_00FEL;

    private Frames() {
    }

    // ---------------------------------------------------------------- transports

    /** A TCP segment from {@code srcPort} to {@code dstPort}; ACK only until {@link Tcp#flags} says otherwise. */
    public static Tcp tcp(int srcPort, int dstPort) {
        return new Tcp(srcPort, dstPort);
    }

    /** A UDP datagram from {@code srcPort} to {@code dstPort}. */
    public static Udp udp(int srcPort, int dstPort) {
        return new Udp(srcPort, dstPort);
    }

    /** Something an IP packet can carry, with its IP protocol number. */
    public interface Transport {
        int protocol();

        byte[] bytes();
    }

    /** Raw transport bytes under an arbitrary IP protocol number (ICMP, GRE, ...). */
    public static Transport transport(int protocol, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new Transport() {
            @Override
            public int protocol() {
                return protocol;
            }

            @Override
            public byte[] bytes() {
                return copy.clone();
            }
        };
    }

    /** A TCP segment (RFC 9293 section 3.1). */
    public static final class Tcp implements Transport {
        private final int srcPort;
        private final int dstPort;
        private int flags = ACK;
        private long seq = 1000;
        private long ack;
        private int window = 65535;
        private byte[] options = new byte[0];
        private byte[] payload = new byte[0];
        private int dataOffsetWords = -1;

        private Tcp(int srcPort, int dstPort) {
            this.srcPort = srcPort;
            this.dstPort = dstPort;
        }

        /** The flag bits: {@link #SYN}, {@link #ACK}, {@link #FIN}, {@link #RST}, {@link #PSH}, or'ed. */
        public Tcp flags(int flags) {
            this.flags = flags;
            return this;
        }

        public Tcp seq(long seq) {
            this.seq = seq;
            return this;
        }

        public Tcp ack(long ack) {
            this.ack = ack;
            return this;
        }

        public Tcp window(int window) {
            this.window = window;
            return this;
        }

        /** TCP options, padded with zeros (end of option list) to a multiple of 4 bytes. */
        public Tcp options(byte... options) {
            this.options = pad(options, 4);
            return this;
        }

        public Tcp payload(byte[] payload) {
            this.payload = payload.clone();
            return this;
        }

        /** {@code length} bytes of payload counting up from 0. */
        public Tcp payload(int length) {
            return payload(filler(length));
        }

        /** Writes this data offset (in 32-bit words) instead of the true one: for malformed cases. */
        public Tcp dataOffsetWords(int words) {
            this.dataOffsetWords = words;
            return this;
        }

        @Override
        public int protocol() {
            return 6;
        }

        @Override
        public byte[] bytes() {
            int headerLength = 20 + options.length;
            ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
            b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack);
            int words = dataOffsetWords >= 0 ? dataOffsetWords : headerLength / 4;
            b.put((byte) ((words << 4) | ((flags >>> 8) & 1))).put((byte) flags);
            b.putShort((short) window).putShort((short) 0).putShort((short) 0);
            b.put(options).put(payload);
            return b.array();
        }
    }

    /** A UDP datagram (RFC 768). */
    public static final class Udp implements Transport {
        private final int srcPort;
        private final int dstPort;
        private byte[] payload = new byte[0];

        private Udp(int srcPort, int dstPort) {
            this.srcPort = srcPort;
            this.dstPort = dstPort;
        }

        public Udp payload(byte[] payload) {
            this.payload = payload.clone();
            return this;
        }

        /** {@code length} bytes of payload counting up from 0. */
        public Udp payload(int length) {
            return payload(filler(length));
        }

        @Override
        public int protocol() {
            return 17;
        }

        @Override
        public byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
            b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) Math.min(0xFFFF, 8 + payload.length));
            b.putShort((short) 0).put(payload);
            return b.array();
        }
    }

    // ---------------------------------------------------------------- IPv4

    /** An IPv4 packet (RFC 791) between two dotted-quad addresses. */
    public static Ipv4 ipv4(String src, String dst) {
        return new Ipv4(IpAddress.parse(src), IpAddress.parse(dst));
    }

    /** An IPv4 packet builder; the protocol comes from the transport unless set. */
    public static final class Ipv4 {
        private final byte[] src;
        private final byte[] dst;
        private int protocol = -1;
        private int id = 1;
        private int ttl = 64;
        private boolean dontFragment;
        private boolean moreFragments;
        private int fragmentOffsetBytes;
        private byte[] options = new byte[0];
        private byte[] payload = new byte[0];
        private int totalLength = -1;
        private int ihl = -1;
        private int version = 4;

        private Ipv4(IpAddress src, IpAddress dst) {
            if (src.v6() || dst.v6()) {
                throw new IllegalArgumentException("IPv4 addresses expected");
            }
            this.src = src.toBytes();
            this.dst = dst.toBytes();
        }

        public Ipv4 payload(Transport transport) {
            if (protocol < 0) {
                protocol = transport.protocol();
            }
            payload = transport.bytes();
            return this;
        }

        /** Raw bytes after the header; set {@link #protocol(int)} too. */
        public Ipv4 payload(byte[] bytes) {
            payload = bytes.clone();
            return this;
        }

        public Ipv4 protocol(int protocol) {
            this.protocol = protocol;
            return this;
        }

        public Ipv4 id(int id) {
            this.id = id;
            return this;
        }

        public Ipv4 ttl(int ttl) {
            this.ttl = ttl;
            return this;
        }

        public Ipv4 dontFragment() {
            this.dontFragment = true;
            return this;
        }

        /** Marks this packet as a fragment at {@code offsetBytes} (a multiple of 8) of the datagram. */
        public Ipv4 fragment(int offsetBytes, boolean more) {
            if (offsetBytes % 8 != 0) {
                throw new IllegalArgumentException("fragment offsets are multiples of 8");
            }
            this.fragmentOffsetBytes = offsetBytes;
            this.moreFragments = more;
            return this;
        }

        /** IP options, padded with zeros (end of option list) to a multiple of 4 bytes. */
        public Ipv4 options(byte... options) {
            this.options = pad(options, 4);
            return this;
        }

        /** Writes this total length instead of the true one (0 as a TSO capture does, or a lie). */
        public Ipv4 totalLength(int totalLength) {
            this.totalLength = totalLength;
            return this;
        }

        /** Writes this IHL (in 32-bit words) instead of the true one: for malformed cases. */
        public Ipv4 ihl(int words) {
            this.ihl = words;
            return this;
        }

        /** Writes this version nibble instead of 4: for malformed cases. */
        public Ipv4 version(int version) {
            this.version = version;
            return this;
        }

        public byte[] build() {
            return header(payload, fragmentOffsetBytes, moreFragments);
        }

        /**
         * Splits the payload into fragments carrying at most {@code maxFragmentPayload} bytes
         * each (rounded down to a multiple of 8), in order; the first carries the transport header.
         */
        public List<byte[]> fragments(int maxFragmentPayload) {
            int size = maxFragmentPayload & ~7;
            if (size <= 0) {
                throw new IllegalArgumentException("fragment payload of at least 8 bytes");
            }
            List<byte[]> out = new ArrayList<>();
            for (int off = 0; off < payload.length || off == 0; off += size) {
                int n = Math.min(size, payload.length - off);
                byte[] part = new byte[n];
                System.arraycopy(payload, off, part, 0, n);
                out.add(header(part, off, off + n < payload.length));
                if (payload.length == 0) {
                    break;
                }
            }
            return out;
        }

        private byte[] header(byte[] body, int offsetBytes, boolean more) {
            int headerLength = 20 + options.length;
            ByteBuffer b = ByteBuffer.allocate(headerLength + body.length);
            int words = ihl >= 0 ? ihl : headerLength / 4;
            b.put((byte) ((version << 4) | (words & 0x0F))).put((byte) 0);
            b.putShort((short) (totalLength >= 0 ? totalLength : headerLength + body.length));
            b.putShort((short) id);
            int flags = (dontFragment ? 0x4000 : 0) | (more ? 0x2000 : 0) | ((offsetBytes / 8) & 0x1FFF);
            b.putShort((short) flags);
            b.put((byte) ttl).put((byte) Math.max(protocol, 0)).putShort((short) 0);
            b.put(src).put(dst).put(options).put(body);
            return b.array();
        }
    }

    // ---------------------------------------------------------------- IPv6

    /** An IPv6 packet (RFC 8200) between two RFC 4291 text addresses. */
    public static Ipv6 ipv6(String src, String dst) {
        return new Ipv6(IpAddress.parse(src), IpAddress.parse(dst));
    }

    /** An IPv6 packet builder; extension headers are chained in the order they are added. */
    public static final class Ipv6 {
        public static final int HOP_BY_HOP = 0;
        public static final int ROUTING = 43;
        public static final int FRAGMENT = 44;
        public static final int AUTHENTICATION = 51;
        public static final int DESTINATION_OPTIONS = 60;
        public static final int MOBILITY = 135;

        private final byte[] src;
        private final byte[] dst;
        private int protocol = -1;
        private int hopLimit = 64;
        private final List<int[]> extensionTypes = new ArrayList<>();
        private final List<byte[]> extensionBodies = new ArrayList<>();
        private byte[] payload = new byte[0];
        private int payloadLength = -1;

        private Ipv6(IpAddress src, IpAddress dst) {
            if (!src.v6() || !dst.v6()) {
                throw new IllegalArgumentException("IPv6 addresses expected");
            }
            this.src = src.toBytes();
            this.dst = dst.toBytes();
        }

        public Ipv6 payload(Transport transport) {
            if (protocol < 0) {
                protocol = transport.protocol();
            }
            payload = transport.bytes();
            return this;
        }

        /** Raw bytes after the extension headers; set {@link #protocol(int)} too. */
        public Ipv6 payload(byte[] bytes) {
            payload = bytes.clone();
            return this;
        }

        public Ipv6 protocol(int protocol) {
            this.protocol = protocol;
            return this;
        }

        public Ipv6 hopLimit(int hopLimit) {
            this.hopLimit = hopLimit;
            return this;
        }

        /** Writes this payload length instead of the true one (0 as TSO and jumbograms do, or a lie). */
        public Ipv6 payloadLength(int payloadLength) {
            this.payloadLength = payloadLength;
            return this;
        }

        /** A hop-by-hop options header of 8 bytes (PadN). */
        public Ipv6 hopByHop() {
            return extension(HOP_BY_HOP, 8);
        }

        /** A destination options header of {@code lengthBytes} (a multiple of 8), PadN-filled. */
        public Ipv6 destinationOptions(int lengthBytes) {
            return extension(DESTINATION_OPTIONS, lengthBytes);
        }

        /** A routing header (type 0 layout, segments left 0) of {@code lengthBytes}, a multiple of 8. */
        public Ipv6 routing(int lengthBytes) {
            return extension(ROUTING, lengthBytes);
        }

        /** An authentication header (RFC 4302) of {@code lengthBytes}, a multiple of 4, at least 12. */
        public Ipv6 authentication(int lengthBytes) {
            return extension(AUTHENTICATION, lengthBytes);
        }

        /**
         * Any extension header of {@code lengthBytes} total bytes; the length field is written in
         * the unit the type uses (4-byte units minus 2 for AH, 8-byte units minus 1 otherwise).
         */
        public Ipv6 extension(int type, int lengthBytes) {
            byte[] body = new byte[lengthBytes];
            int field = type == AUTHENTICATION ? lengthBytes / 4 - 2 : lengthBytes / 8 - 1;
            body[1] = (byte) field;
            if (type != AUTHENTICATION && type != FRAGMENT && lengthBytes > 2) {
                body[2] = 1; // PadN over the rest
                body[3] = (byte) (lengthBytes - 4);
            }
            extensionTypes.add(new int[] {type});
            extensionBodies.add(body);
            return this;
        }

        /** An extension header with the given raw bytes (byte 0, the next header, is filled in). */
        public Ipv6 rawExtension(int type, byte[] bytes) {
            extensionTypes.add(new int[] {type});
            extensionBodies.add(bytes.clone());
            return this;
        }

        /** A fragment header: {@code offsetBytes} (a multiple of 8) into the datagram, M flag, identification. */
        public Ipv6 fragmentHeader(int offsetBytes, boolean more, long id) {
            extensionTypes.add(new int[] {FRAGMENT});
            extensionBodies.add(fragmentBody(offsetBytes, more, id));
            return this;
        }

        public byte[] build() {
            return assemble(extensionTypes, extensionBodies, protocol, payload);
        }

        /**
         * Splits the payload after the extension headers into fragments of at most
         * {@code maxFragmentPayload} bytes (rounded down to a multiple of 8), each with the
         * headers added so far followed by a fragment header with identification {@code id}.
         */
        public List<byte[]> fragments(int maxFragmentPayload, long id) {
            int size = maxFragmentPayload & ~7;
            if (size <= 0) {
                throw new IllegalArgumentException("fragment payload of at least 8 bytes");
            }
            List<byte[]> out = new ArrayList<>();
            for (int off = 0; off == 0 || off < payload.length; off += size) {
                int n = Math.min(size, payload.length - off);
                byte[] part = new byte[n];
                System.arraycopy(payload, off, part, 0, n);
                List<int[]> types = new ArrayList<>(extensionTypes);
                List<byte[]> bodies = new ArrayList<>(extensionBodies);
                types.add(new int[] {FRAGMENT});
                bodies.add(fragmentBody(off, off + n < payload.length, id));
                out.add(assemble(types, bodies, protocol, part));
                if (payload.length == 0) {
                    break;
                }
            }
            return out;
        }

        private static byte[] fragmentBody(int offsetBytes, boolean more, long id) {
            if (offsetBytes % 8 != 0) {
                throw new IllegalArgumentException("fragment offsets are multiples of 8");
            }
            ByteBuffer b = ByteBuffer.allocate(8);
            b.put((byte) 0).put((byte) 0).putShort((short) (offsetBytes | (more ? 1 : 0))).putInt((int) id);
            return b.array();
        }

        private byte[] assemble(List<int[]> types, List<byte[]> bodies, int lastProtocol, byte[] body) {
            ByteArrayOutputStream chain = new ByteArrayOutputStream();
            for (int i = 0; i < bodies.size(); i++) {
                byte[] h = bodies.get(i).clone();
                h[0] = (byte) (i + 1 < types.size() ? types.get(i + 1)[0] : Math.max(lastProtocol, 0));
                chain.writeBytes(h);
            }
            byte[] ext = chain.toByteArray();
            int first = types.isEmpty() ? Math.max(lastProtocol, 0) : types.get(0)[0];
            ByteBuffer b = ByteBuffer.allocate(40 + ext.length + body.length);
            b.putInt(0x6000_0000);
            b.putShort((short) (payloadLength >= 0 ? payloadLength : ext.length + body.length));
            b.put((byte) first).put((byte) hopLimit);
            b.put(src).put(dst).put(ext).put(body);
            return b.array();
        }
    }

    // ---------------------------------------------------------------- link layers

    /** An Ethernet II frame builder (IEEE 802.3), optionally tagged or LLC/SNAP-encapsulated. */
    public static Ethernet ethernet() {
        return new Ethernet();
    }

    /** Ethernet II around an IP packet with the default addresses; the ethertype follows the IP version. */
    public static byte[] ethernet(byte[] ipPacket) {
        return ethernet().build(ipPacket);
    }

    /** An Ethernet frame builder. */
    public static final class Ethernet {
        private long src = DEFAULT_SRC_MAC;
        private long dst = DEFAULT_DST_MAC;
        private final List<int[]> tags = new ArrayList<>();
        private int type = -1;
        private boolean llcSnap;

        private Ethernet() {
        }

        public Ethernet src(long mac) {
            this.src = mac;
            return this;
        }

        public Ethernet dst(long mac) {
            this.dst = mac;
            return this;
        }

        /** An 802.1Q tag with this VLAN id; call again for stacked tags, outermost first. */
        public Ethernet vlan(int vlanId) {
            return tag(TPID_8021Q, vlanId);
        }

        /** An 802.1ad service tag then an 802.1Q customer tag. */
        public Ethernet qinq(int serviceVlan, int customerVlan) {
            return tag(TPID_8021AD, serviceVlan).tag(TPID_8021Q, customerVlan);
        }

        /** A tag with any TPID (0x8100, 0x88a8, 0x9100). */
        public Ethernet tag(int tpid, int vlanId) {
            tags.add(new int[] {tpid, vlanId});
            return this;
        }

        /** The ethertype to write, instead of the one the payload's IP version implies. */
        public Ethernet type(int ethertype) {
            this.type = ethertype;
            return this;
        }

        /** IEEE 802.3 with a length field and LLC/SNAP (RFC 1042) instead of Ethernet II. */
        public Ethernet llcSnap() {
            this.llcSnap = true;
            return this;
        }

        public byte[] build(byte[] payload) {
            int ethertype = type >= 0 ? type : ipEthertype(payload);
            ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags.size() + (llcSnap ? 8 : 0) + payload.length);
            putMac(b, dst);
            putMac(b, src);
            for (int[] tag : tags) {
                b.putShort((short) tag[0]).putShort((short) (tag[1] & 0x0FFF));
            }
            if (llcSnap) {
                b.putShort((short) (8 + payload.length));
                b.put((byte) 0xAA).put((byte) 0xAA).put((byte) 0x03).put((byte) 0).put((byte) 0).put((byte) 0);
            }
            b.putShort((short) ethertype).put(payload);
            return b.array();
        }
    }

    /** Linux cooked capture v1 (LINKTYPE_LINUX_SLL): packet type (0 = to us, 4 = outgoing), sender MAC. */
    public static byte[] sll(int packetType, long senderMac, byte[] ipPacket) {
        ByteBuffer b = ByteBuffer.allocate(16 + ipPacket.length);
        b.putShort((short) packetType).putShort((short) 1).putShort((short) 6);
        putMac(b, senderMac);
        b.putShort((short) 0).putShort((short) ipEthertype(ipPacket)).put(ipPacket);
        return b.array();
    }

    /** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2): packet type, interface index, sender MAC. */
    public static byte[] sll2(int packetType, int interfaceIndex, long senderMac, byte[] ipPacket) {
        ByteBuffer b = ByteBuffer.allocate(20 + ipPacket.length);
        b.putShort((short) ipEthertype(ipPacket)).putShort((short) 0).putInt(interfaceIndex);
        b.putShort((short) 1).put((byte) packetType).put((byte) 6);
        putMac(b, senderMac);
        b.putShort((short) 0).put(ipPacket);
        return b.array();
    }

    /**
     * BSD loopback (LINKTYPE_NULL): the 4-byte address family in the capturing host's byte
     * order, little-endian for x86 and ARM hosts.
     */
    public static byte[] nullLoopback(int family, boolean littleEndian, byte[] ipPacket) {
        ByteBuffer b = ByteBuffer.allocate(4 + ipPacket.length);
        b.putInt(littleEndian ? Integer.reverseBytes(family) : family).put(ipPacket);
        return b.array();
    }

    /** BSD loopback with AF_INET (2) or, for IPv6, AF_INET6 as macOS writes it (30), little-endian. */
    public static byte[] nullLoopback(byte[] ipPacket) {
        return nullLoopback(ipEthertype(ipPacket) == ETHERTYPE_IPV6 ? 30 : 2, true, ipPacket);
    }

    /** OpenBSD loopback (LINKTYPE_LOOP): the address family in network byte order. */
    public static byte[] openBsdLoop(int family, byte[] ipPacket) {
        return nullLoopback(family, false, ipPacket);
    }

    /** A raw IP frame (LINKTYPE_RAW): the packet itself. */
    public static byte[] raw(byte[] ipPacket) {
        return ipPacket.clone();
    }

    // ---------------------------------------------------------------- helpers

    /** A MAC written as {@code 02:00:00:00:00:01} as a 48-bit long. */
    public static long mac(String text) {
        String hex = text.replace(":", "").replace("-", "");
        if (hex.length() != 12) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return Long.parseLong(hex, 16);
    }

    /** The first {@code length} bytes of {@code frame} (a snap-length cut). */
    public static byte[] truncate(byte[] frame, int length) {
        byte[] out = new byte[Math.min(length, frame.length)];
        System.arraycopy(frame, 0, out, 0, out.length);
        return out;
    }

    /** {@code length} bytes counting up from 0. */
    public static byte[] filler(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static int ipEthertype(byte[] ipPacket) {
        return ipPacket.length > 0 && (ipPacket[0] & 0xF0) == 0x60 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
    }

    private static void putMac(ByteBuffer b, long mac) {
        b.putShort((short) (mac >>> 32)).putInt((int) mac);
    }

    private static byte[] pad(byte[] bytes, int multiple) {
        int n = (bytes.length + multiple - 1) / multiple * multiple;
        byte[] out = new byte[n];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        return out;
    }
}
