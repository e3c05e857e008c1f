package org.toktrace.flow;

import java.util.Arrays;
import org.toktrace.decode.PacketView;

/**
 * The fragmented datagrams in flight: (IP version, source, destination, protocol, fragment id) to
 * the flow their first fragment belongs to, or to the packets and bytes of fragments that arrived
 * before it.
 *
 * <p>A fixed number of groups in primitive arrays (chained hash buckets, a free list, and a
 * doubly-linked list in order of creation that gives both the timeout and the eviction order).
 * A group that ends with pending packets counts them as orphans. Package-private: the
 * {@link FlowTable} reads and writes the fields directly.
 */
final class FragmentGroups {

    private final int capacity;
    private final long timeoutNanos;
    private final int mask;
    private final int[] buckets;

    final long[] srcHi;
    final long[] srcLo;
    final long[] dstHi;
    final long[] dstLo;
    final long[] fragmentId;
    final int[] keyMeta;
    private final int[] hashes;
    private final int[] chain;
    private final int[] prev;
    private final int[] next;
    private final long[] created;
    /** The flow the group belongs to (0 until its first fragment arrives) and its slot. */
    final long[] flowId;
    final int[] flowSlot;
    final boolean[] up;
    final long[] pendingPackets;
    final long[] pendingBytes;
    final long[] pendingSince;

    private int head = -1;
    private int tail = -1;
    private int freeHead = -1;
    private int used;
    private int size;
    private long orphans;

    FragmentGroups(int capacity, long timeoutNanos) {
        this.capacity = capacity;
        this.timeoutNanos = timeoutNanos;
        int buckets = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.mask = buckets - 1;
        this.buckets = new int[buckets];
        Arrays.fill(this.buckets, -1);
        srcHi = new long[capacity];
        srcLo = new long[capacity];
        dstHi = new long[capacity];
        dstLo = new long[capacity];
        fragmentId = new long[capacity];
        keyMeta = new int[capacity];
        hashes = new int[capacity];
        chain = new int[capacity];
        prev = new int[capacity];
        next = new int[capacity];
        created = new long[capacity];
        flowId = new long[capacity];
        flowSlot = new int[capacity];
        up = new boolean[capacity];
        pendingPackets = new long[capacity];
        pendingBytes = new long[capacity];
        pendingSince = new long[capacity];
    }

    /** Packets of non-first fragments never attributed to a flow. */
    long orphans() {
        return orphans;
    }

    void addOrphans(long packets) {
        orphans += packets;
    }

    int size() {
        return size;
    }

    /** The group of this fragment's datagram, or -1. */
    int find(PacketView p) {
        int meta = meta(p);
        int h = hash(meta, p);
        for (int g = buckets[h & mask]; g >= 0; g = chain[g]) {
            if (hashes[g] == h && keyMeta[g] == meta && fragmentId[g] == p.fragmentId() && srcLo[g] == p.srcLo()
                    && dstLo[g] == p.dstLo() && srcHi[g] == p.srcHi() && dstHi[g] == p.dstHi()) {
                return g;
            }
        }
        return -1;
    }

    /** A new group for this fragment's datagram, made room for by dropping the oldest if full. */
    int add(PacketView p, long now) {
        if (size == capacity) {
            remove(head);
        }
        int g;
        if (freeHead >= 0) {
            g = freeHead;
            freeHead = chain[g];
        } else {
            g = used++;
        }
        int meta = meta(p);
        int h = hash(meta, p);
        keyMeta[g] = meta;
        hashes[g] = h;
        srcHi[g] = p.srcHi();
        srcLo[g] = p.srcLo();
        dstHi[g] = p.dstHi();
        dstLo[g] = p.dstLo();
        fragmentId[g] = p.fragmentId();
        created[g] = now;
        flowId[g] = 0;
        flowSlot[g] = -1;
        up[g] = false;
        pendingPackets[g] = 0;
        pendingBytes[g] = 0;
        pendingSince[g] = 0;
        int b = h & mask;
        chain[g] = buckets[b];
        buckets[b] = g;
        prev[g] = tail;
        next[g] = -1;
        if (tail >= 0) {
            next[tail] = g;
        } else {
            head = g;
        }
        tail = g;
        size++;
        return g;
    }

    /** Drops the groups older than the timeout. */
    void expire(long now) {
        while (head >= 0 && Long.compareUnsigned(now - created[head], timeoutNanos) > 0) {
            remove(head);
        }
    }

    /** Drops every group (end of capture). */
    void clear() {
        while (head >= 0) {
            remove(head);
        }
    }

    private void remove(int g) {
        orphans += pendingPackets[g];
        int b = hashes[g] & mask;
        if (buckets[b] == g) {
            buckets[b] = chain[g];
        } else {
            int c = buckets[b];
            while (chain[c] != g) {
                c = chain[c];
            }
            chain[c] = chain[g];
        }
        if (prev[g] >= 0) {
            next[prev[g]] = next[g];
        } else {
            head = next[g];
        }
        if (next[g] >= 0) {
            prev[next[g]] = prev[g];
        } else {
            tail = prev[g];
        }
        chain[g] = freeHead;
        freeHead = g;
        size--;
    }

    private static int meta(PacketView p) {
        return p.protocol() | (p.isV6() ? 0x100 : 0);
    }

    private static int hash(int meta, PacketView p) {
        long h = p.srcLo() * 0x9E37_79B9_7F4A_7C15L + p.dstLo() * 0xC2B2_AE3D_27D4_EB4FL
                + (p.srcHi() ^ Long.rotateLeft(p.dstHi(), 29)) * 0x1656_67B1_9E37_79F9L
                + p.fragmentId() * 0x27D4_EB2F_1656_67C5L + meta;
        return (int) FlowIndex.fmix64(h);
    }
}
