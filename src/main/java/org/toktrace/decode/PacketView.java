package org.toktrace.decode;

import org.toktrace.model.IpAddress;

/**
 * What {@link PacketDecoder} read from one frame: addresses, transport, ports, lengths and where
 * the transport payload lies in the frame's buffer. Mutable and reused: one view per thread, valid
 * until the next {@code decode} call.
 *
 * <p>Addresses are held as in {@link IpAddress}: an IPv4 address in the low 32 bits of the
 * {@code lo} half with {@code hi == 0}. Nothing here allocates except {@link #srcAddress()} and
 * {@link #dstAddress()}, which are for use off the packet path.
 */
public final class PacketView {

    /** TCP flag bits as {@link #tcpFlags()} returns them (RFC 9293 section 3.1; NS is bit 8). */
    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;
    public static final int TCP_URG = 0x20;
    public static final int TCP_ECE = 0x40;
    public static final int TCP_CWR = 0x80;

    int ipVersion;
    int ipOffset;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int protocol;
    int srcPort;
    int dstPort;
    int ipLength;
    int tcpFlags;
    int tcpSeq;
    int tcpAck;
    int l4Offset;
    int l4PayloadOffset;
    int l4PayloadLength;
    boolean fragment;
    boolean firstFragment;
    boolean moreFragments;
    long fragmentId;
    long linkSrc;
    long linkDst;

    /** Tunnels (CAPWAP, VXLAN, GTP-U) unwrapped to reach this packet; the fields describe the innermost one. */
    int tunnels;
    /** The IP header announces more bytes than the frame held on the wire; see {@link #lengthBeyondFrame()}. */
    boolean lengthBeyondFrame;

    /** The datagrams carrying the tunnels being unwrapped, by depth; see {@link #save}. */
    private PacketView[] saved;

    /** Forgets the previous packet; the decoder calls this first. */
    void reset() {
        ipVersion = 0;
        ipOffset = 0;
        srcHi = 0;
        srcLo = 0;
        dstHi = 0;
        dstLo = 0;
        protocol = 0;
        srcPort = 0;
        dstPort = 0;
        ipLength = 0;
        tcpFlags = 0;
        tcpSeq = 0;
        tcpAck = 0;
        l4Offset = 0;
        l4PayloadOffset = 0;
        l4PayloadLength = 0;
        fragment = false;
        firstFragment = false;
        moreFragments = false;
        fragmentId = 0;
        linkSrc = -1;
        linkDst = -1;
        tunnels = 0;
        lengthBeyondFrame = false;
    }

    /**
     * A copy of this view for a buffer that holds only the transport payload, from index 0: for
     * handing a packet to another thread, which must not read the frame's own buffer.
     */
    public PacketView detachedWithPayloadAtZero() {
        PacketView c = new PacketView();
        c.copyFrom(this);
        c.ipOffset = -1;
        c.l4Offset = -1;
        c.l4PayloadOffset = 0;
        return c;
    }

    /**
     * Keeps what this view holds now, the datagram that carries a tunnel, so that {@link #restore}
     * puts it back when the tunnel's inner packet does not decode; one slot per tunnel depth, made
     * once per view, since tunnels nest.
     */
    void save(int depth) {
        if (saved == null) {
            saved = new PacketView[TunnelDecoder.MAX_TUNNEL_DEPTH];
        }
        if (saved[depth] == null) {
            saved[depth] = new PacketView();
        }
        saved[depth].copyFrom(this);
    }

    /** Puts back what {@link #save} kept at {@code depth}. */
    void restore(int depth) {
        copyFrom(saved[depth]);
    }

    private void copyFrom(PacketView o) {
        ipVersion = o.ipVersion;
        ipOffset = o.ipOffset;
        srcHi = o.srcHi;
        srcLo = o.srcLo;
        dstHi = o.dstHi;
        dstLo = o.dstLo;
        protocol = o.protocol;
        srcPort = o.srcPort;
        dstPort = o.dstPort;
        ipLength = o.ipLength;
        tcpFlags = o.tcpFlags;
        tcpSeq = o.tcpSeq;
        tcpAck = o.tcpAck;
        l4Offset = o.l4Offset;
        l4PayloadOffset = o.l4PayloadOffset;
        l4PayloadLength = o.l4PayloadLength;
        fragment = o.fragment;
        firstFragment = o.firstFragment;
        moreFragments = o.moreFragments;
        fragmentId = o.fragmentId;
        linkSrc = o.linkSrc;
        linkDst = o.linkDst;
        tunnels = o.tunnels;
        lengthBeyondFrame = o.lengthBeyondFrame;
    }

    /** Whether the addresses and ports are those of a packet carried inside a tunnel (CAPWAP, VXLAN, GTP-U). */
    public boolean tunneled() {
        return tunnels > 0;
    }

    /** How many tunnels were unwrapped to reach this packet: 0 for a packet seen as it is. */
    public int tunnelDepth() {
        return tunnels;
    }

    /**
     * Whether the IP header announces more bytes than the frame held on the wire, as in a capture
     * taken before the network card's segmentation offload (TSO/GRO) split or after it merged the
     * segments: the packet counts with the announced length, as tshark counts it, and is marked.
     */
    public boolean lengthBeyondFrame() {
        return lengthBeyondFrame;
    }

    public PacketView() {
        reset();
    }

    /** 4 or 6 (0 before the first IP packet). */
    public int ipVersion() {
        return ipVersion;
    }

    public boolean isV6() {
        return ipVersion == 6;
    }

    /** Absolute index in the buffer of the IP header's first byte. */
    public int ipOffset() {
        return ipOffset;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    /** IP protocol number of the transport: after IPv6 extension headers (6 TCP, 17 UDP, ...). */
    public int protocol() {
        return protocol;
    }

    /** TCP or UDP source port; 0 for other protocols and for non-first fragments. */
    public int srcPort() {
        return srcPort;
    }

    /** TCP or UDP destination port; 0 for other protocols and for non-first fragments. */
    public int dstPort() {
        return dstPort;
    }

    /**
     * The packet's size as IP counts it: the IPv4 total length, or 40 plus the IPv6 payload
     * length; when the header says 0 (TSO/GSO captures, jumbograms) the length on the wire minus
     * the link header.
     */
    public int ipLength() {
        return ipLength;
    }

    /** TCP flags ({@link #TCP_SYN}, ...), 0 for other transports. */
    public int tcpFlags() {
        return tcpFlags;
    }

    public boolean hasTcpFlags(int mask) {
        return (tcpFlags & mask) == mask;
    }

    /** TCP sequence number (unsigned 32 bits held in an int). */
    public int tcpSeq() {
        return tcpSeq;
    }

    /** TCP acknowledgment number (unsigned 32 bits held in an int). */
    public int tcpAck() {
        return tcpAck;
    }

    /** Absolute index of the transport header (or of the fragment's data for non-first fragments). */
    public int l4Offset() {
        return l4Offset;
    }

    /** Absolute index in the buffer of the transport payload (after the TCP/UDP header). */
    public int l4PayloadOffset() {
        return l4PayloadOffset;
    }

    /** Transport payload bytes actually present in the buffer (less than sent if the snap length cut it). */
    public int l4PayloadLength() {
        return l4PayloadLength;
    }

    /** True for any IP fragment: more-fragments set or a non-zero offset. */
    public boolean isFragment() {
        return fragment;
    }

    /** True for the fragment at offset 0, the one that carries the transport header. */
    public boolean isFirstFragment() {
        return firstFragment;
    }

    public boolean moreFragments() {
        return moreFragments;
    }

    /** IPv4 identification (16 bits) or IPv6 fragment header identification (32 bits). */
    public long fragmentId() {
        return fragmentId;
    }

    /** Link-layer source address (48-bit MAC) or -1 when the link type carries none. */
    public long linkSrc() {
        return linkSrc;
    }

    /** Link-layer destination address (48-bit MAC) or -1 when the link type carries none. */
    public long linkDst() {
        return linkDst;
    }

    /** The source address as a value; allocates, so not for the packet path. */
    public IpAddress srcAddress() {
        return ipVersion == 6 ? IpAddress.ofV6(srcHi, srcLo) : IpAddress.ofV4((int) srcLo);
    }

    /** The destination address as a value; allocates, so not for the packet path. */
    public IpAddress dstAddress() {
        return ipVersion == 6 ? IpAddress.ofV6(dstHi, dstLo) : IpAddress.ofV4((int) dstLo);
    }

    @Override
    public String toString() {
        return "PacketView[" + (ipVersion == 0 ? "none" : srcAddress() + ":" + srcPort + " > " + dstAddress() + ":"
                + dstPort + " proto " + protocol + " len " + ipLength
                + (fragment ? " frag id " + fragmentId + (firstFragment ? " first" : "") : "")) + "]";
    }
}
