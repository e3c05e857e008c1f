package org.toktrace.flow;

import static org.toktrace.flow.FlowRows.ACTIVE;
import static org.toktrace.flow.FlowRows.BYTES_DOWN;
import static org.toktrace.flow.FlowRows.BYTES_UP;
import static org.toktrace.flow.FlowRows.CLIENT_HI;
import static org.toktrace.flow.FlowRows.CLIENT_LO;
import static org.toktrace.flow.FlowRows.CLOSED;
import static org.toktrace.flow.FlowRows.CLOSED_BIT;
import static org.toktrace.flow.FlowRows.CUR_PACKETS_ISN;
import static org.toktrace.flow.FlowRows.FIN_DOWN;
import static org.toktrace.flow.FlowRows.FIN_UP;
import static org.toktrace.flow.FlowRows.FIRST_SEEN;
import static org.toktrace.flow.FlowRows.HAS_SYN;
import static org.toktrace.flow.FlowRows.INSPECTING;
import static org.toktrace.flow.FlowRows.LAST_SEEN;
import static org.toktrace.flow.FlowRows.LIST_SHIFT;
import static org.toktrace.flow.FlowRows.MAC_FROM_CLIENT;
import static org.toktrace.flow.FlowRows.META_PORTS;
import static org.toktrace.flow.FlowRows.PACKETS_DOWN;
import static org.toktrace.flow.FlowRows.PACKETS_UP;
import static org.toktrace.flow.FlowRows.RST;
import static org.toktrace.flow.FlowRows.RST_BIT;
import static org.toktrace.flow.FlowRows.SERVER_HI;
import static org.toktrace.flow.FlowRows.SERVER_LO;
import static org.toktrace.flow.FlowRows.STRIDE;
import static org.toktrace.flow.FlowRows.V6;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.toktrace.decode.PacketView;
import org.toktrace.dissect.PayloadCopy;
import org.toktrace.dissect.PayloadGate;
import org.toktrace.model.Attribution;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
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
     * The parts. The flows live in the slots of FlowRows (the row layout is described there),
     * FlowIndex finds a packet's slot, TimeoutLists keeps the slots in the order their timeouts run
     * out, FlowTimeBins counts each flow per time bin. This class is the flows' life: orientation,
     * counting, TCP state, fragments, the gate's copies, and how each flow ends.
     *
     * Time. As the capture's clock (the largest timestamp so far) advances, list heads past their
     * timeout are reported: O(1) amortised per packet. Eviction takes a closed flow first
     * (reported as it closed), else the longest-idle head.
     */

    private static final int INITIAL_CAPACITY = 1024;

    /** How an expired flow ended, by its CLOSED and RST bits: open (idle), or closed by FINs or a reset. */
    private static final FlowEnd[] END_BY_STATE = {FlowEnd.IDLE, FlowEnd.IDLE, FlowEnd.FIN, FlowEnd.RST};

    private final FlowTableConfig config;
    private final FlowSink sink;
    /** Per timeout list: the idle timeout of TCP, UDP and other flows, then the closed flows' linger. */
    private final long[] expiryNanos;
    private final FragmentGroups fragmentGroups;
    /** Decides which packets to copy for dissection, or null to copy none. */
    private final PayloadGate gate;
    /** Receives the copies; null when {@link #gate} is. */
    private final PayloadSink payloads;

    private final FlowRows rows;
    private final FlowIndex index;
    private final TimeoutLists lists;
    private final FlowTimeBins bins;
    private PayloadGate.Flow[] gates; // per slot: the gate's counts for a flow under inspection, or null

    private int capacity;
    private int used;
    private int freeHead = -1; // free slots are linked through their chain field
    private int active;
    private long nextId = 1;
    private long clock = Long.MIN_VALUE;

    private long fragments;
    private int lastSlot = -1;
    /** Direction of the last packet; create() also leaves the direction it chose here. */
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
        capacity = Math.min(INITIAL_CAPACITY, config.maxFlows());
        rows = new FlowRows(capacity);
        index = new FlowIndex(rows, capacity);
        lists = new TimeoutLists(capacity);
        bins = new FlowTimeBins(rows, config.binNanos(), capacity);
        gates = new PayloadGate.Flow[capacity];
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
        return lastSlot < 0 ? 0 : rows.ids[lastSlot];
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
        // count, the view's getters) are compiled into it.
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
        int h = FlowIndex.hash(keyMeta, p.srcHi(), p.srcLo(), sp, p.dstHi(), p.dstLo(), dp);
        int slot = index.find(h, keyMeta, p, sp, dp);
        boolean up = index.up;
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
        if (frame != null && inspecting(slot)) {
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
        int m = rows.meta(slot);
        if ((m & CLOSED) != 0) {
            finish(slot, closeReason(m));
            return -1;
        }
        if ((m & HAS_SYN) == 0 || (int) rows.hot[slot * STRIDE + CUR_PACKETS_ISN] != p.tcpSeq()) {
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
            if ((rows.meta(s) & ACTIVE) != 0) {
                order[n++] = (rows.ids[s] << 24) | s;
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
        int m = rows.meta(s);
        return (m & CLOSED) != 0 ? closeReason(m) : FlowEnd.CAPTURE_END;
    }

    // ------------------------------------------------------------------ per packet

    private void inspect(int slot, PacketView p, ByteBuffer frame, boolean up, long ts) {
        long[] e = rows.hot;
        int b = slot * STRIDE;
        PayloadGate.Decision d = gate.decide(gates[slot], p, frame, up, e[b + PACKETS_UP] + e[b + PACKETS_DOWN]);
        if (d == PayloadGate.Decision.COPY) {
            payloads.payloadCopied(PayloadCopy.of(rows.ids[slot], p, frame, up, ts));
        } else if (d == PayloadGate.Decision.STOP) {
            rows.setMeta(slot, rows.meta(slot) & ~INSPECTING);
            gates[slot] = null;
        }
    }

    private boolean inspecting(int slot) {
        return (rows.meta(slot) & INSPECTING) != 0;
    }

    private void count(int s, boolean up, long bytes, long packets, long ts, long linkSrc, long linkDst) {
        FlowRows r = rows;
        long[] e = r.hot;
        int b = s * STRIDE;
        int m = (int) (e[b + META_PORTS] >>> 32);
        if (up) {
            e[b + PACKETS_UP] += packets;
            e[b + BYTES_UP] += bytes;
            if (linkSrc != -1 && (m & MAC_FROM_CLIENT) == 0) {
                r.clientMac[s] = linkSrc;
                m |= MAC_FROM_CLIENT;
                r.setMeta(s, m);
            }
        } else {
            e[b + PACKETS_DOWN] += packets;
            e[b + BYTES_DOWN] += bytes;
            if (linkDst != -1 && (m & MAC_FROM_CLIENT) == 0 && r.clientMac[s] == -1) {
                r.clientMac[s] = linkDst; // the server's packets are addressed to the client
            }
        }
        if (ts < e[b + FIRST_SEEN]) {
            e[b + FIRST_SEEN] = ts;
        }
        if (ts > e[b + LAST_SEEN]) {
            e[b + LAST_SEEN] = ts;
        }
        bins.add(s, up, bytes, (int) packets, ts);
        if ((m & CLOSED) == 0) {
            lists.moveToTail(s, (m >>> LIST_SHIFT) & 3);
        }
    }

    // RFC 9293 section 3.5/3.6: RST ends the connection at once; FIN from both sides ends it.
    private void tcpState(int s, boolean up, int flags, int seq) {
        FlowRows r = rows;
        int m = r.meta(s);
        int before = m;
        if ((flags & (PacketView.TCP_SYN | PacketView.TCP_ACK)) == PacketView.TCP_SYN && up && (m & HAS_SYN) == 0) {
            m |= HAS_SYN;
            int i = s * STRIDE + CUR_PACKETS_ISN;
            r.hot[i] = (r.hot[i] & 0xFFFF_FFFF_0000_0000L) | (seq & 0xFFFF_FFFFL);
        }
        if ((flags & PacketView.TCP_FIN) != 0) {
            m |= up ? FIN_UP : FIN_DOWN;
        }
        if ((flags & PacketView.TCP_RST) != 0) {
            m |= RST;
        }
        if ((m & CLOSED) == 0 && ((m & RST) != 0 || (m & (FIN_UP | FIN_DOWN)) == (FIN_UP | FIN_DOWN))) {
            lists.unlink(s, (m >>> LIST_SHIFT) & 3);
            m = (m | CLOSED) & ~(3 << LIST_SHIFT) | (TimeoutLists.CLOSED << LIST_SHIFT);
            r.closedAt[s] = clock;
            lists.append(s, TimeoutLists.CLOSED);
        }
        if (m != before) {
            r.setMeta(s, m);
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
        if (rows.ids[s] != flow || (rows.meta(s) & ACTIVE) == 0) {
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
        g.flowId[group] = rows.ids[s];
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
            freeHead = rows.chain(s);
        } else {
            if (used == capacity) {
                grow();
            }
            s = used++;
        }
        long[] e = rows.hot;
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
        int list = TimeoutLists.forProtocol(keyMeta & 0xFF);
        int m = keyMeta | ACTIVE | (list << LIST_SHIFT);
        PayloadGate.Flow inspection = gate == null ? null : gate.open(keyMeta & 0xFF, ports >>> 16, ports & 0xFFFF);
        gates[s] = inspection;
        if (inspection != null) {
            m |= INSPECTING;
        }
        e[b + META_PORTS] = ((long) m << 32) | (ports & 0xFFFF_FFFFL);
        index.add(s, h);
        e[b + PACKETS_UP] = 0;
        e[b + PACKETS_DOWN] = 0;
        e[b + BYTES_UP] = 0;
        e[b + BYTES_DOWN] = 0;
        e[b + FIRST_SEEN] = ts;
        e[b + LAST_SEEN] = ts;
        e[b + CUR_PACKETS_ISN] = 0;
        bins.open(s);
        rows.ids[s] = nextId++;
        rows.clientMac[s] = -1;
        rows.closedAt[s] = 0;
        lists.append(s, list);
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

    // only called when every slot is in use, so no free list runs through the chain fields
    private void grow() {
        int cap = (int) Math.min((long) capacity * 2, config.maxFlows());
        rows.grow(cap);
        lists.grow(cap);
        bins.grow(cap);
        gates = Arrays.copyOf(gates, cap);
        capacity = cap;
        index.resize(cap, used);
    }

    private void evictOne() {
        int victim = lists.head(TimeoutLists.CLOSED);
        if (victim >= 0) {
            finish(victim, closeReason(rows.meta(victim)));
            return;
        }
        long[] e = rows.hot;
        for (int l = TimeoutLists.TCP; l <= TimeoutLists.OTHER; l++) {
            int h = lists.head(l);
            if (h >= 0 && (victim < 0 || e[h * STRIDE + LAST_SEEN] < e[victim * STRIDE + LAST_SEEN])) {
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
    // flow then throws the whole compiled packet loop away; with one loop, the
    // closed flows take the same path long before.
    private void expire(long now) {
        for (int l = TimeoutLists.TCP; l <= TimeoutLists.CLOSED; l++) {
            long limit = expiryNanos[l];
            // now - since > limit, both read unsigned, as one comparison (Long.compareUnsigned's
            // three-way result has an "equal" branch that no capture takes until, one day, one does)
            for (int h = lists.head(l); h >= 0 && ((now - since(h, l)) ^ Long.MIN_VALUE) > (limit ^ Long.MIN_VALUE);
                    h = lists.head(l)) {
                finish(h, expiredEnd(rows.meta(h)));
            }
        }
        fragmentGroups.expire(now);
    }

    /** The time a flow's timeout runs from: its last packet, or its close for one in the closed list. */
    private long since(int h, int list) {
        return list == TimeoutLists.CLOSED ? rows.closedAt[h] : rows.hot[h * STRIDE + LAST_SEEN];
    }

    private void finish(int s, FlowEnd end) {
        FlowRecord record = record(s, end);
        index.remove(s);
        int m = rows.meta(s);
        lists.unlink(s, (m >>> LIST_SHIFT) & 3);
        rows.setMeta(s, 0);
        bins.release(s);
        gates[s] = null;
        rows.setChain(s, freeHead);
        freeHead = s;
        active--;
        if (lastSlot == s) {
            lastSlot = -1;
        }
        sink.flowFinished(record);
    }

    private FlowRecord record(int s, FlowEnd end) {
        long[] e = rows.hot;
        int b = s * STRIDE;
        return new FlowRecord(rows.ids[s], rows.key(s), e[b + FIRST_SEEN], e[b + LAST_SEEN], e[b + PACKETS_UP],
                e[b + PACKETS_DOWN], e[b + BYTES_UP], e[b + BYTES_DOWN], end, rows.clientMac[s], bins.of(s),
                FlowNames.NONE, Attribution.NONE);
    }

    private static FlowEnd closeReason(int m) {
        return END_BY_STATE[2 | (m & RST) >>> RST_BIT];
    }

    /** How a flow whose timeout ran out ended: idle if it was open, else as it closed; a table read, no branch. */
    private static FlowEnd expiredEnd(int m) {
        return END_BY_STATE[(m & CLOSED) >>> (CLOSED_BIT - 1) | (m & RST) >>> RST_BIT];
    }
}
