package org.toktrace.flow;

import java.util.Arrays;
import org.toktrace.model.FlowKey;
import org.toktrace.model.IpAddress;

/**
 * The flows' storage by slot, one hot row of {@value #STRIDE} longs and a few cold arrays each:
 * apart from {@link FlowTable} so the memory layout every part of the table reads is written once.
 */
final class FlowRows {

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
     */

    static final int STRIDE = 16;
    static final int HASH_CHAIN = 0; // hash << 32 | next slot in the bucket (-1 ends)
    static final int META_PORTS = 1; // meta bits << 32 | client port << 16 | server port
    static final int CLIENT_HI = 2;
    static final int CLIENT_LO = 3;
    static final int SERVER_HI = 4;
    static final int SERVER_LO = 5;
    static final int PACKETS_UP = 6;
    static final int PACKETS_DOWN = 7;
    static final int BYTES_UP = 8;
    static final int BYTES_DOWN = 9;
    static final int FIRST_SEEN = 10;
    static final int LAST_SEEN = 11;
    static final int CUR_BIN = 12;
    static final int CUR_UP = 13;
    static final int CUR_DOWN = 14;
    static final int CUR_PACKETS_ISN = 15; // packets in the current bin << 32 | client ISN

    // The meta bits: the key (protocol and IP version), then the flow's state.
    static final int KEY_MASK = 0x1FF; // protocol (8 bits) and IPv6 (bit 8)
    /** The key's part of {@code META_PORTS}: the key bits of the meta word and both ports. */
    static final long KEY_AND_PORTS = (long) KEY_MASK << 32 | 0xFFFF_FFFFL;
    static final int V6 = 1 << 8;
    static final int FIN_UP = 1 << 9;
    static final int FIN_DOWN = 1 << 10;
    static final int RST_BIT = 11;
    static final int RST = 1 << RST_BIT;
    static final int CLOSED_BIT = 12;
    static final int CLOSED = 1 << CLOSED_BIT;
    static final int HAS_SYN = 1 << 13;
    static final int MAC_FROM_CLIENT = 1 << 14;
    static final int ACTIVE = 1 << 15;
    static final int LIST_SHIFT = 16; // 2 bits: which timeout list
    static final int INSPECTING = 1 << 18; // the gate may still copy this flow's packets

    long[] hot;
    long[] ids;
    long[] clientMac;
    long[] closedAt;

    FlowRows(int capacity) {
        hot = new long[capacity * STRIDE];
        ids = new long[capacity];
        clientMac = new long[capacity];
        closedAt = new long[capacity];
    }

    void grow(int capacity) {
        hot = Arrays.copyOf(hot, capacity * STRIDE);
        ids = Arrays.copyOf(ids, capacity);
        clientMac = Arrays.copyOf(clientMac, capacity);
        closedAt = Arrays.copyOf(closedAt, capacity);
    }

    int meta(int s) {
        return (int) (hot[s * STRIDE + META_PORTS] >>> 32);
    }

    void setMeta(int s, int m) {
        int i = s * STRIDE + META_PORTS;
        hot[i] = ((long) m << 32) | (hot[i] & 0xFFFF_FFFFL);
    }

    /** The next slot in the slot's bucket, or in the free list for a free slot; -1 ends either. */
    int chain(int s) {
        return (int) hot[s * STRIDE + HASH_CHAIN];
    }

    void setChain(int s, int c) {
        int i = s * STRIDE + HASH_CHAIN;
        hot[i] = (hot[i] & 0xFFFF_FFFF_0000_0000L) | (c & 0xFFFF_FFFFL);
    }

    /** The 32-bit hash of the slot's key, kept in the row so that growing the buckets needs no rehash. */
    int hash(int s) {
        return (int) (hot[s * STRIDE + HASH_CHAIN] >>> 32);
    }

    /** The slot's key, oriented: the client first. */
    FlowKey key(int s) {
        long[] e = hot;
        int b = s * STRIDE;
        long metaPorts = e[b + META_PORTS];
        int m = (int) (metaPorts >>> 32);
        int ports = (int) metaPorts;
        boolean v6 = (m & V6) != 0;
        IpAddress client = v6 ? IpAddress.ofV6(e[b + CLIENT_HI], e[b + CLIENT_LO]) : IpAddress.ofV4((int) e[b + CLIENT_LO]);
        IpAddress server = v6 ? IpAddress.ofV6(e[b + SERVER_HI], e[b + SERVER_LO]) : IpAddress.ofV4((int) e[b + SERVER_LO]);
        return new FlowKey(m & 0xFF, client, ports >>> 16, server, ports & 0xFFFF);
    }
}
