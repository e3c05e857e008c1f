package org.toktrace.flow;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.toktrace.decode.PacketView;
import org.toktrace.dissect.PayloadCopy;
import org.toktrace.dissect.PayloadGate;
import org.toktrace.model.Attribution;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.IpProtocols;

/**
 * The bidirectional flow table: finds the flow of each decoded IP packet whichever way it goes,
 * orients it (client and server), counts packets and IP bytes per direction and per time bin,
 * ends flows on close, idleness or lack of room, and reports each flow exactly once to a
 * {@link FlowSink}. Not thread-safe: one table per packet thread.
 *
 * <p>How flows end: a TCP flow closed by RST, or by FIN from both sides, stays for the linger
 * time (trailing ACKs still count) and is then reported as {@link FlowEnd#RST} or
 * {@link FlowEnd#FIN}; a new SYN on its 5-tuple reports it at once, the same way, and opens a new
 * flow. A SYN with another initial sequence number on a TCP flow that never closed reports the
 * old one as {@link FlowEnd#REUSED}. Otherwise {@link FlowEnd#IDLE} after the transport's idle
 * timeout, {@link FlowEnd#EVICTED} when the table is full (a lingering closed flow goes first,
 * reported as it closed), and {@link FlowEnd#CAPTURE_END} from {@link #finishAll()}.
 */
public final class FlowTable {

    /*
     * Layout. A flow lives in a slot. The fields every packet touches sit together in one row of
     * STRIDE longs in `hot` (row s at s * STRIDE), so a packet's lookup and counting touch two or
     * three cache lines: hash and bucket chain, protocol/state bits and ports, the oriented
     * addresses, four counters, first/last seen, and the current time bin inline (bin, bytes up,
     * bytes down, packets with the client's ISN). Cold fields (id, client MAC, close time, the
     * timeout-list links, the earlier bins) have arrays of their own. A slot costs 128 bytes hot
     * plus 28 cold plus 4 in the bucket array, about 160 bytes; earlier bins take 32 bytes each
     * (bin, up, down, packets), allocated only when a flow spans a second bin and grown by half.
     * Arrays start at 1,024 slots and double up to maxFlows.
     *
     * Lookup. Chained hashing: buckets[hash & mask] is the first slot, the row's chain field the
     * next. The hash is direction-independent: each endpoint (address, port) is mixed on its own,
     * the two mixes are added (commutative), then the protocol and version are folded in and the
     * whole is finished with MurmurHash3's fmix64. A lookup compares the stored 32-bit hash first,
     * then the tuple both ways round, which also tells the direction.
     *
     * Time. Each open flow sits on one of three doubly-linked lists (TCP, UDP, other), moved to
     * the tail on every packet, so the heads are the longest idle; closed TCP flows sit on a
     * fourth list in order of closing. As the capture's clock (the largest timestamp so far)
     * advances, heads past their timeout are reported: O(1) amortised per packet. Eviction takes
     * a closed flow first (reported as it closed), else the longest-idle head.
     */

    private static final int INITIAL_CAPACITY = 1024;
    private static final long NO_BIN = Long.MIN_VALUE;

    private static final int STRIDE = 16;
    private static final int HASH_CHAIN = 0; // hash << 32 | next slot in the bucket (-1 ends)
    private static final int META_PORTS = 1; // meta bits << 32 | client port << 16 | server port
    private static final int CLIENT_HI = 2;
    private static final int CLIENT_LO = 3;
    private static final int SERVER_HI = 4;
    private static final int SERVER_LO = 5;
    private static final int PACKETS_UP = 6;
    private static final int PACKETS_DOWN = 7;
    private static final int BYTES_UP = 8;
    private static final int BYTES_DOWN = 9;
    private static final int FIRST_SEEN = 10;
    private static final int LAST_SEEN = 11;
    private static final int CUR_BIN = 12;
    private static final int CUR_UP = 13;
    private static final int CUR_DOWN = 14;
    private static final int CUR_PACKETS_ISN = 15; // packets in the current bin << 32 | client ISN

    private static final int KEY_MASK = 0x1FF; // protocol (8 bits) and IPv6 (bit 8)
    /** The key's part of {@code META_PORTS}: the key bits of the meta word and both ports. */
    private static final long KEY_AND_PORTS = (long) KEY_MASK << 32 | 0xFFFF_FFFFL;
    private static final int V6 = 1 << 8;
    private static final int FIN_UP = 1 << 9;
    private static final int FIN_DOWN = 1 << 10;
    private static final int RST_BIT = 11;
    private static final int RST = 1 << RST_BIT;
    private static final int CLOSED_BIT = 12;
    private static final int CLOSED = 1 << CLOSED_BIT;
    /** How an expired flow ended, by its CLOSED and RST bits: open (idle), or closed by FINs or a reset. */
    private static final FlowEnd[] END_BY_STATE = {FlowEnd.IDLE, FlowEnd.IDLE, FlowEnd.FIN, FlowEnd.RST};
    private static final int HAS_SYN = 1 << 13;
    private static final int MAC_FROM_CLIENT = 1 << 14;
    private static final int ACTIVE = 1 << 15;
    private static final int LIST_SHIFT = 16; // 2 bits: which timeout list
    private static final int INSPECTING = 1 << 18; // the gate may still copy this flow's packets

    private static final int LIST_TCP = 0;
    private static final int LIST_UDP = 1;
    private static final int LIST_OTHER = 2;
    private static final int LIST_CLOSED = 3;

    private final FlowTableConfig config;
    private final FlowSink sink;
    /** Per timeout list: the idle timeout of TCP, UDP and other flows, then the closed flows' linger. */
    private final long[] expiryNanos;
    private final FragmentGroups fragmentGroups;
    /** Decides which packets to copy for dissection, or null to copy none. */
    private final PayloadGate gate;
    /** Receives the copies; null when {@link #gate} is. */
    private final PayloadSink payloads;

    private int capacity;
    private int used;
    private int freeHead = -1; // free slots are linked through their chain field
    private int active;
    private long nextId = 1;
    private long clock = Long.MIN_VALUE;

    private int[] buckets;
    private int mask;

    private long[] hot;
    private long[] ids;
    private long[] clientMac;
    private long[] closedAt;
    private int[] prev;
    private int[] next;
    private PayloadGate.Flow[] gates; // per slot: the gate's counts for a flow under inspection, or null
    private long[][] oldBins; // per slot: (bin, up, down, packets) * oldBinCount, ascending, all < current bin
    private int[] oldBinCount;

    private final int[] listHead = {-1, -1, -1, -1};
    private final int[] listTail = {-1, -1, -1, -1};

    private long binCacheStart = 1;
    private long binCacheEnd = 0;
    private long binCacheBin;

    private long fragments;
    private int lastSlot = -1;
    /** Direction of the last packet; find() and create() also leave the direction they found here. */
    private boolean lastUp;

    public FlowTable(FlowTableConfig config, FlowSink sink) {
        this(config, sink, null, null);
    }

    /**
     * A table that also asks {@code gate} about each packet of a flow a dissector accepts, while it
     * may matter, and hands the copies it asks for to {@code payloads}, in capture order; the flow's
     * end follows its last copy, through {@code sink}.
     */
    public FlowTable(FlowTableConfig config, FlowSink sink, PayloadGate gate, PayloadSink payloads) {
        this.gate = gate;
        this.payloads = gate == null ? null : Objects.requireNonNull(payloads, "payloads");
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.expiryNanos = new long[] {config.tcpIdleNanos(), config.udpIdleNanos(), config.otherIdleNanos(),
            config.closedLingerNanos()};
        this.fragmentGroups = new FragmentGroups(config.maxFragmentGroups(), config.fragmentTimeoutNanos());
        allocate(Math.min(INITIAL_CAPACITY, config.maxFlows()));
    }

    /** Flows in the table, open or lingering after a close. */
    public int activeFlows() {
        return active;
    }

    /** IP fragments seen (first and later ones). */
    public long fragments() {
        return fragments;
    }

    /** Non-first fragments whose first fragment never came (or whose flow had already ended). */
    public long orphanFragments() {
        return fragmentGroups.orphans();
    }

    /**
     * Id of the flow the last packet was counted in, for handing its payload on; 0 when it was a
     * fragment held pending or an orphan, or after {@link #finishAll()}.
     */
    public long lastFlowId() {
        return lastSlot < 0 ? 0 : ids[lastSlot];
    }

    /** Whether the last packet went from client to server. */
    public boolean lastPacketUp() {
        return lastUp;
    }

    /**
     * Counts one packet that the decoder read as IP ({@link org.toktrace.decode.DecodeStatus#IP}).
     * First reports the flows whose timeouts have passed by {@code timestampNanos}; a timestamp
     * older than one seen before is counted but moves no clock.
     *
     * @throws IllegalArgumentException if the view holds no IP packet
     */
    public void onPacket(PacketView p, long timestampNanos) {
        onPacket(p, null, timestampNanos);
    }

    /**
     * Counts one IP packet, and copies it for dissection when its flow's gate asks for it.
     *
     * @param frame the buffer {@code p} was decoded from (the payload's bytes), or null to skip
     *              payload inspection for this packet
     */
    public void onPacket(PacketView p, ByteBuffer frame, long timestampNanos) {
        // Rare paths (fragments, a SYN on a known flow, errors) are methods of their own: this one
        // stays under HotSpot's 325-byte limit for inlining hot methods, so its callees (find,
        // count, the view's getters) are compiled into it (docs/performance.md).
        if (p.ipVersion() == 0) {
            throw notIp();
        }
        if (timestampNanos > clock) {
            clock = timestampNanos;
            expire(clock);
        }
        int protocol = p.protocol();
        if (p.isFragment() && fragmentHandled(p, protocol, timestampNanos)) {
            return;
        }
        int keyMeta = protocol | (p.isV6() ? V6 : 0);
        int sp = p.srcPort();
        int dp = p.dstPort();
        int h = hash(keyMeta, p.srcHi(), p.srcLo(), sp, p.dstHi(), p.dstLo(), dp);
        int slot = find(h, keyMeta, p, sp, dp);
        boolean up = lastUp;
        int flags = p.tcpFlags();
        if (slot >= 0 && protocol == IpProtocols.TCP
                && (flags & (PacketView.TCP_SYN | PacketView.TCP_ACK)) == PacketView.TCP_SYN) {
            slot = synOnKnownFlow(slot, p);
        }
        if (slot < 0) {
            slot = create(h, keyMeta, p, sp, dp, timestampNanos);
            up = lastUp;
        }
        count(slot, up, p.ipLength(), 1, timestampNanos, p.linkSrc(), p.linkDst());
        if (protocol == IpProtocols.TCP) {
            tcpState(slot, up, flags, p.tcpSeq());
        }
        if (frame != null && (meta(slot) & INSPECTING) != 0) {
            inspect(slot, p, frame, up, timestampNanos);
        }
        lastSlot = slot;
        lastUp = up;
        if (p.isFragment() && hasPorts(protocol)) {
            firstFragment(p, slot, up, timestampNanos);
        }
    }

    private static IllegalArgumentException notIp() {
        return new IllegalArgumentException("not an IP packet: call onPacket only for DecodeStatus.IP");
    }

    /** Counts a fragment; true when it is a later fragment of a TCP or UDP packet, handled here and done with. */
    private boolean fragmentHandled(PacketView p, int protocol, long timestampNanos) {
        fragments++;
        if (hasPorts(protocol) && !p.isFirstFragment()) {
            laterFragment(p, timestampNanos);
            return true;
        }
        return false;
    }

    private static boolean hasPorts(int protocol) {
        return protocol == IpProtocols.TCP || protocol == IpProtocols.UDP;
    }

    /**
     * A client's SYN for a flow the table holds: the same connection's retransmitted SYN keeps the
     * slot; after a close, or with another initial sequence number, the old flow ends and -1 asks
     * for a new one.
     */
    private int synOnKnownFlow(int slot, PacketView p) {
        int m = meta(slot);
        if ((m & CLOSED) != 0) {
            finish(slot, closeReason(m));
            return -1;
        }
        if ((m & HAS_SYN) == 0 || (int) hot[slot * STRIDE + CUR_PACKETS_ISN] != p.tcpSeq()) {
            finish(slot, FlowEnd.REUSED);
            return -1;
        }
        return slot;
    }

    /**
     * Reports every flow still in the table, in id order: open flows as
     * {@link FlowEnd#CAPTURE_END}, closed ones as they closed. Fragments still pending become
     * orphans. The table is empty afterwards and may be used again.
     */
    public void finishAll() {
        for (int s : activeSlotsInIdOrder()) {
            finish(s, endSoFar(s));
        }
        fragmentGroups.clear();
        lastSlot = -1;
    }

    /**
     * Reports a copy of every flow still in the table to {@code sink}, in id order, and keeps
     * following them: for the snapshots of a live capture. Open flows are reported as
     * {@link FlowEnd#CAPTURE_END}, closed ones as they closed; their names are the dissection's,
     * by flow id.
     */
    public void snapshotOpenFlows(FlowSink sink) {
        for (int s : activeSlotsInIdOrder()) {
            sink.flowFinished(record(s, endSoFar(s)));
        }
    }

    /** The slots of the flows in the table, in order of their ids. */
    private int[] activeSlotsInIdOrder() {
        long[] order = new long[active];
        int n = 0;
        for (int s = 0; s < used; s++) {
            if ((meta(s) & ACTIVE) != 0) {
                order[n++] = (ids[s] << 24) | s;
            }
        }
        Arrays.sort(order, 0, n);
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = (int) (order[i] & 0xFF_FFFF);
        }
        return slots;
    }

    /** How a flow still in the table ends if the capture ends now: as it closed, or open at the end. */
    private FlowEnd endSoFar(int s) {
        int m = meta(s);
        return (m & CLOSED) != 0 ? closeReason(m) : FlowEnd.CAPTURE_END;
    }

    // ------------------------------------------------------------------ per packet

    private void inspect(int slot, PacketView p, ByteBuffer frame, boolean up, long ts) {
        int b = slot * STRIDE;
        PayloadGate.Decision d = gate.decide(gates[slot], p, frame, up, hot[b + PACKETS_UP] + hot[b + PACKETS_DOWN]);
        if (d == PayloadGate.Decision.COPY) {
            payloads.payloadCopied(PayloadCopy.of(ids[slot], p, frame, up, ts));
        } else if (d == PayloadGate.Decision.STOP) {
            setMeta(slot, meta(slot) & ~INSPECTING);
            gates[slot] = null;
        }
    }

    private int meta(int s) {
        return (int) (hot[s * STRIDE + META_PORTS] >>> 32);
    }

    private void setMeta(int s, int m) {
        int i = s * STRIDE + META_PORTS;
        hot[i] = ((long) m << 32) | (hot[i] & 0xFFFF_FFFFL);
    }

    private int chain(int s) {
        return (int) hot[s * STRIDE + HASH_CHAIN];
    }

    private void setChain(int s, int c) {
        int i = s * STRIDE + HASH_CHAIN;
        hot[i] = (hot[i] & 0xFFFF_FFFF_0000_0000L) | (c & 0xFFFF_FFFFL);
    }

    private int find(int h, int keyMeta, PacketView p, int sp, int dp) {
        long[] e = hot;
        long srcHi = p.srcHi();
        long srcLo = p.srcLo();
        long dstHi = p.dstHi();
        long dstLo = p.dstLo();
        long meta = (long) keyMeta << 32;
        long forward = meta | (((sp << 16) | dp) & 0xFFFF_FFFFL);
        long backward = meta | (((dp << 16) | sp) & 0xFFFF_FFFFL);
        // Whole keys compared with XORs, not field by field: a field-by-field walk has branches
        // (another flow in the bucket, a key alike but for one address) that a table with few flows
        // never takes, so C2 leaves them out, and the first collision, minutes into a capture,
        // throws the compiled packet loop away (a recompilation of onPacket). The hash is a function
        // of the key: not compared.
        int s = buckets[h & mask];
        while (s >= 0) {
            int b = s * STRIDE;
            long key = e[b + META_PORTS] & KEY_AND_PORTS;
            long cLo = e[b + CLIENT_LO];
            long sLo = e[b + SERVER_LO];
            long cHi = e[b + CLIENT_HI];
            long sHi = e[b + SERVER_HI];
            if (((key ^ forward) | (cLo ^ srcLo) | (sLo ^ dstLo) | (cHi ^ srcHi) | (sHi ^ dstHi)) == 0) {
                lastUp = true;
                return s;
            }
            if (((key ^ backward) | (cLo ^ dstLo) | (sLo ^ srcLo) | (cHi ^ dstHi) | (sHi ^ srcHi)) == 0) {
                lastUp = false;
                return s;
            }
            s = (int) e[b + HASH_CHAIN];
        }
        return -1;
    }

    private void count(int s, boolean up, long bytes, long packets, long ts, long linkSrc, long linkDst) {
        long[] e = hot;
        int b = s * STRIDE;
        int m = (int) (e[b + META_PORTS] >>> 32);
        if (up) {
            e[b + PACKETS_UP] += packets;
            e[b + BYTES_UP] += bytes;
            if (linkSrc != -1 && (m & MAC_FROM_CLIENT) == 0) {
                clientMac[s] = linkSrc;
                m |= MAC_FROM_CLIENT;
                setMeta(s, m);
            }
        } else {
            e[b + PACKETS_DOWN] += packets;
            e[b + BYTES_DOWN] += bytes;
            if (linkDst != -1 && (m & MAC_FROM_CLIENT) == 0 && clientMac[s] == -1) {
                clientMac[s] = linkDst; // the server's packets are addressed to the client
            }
        }
        if (ts < e[b + FIRST_SEEN]) {
            e[b + FIRST_SEEN] = ts;
        }
        if (ts > e[b + LAST_SEEN]) {
            e[b + LAST_SEEN] = ts;
        }
        addToBin(s, up, bytes, (int) packets, ts);
        if ((m & CLOSED) == 0) {
            moveToTail(s, (m >>> LIST_SHIFT) & 3);
        }
    }

    // RFC 9293 section 3.5/3.6: RST ends the connection at once; FIN from both sides ends it.
    private void tcpState(int s, boolean up, int flags, int seq) {
        int m = meta(s);
        int before = m;
        if ((flags & (PacketView.TCP_SYN | PacketView.TCP_ACK)) == PacketView.TCP_SYN && up && (m & HAS_SYN) == 0) {
            m |= HAS_SYN;
            int i = s * STRIDE + CUR_PACKETS_ISN;
            hot[i] = (hot[i] & 0xFFFF_FFFF_0000_0000L) | (seq & 0xFFFF_FFFFL);
        }
        if ((flags & PacketView.TCP_FIN) != 0) {
            m |= up ? FIN_UP : FIN_DOWN;
        }
        if ((flags & PacketView.TCP_RST) != 0) {
            m |= RST;
        }
        if ((m & CLOSED) == 0 && ((m & RST) != 0 || (m & (FIN_UP | FIN_DOWN)) == (FIN_UP | FIN_DOWN))) {
            unlink(s, (m >>> LIST_SHIFT) & 3);
            m = (m | CLOSED) & ~(3 << LIST_SHIFT) | (LIST_CLOSED << LIST_SHIFT);
            closedAt[s] = clock;
            append(s, LIST_CLOSED);
        }
        if (m != before) {
            setMeta(s, m);
        }
    }

    private void laterFragment(PacketView p, long ts) {
        FragmentGroups g = fragmentGroups;
        int group = g.find(p);
        if (group < 0) {
            group = g.add(p, clock);
        }
        long flow = g.flowId[group];
        lastSlot = -1;
        if (flow == 0) {
            if (g.pendingPackets[group] == 0) {
                g.pendingSince[group] = ts;
            }
            g.pendingPackets[group]++;
            g.pendingBytes[group] += p.ipLength();
            return;
        }
        int s = g.flowSlot[group];
        if (ids[s] != flow || (meta(s) & ACTIVE) == 0) {
            g.addOrphans(1); // the flow ended between two fragments of one datagram
            return;
        }
        boolean up = g.up[group];
        count(s, up, p.ipLength(), 1, ts, p.linkSrc(), p.linkDst());
        lastSlot = s;
        lastUp = up;
    }

    private void firstFragment(PacketView p, int s, boolean up, long ts) {
        FragmentGroups g = fragmentGroups;
        int group = g.find(p);
        if (group < 0) {
            group = g.add(p, clock);
        }
        g.flowId[group] = ids[s];
        g.flowSlot[group] = s;
        g.up[group] = up;
        long pending = g.pendingPackets[group];
        if (pending > 0) {
            count(s, up, g.pendingBytes[group], pending, g.pendingSince[group], -1, -1);
            g.pendingPackets[group] = 0;
            g.pendingBytes[group] = 0;
        }
    }

    // ------------------------------------------------------------------ flows coming and going

    private int create(int h, int keyMeta, PacketView p, int sp, int dp, long ts) {
        if (active == config.maxFlows()) {
            evictOne();
        }
        int s;
        if (freeHead >= 0) {
            s = freeHead;
            freeHead = chain(s);
        } else {
            if (used == capacity) {
                grow();
            }
            s = used++;
        }
        long[] e = hot;
        int b = s * STRIDE;
        boolean senderIsClient = senderIsClient(p, sp, dp);
        int ports;
        if (senderIsClient) {
            e[b + CLIENT_HI] = p.srcHi();
            e[b + CLIENT_LO] = p.srcLo();
            e[b + SERVER_HI] = p.dstHi();
            e[b + SERVER_LO] = p.dstLo();
            ports = (sp << 16) | dp;
        } else {
            e[b + CLIENT_HI] = p.dstHi();
            e[b + CLIENT_LO] = p.dstLo();
            e[b + SERVER_HI] = p.srcHi();
            e[b + SERVER_LO] = p.srcLo();
            ports = (dp << 16) | sp;
        }
        int list = listFor(keyMeta & 0xFF);
        int m = keyMeta | ACTIVE | (list << LIST_SHIFT);
        PayloadGate.Flow inspection = gate == null ? null : gate.open(keyMeta & 0xFF, ports >>> 16, ports & 0xFFFF);
        gates[s] = inspection;
        if (inspection != null) {
            m |= INSPECTING;
        }
        e[b + META_PORTS] = ((long) m << 32) | (ports & 0xFFFF_FFFFL);
        int bucket = h & mask;
        e[b + HASH_CHAIN] = ((long) h << 32) | (buckets[bucket] & 0xFFFF_FFFFL);
        buckets[bucket] = s;
        e[b + PACKETS_UP] = 0;
        e[b + PACKETS_DOWN] = 0;
        e[b + BYTES_UP] = 0;
        e[b + BYTES_DOWN] = 0;
        e[b + FIRST_SEEN] = ts;
        e[b + LAST_SEEN] = ts;
        e[b + CUR_BIN] = NO_BIN;
        e[b + CUR_UP] = 0;
        e[b + CUR_DOWN] = 0;
        e[b + CUR_PACKETS_ISN] = 0;
        ids[s] = nextId++;
        clientMac[s] = -1;
        closedAt[s] = 0;
        oldBinCount[s] = 0;
        append(s, list);
        active++;
        lastUp = senderIsClient;
        return s;
    }

    /**
     * The client is the sender of a SYN, the receiver of a SYN+ACK; otherwise the first sender,
     * unless only the sender's port is well-known (below 1024): a DNS answer from port 53 seen
     * first makes the port-53 side the server.
     */
    private static boolean senderIsClient(PacketView p, int sp, int dp) {
        if (p.protocol() == IpProtocols.TCP && (p.tcpFlags() & PacketView.TCP_SYN) != 0) {
            return (p.tcpFlags() & PacketView.TCP_ACK) == 0;
        }
        return !(sp < 1024 && dp >= 1024);
    }

    private void evictOne() {
        int victim = listHead[LIST_CLOSED];
        if (victim >= 0) {
            finish(victim, closeReason(meta(victim)));
            return;
        }
        for (int l = LIST_TCP; l <= LIST_OTHER; l++) {
            int h = listHead[l];
            if (h >= 0 && (victim < 0 || hot[h * STRIDE + LAST_SEEN] < hot[victim * STRIDE + LAST_SEEN])) {
                victim = h;
            }
        }
        finish(victim, FlowEnd.EVICTED);
    }

    // now is the clock, never behind any stored time, so now - t read unsigned is the true age
    // even at the ends of the long range (garbage timestamps must not overflow into "fresh")
    //
    // One loop over the four lists, and the end read from a table, not a branch per kind: a closed
    // TCP flow's linger runs out seconds into a capture, an idle flow's timeout minutes in. A loop
    // of its own for idle flows gets its "expired" path compiled as a trap by C2, and the first idle
    // flow then throws the whole compiled packet loop away (docs/performance.md); with one loop, the
    // closed flows take the same path long before.
    private void expire(long now) {
        for (int l = LIST_TCP; l <= LIST_CLOSED; l++) {
            long limit = expiryNanos[l];
            // now - since > limit, both read unsigned, as one comparison (Long.compareUnsigned's
            // three-way result has an "equal" branch that no capture takes until, one day, one does)
            for (int h = listHead[l]; h >= 0 && ((now - since(h, l)) ^ Long.MIN_VALUE) > (limit ^ Long.MIN_VALUE);
                    h = listHead[l]) {
                finish(h, expiredEnd(meta(h)));
            }
        }
        fragmentGroups.expire(now);
    }

    /** The time a flow's timeout runs from: its last packet, or its close for one in the closed list. */
    private long since(int h, int list) {
        return list == LIST_CLOSED ? closedAt[h] : hot[h * STRIDE + LAST_SEEN];
    }

    private void finish(int s, FlowEnd end) {
        FlowRecord record = record(s, end);
        int b = (int) (hot[s * STRIDE + HASH_CHAIN] >>> 32) & mask;
        if (buckets[b] == s) {
            buckets[b] = chain(s);
        } else {
            int c = buckets[b];
            while (chain(c) != s) {
                c = chain(c);
            }
            setChain(c, chain(s));
        }
        int m = meta(s);
        unlink(s, (m >>> LIST_SHIFT) & 3);
        setMeta(s, 0);
        oldBins[s] = null;
        gates[s] = null;
        setChain(s, freeHead);
        freeHead = s;
        active--;
        if (lastSlot == s) {
            lastSlot = -1;
        }
        sink.flowFinished(record);
    }

    private FlowRecord record(int s, FlowEnd end) {
        long[] e = hot;
        int b = s * STRIDE;
        long metaPorts = e[b + META_PORTS];
        int m = (int) (metaPorts >>> 32);
        int ports = (int) metaPorts;
        boolean v6 = (m & V6) != 0;
        IpAddress client = v6 ? IpAddress.ofV6(e[b + CLIENT_HI], e[b + CLIENT_LO]) : IpAddress.ofV4((int) e[b + CLIENT_LO]);
        IpAddress server = v6 ? IpAddress.ofV6(e[b + SERVER_HI], e[b + SERVER_LO]) : IpAddress.ofV4((int) e[b + SERVER_LO]);
        FlowKey key = new FlowKey(m & 0xFF, client, ports >>> 16, server, ports & 0xFFFF);
        return new FlowRecord(ids[s], key, e[b + FIRST_SEEN], e[b + LAST_SEEN], e[b + PACKETS_UP], e[b + PACKETS_DOWN],
                e[b + BYTES_UP], e[b + BYTES_DOWN], end, clientMac[s], bins(s),
                FlowNames.NONE, Attribution.NONE);
    }

    private FlowBins bins(int s) {
        int b = s * STRIDE;
        long current = hot[b + CUR_BIN];
        int old = oldBinCount[s];
        int n = old + (current == NO_BIN ? 0 : 1);
        long[] bin = new long[n];
        long[] up = new long[n];
        long[] down = new long[n];
        int[] packets = new int[n];
        long[] o = oldBins[s];
        for (int i = 0; i < old; i++) {
            bin[i] = o[4 * i];
            up[i] = o[4 * i + 1];
            down[i] = o[4 * i + 2];
            packets[i] = (int) o[4 * i + 3];
        }
        if (n > old) {
            bin[old] = current;
            up[old] = hot[b + CUR_UP];
            down[old] = hot[b + CUR_DOWN];
            packets[old] = (int) (hot[b + CUR_PACKETS_ISN] >>> 32);
        }
        return new FlowBins(config.binNanos(), bin, up, down, packets);
    }

    private static FlowEnd closeReason(int m) {
        return END_BY_STATE[2 | (m & RST) >>> RST_BIT];
    }

    /** How a flow whose timeout ran out ended: idle if it was open, else as it closed; a table read, no branch. */
    private static FlowEnd expiredEnd(int m) {
        return END_BY_STATE[(m & CLOSED) >>> (CLOSED_BIT - 1) | (m & RST) >>> RST_BIT];
    }

    private static int listFor(int protocol) {
        return protocol == IpProtocols.TCP ? LIST_TCP : protocol == IpProtocols.UDP ? LIST_UDP : LIST_OTHER;
    }

    // ------------------------------------------------------------------ time bins

    private void addToBin(int s, boolean up, long bytes, int packets, long ts) {
        long[] e = hot;
        int b = s * STRIDE;
        long bin = binOf(ts);
        long current = e[b + CUR_BIN];
        if (bin != current) {
            if (current == NO_BIN || bin > current) {
                if (current != NO_BIN) {
                    spill(s);
                }
                e[b + CUR_BIN] = bin;
                e[b + CUR_UP] = 0;
                e[b + CUR_DOWN] = 0;
                e[b + CUR_PACKETS_ISN] &= 0xFFFF_FFFFL;
            } else {
                addToOldBin(s, bin, up, bytes, packets);
                return;
            }
        }
        e[b + (up ? CUR_UP : CUR_DOWN)] += bytes;
        e[b + CUR_PACKETS_ISN] += (long) packets << 32;
    }

    private long binOf(long ts) {
        // packets come in time order, so the bin of the previous packet almost always fits
        if (ts >= binCacheStart && ts < binCacheEnd) {
            return binCacheBin;
        }
        long bin = Math.floorDiv(ts, config.binNanos());
        binCacheBin = bin;
        binCacheStart = bin * config.binNanos();
        binCacheEnd = binCacheStart + config.binNanos();
        if (Math.floorDiv(binCacheStart, config.binNanos()) != bin || binCacheEnd < binCacheStart) {
            binCacheStart = 1; // overflow at either end of time: no cache for this one
            binCacheEnd = 0;
        }
        return bin;
    }

    private void spill(int s) {
        int b = s * STRIDE;
        int n = oldBinCount[s];
        long[] o = ensureOldBins(s, n + 1);
        o[4 * n] = hot[b + CUR_BIN];
        o[4 * n + 1] = hot[b + CUR_UP];
        o[4 * n + 2] = hot[b + CUR_DOWN];
        o[4 * n + 3] = hot[b + CUR_PACKETS_ISN] >>> 32;
        oldBinCount[s] = n + 1;
    }

    // a packet older than the current bin (timestamps that step back): add to its bin or insert it
    private void addToOldBin(int s, long bin, boolean up, long bytes, int packets) {
        int n = oldBinCount[s];
        long[] o = oldBins[s];
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long b = o[4 * mid];
            if (b < bin) {
                lo = mid + 1;
            } else if (b > bin) {
                hi = mid - 1;
            } else {
                o[4 * mid + (up ? 1 : 2)] += bytes;
                o[4 * mid + 3] += packets;
                return;
            }
        }
        o = ensureOldBins(s, n + 1);
        System.arraycopy(o, 4 * lo, o, 4 * lo + 4, 4 * (n - lo));
        o[4 * lo] = bin;
        o[4 * lo + 1] = up ? bytes : 0;
        o[4 * lo + 2] = up ? 0 : bytes;
        o[4 * lo + 3] = packets;
        oldBinCount[s] = n + 1;
    }

    private long[] ensureOldBins(int s, int bins) {
        long[] o = oldBins[s];
        if (o == null || o.length < 4 * bins) {
            // most flows span a few bins; grow by half to keep the slack of long flows small
            o = o == null ? new long[8] : Arrays.copyOf(o, Math.max(o.length + (o.length >>> 3 << 2), 4 * bins));
            oldBins[s] = o;
        }
        return o;
    }

    // ------------------------------------------------------------------ timeout lists

    private void moveToTail(int s, int l) {
        if (listTail[l] == s) {
            return;
        }
        unlink(s, l);
        append(s, l);
    }

    private void append(int s, int l) {
        int t = listTail[l];
        prev[s] = t;
        next[s] = -1;
        if (t >= 0) {
            next[t] = s;
        } else {
            listHead[l] = s;
        }
        listTail[l] = s;
    }

    private void unlink(int s, int l) {
        int p = prev[s];
        int n = next[s];
        if (p >= 0) {
            next[p] = n;
        } else {
            listHead[l] = n;
        }
        if (n >= 0) {
            prev[n] = p;
        } else {
            listTail[l] = p;
        }
    }

    // ------------------------------------------------------------------ storage

    private void allocate(int cap) {
        capacity = cap;
        hot = new long[cap * STRIDE];
        ids = new long[cap];
        clientMac = new long[cap];
        closedAt = new long[cap];
        prev = new int[cap];
        next = new int[cap];
        oldBins = new long[cap][];
        oldBinCount = new int[cap];
        gates = new PayloadGate.Flow[cap];
        buckets = new int[bucketCount(cap)];
        Arrays.fill(buckets, -1);
        mask = buckets.length - 1;
    }

    // only called when every slot is in use, so no free list runs through the chain fields
    private void grow() {
        int cap = (int) Math.min((long) capacity * 2, config.maxFlows());
        hot = Arrays.copyOf(hot, cap * STRIDE);
        ids = Arrays.copyOf(ids, cap);
        clientMac = Arrays.copyOf(clientMac, cap);
        closedAt = Arrays.copyOf(closedAt, cap);
        prev = Arrays.copyOf(prev, cap);
        next = Arrays.copyOf(next, cap);
        oldBins = Arrays.copyOf(oldBins, cap);
        oldBinCount = Arrays.copyOf(oldBinCount, cap);
        gates = Arrays.copyOf(gates, cap);
        capacity = cap;
        int size = bucketCount(cap);
        if (size != buckets.length) {
            buckets = new int[size];
            Arrays.fill(buckets, -1);
            mask = size - 1;
            for (int s = 0; s < used; s++) {
                if ((meta(s) & ACTIVE) != 0) {
                    int bucket = (int) (hot[s * STRIDE + HASH_CHAIN] >>> 32) & mask;
                    setChain(s, buckets[bucket]);
                    buckets[bucket] = s;
                }
            }
        }
    }

    private static int bucketCount(int cap) {
        return cap <= 1 ? 1 : Integer.highestOneBit(cap - 1) << 1;
    }

    // ------------------------------------------------------------------ hashing

    /** Direction-independent: hash(a, b) == hash(b, a). */
    static int hash(int keyMeta, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        long h = endpoint(aHi, aLo, aPort) + endpoint(bHi, bLo, bPort) + keyMeta * 0x94D0_49BB_1331_11EBL;
        return (int) fmix64(h);
    }

    private static long endpoint(long hi, long lo, int port) {
        long x = (lo ^ hi * 0x9E37_79B9_7F4A_7C15L) + ((long) port << 32);
        x *= 0xBF58_476D_1CE4_E5B9L;
        return x ^ (x >>> 31);
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        h ^= h >>> 33;
        return h;
    }
}
