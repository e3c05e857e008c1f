package org.toktrace.flow;

import static org.toktrace.flow.FlowRows.ACTIVE;
import static org.toktrace.flow.FlowRows.CLIENT_HI;
import static org.toktrace.flow.FlowRows.CLIENT_LO;
import static org.toktrace.flow.FlowRows.HASH_CHAIN;
import static org.toktrace.flow.FlowRows.KEY_AND_PORTS;
import static org.toktrace.flow.FlowRows.META_PORTS;
import static org.toktrace.flow.FlowRows.SERVER_HI;
import static org.toktrace.flow.FlowRows.SERVER_LO;
import static org.toktrace.flow.FlowRows.STRIDE;

import java.util.Arrays;
import org.toktrace.decode.PacketView;

/**
 * Finds a flow's slot from a packet whichever way the packet goes: the direction-independent hash
 * and the bucket chains, apart from the table so that lookup and its collisions read on their own.
 */
final class FlowIndex {

    /*
     * Chained hashing: buckets[hash & mask] is the first slot, the row's chain field the next. The
     * hash is direction-independent: each endpoint (address, port) is mixed on its own, the two
     * mixes are added (commutative), then the protocol and version are folded in and the whole is
     * finished with MurmurHash3's fmix64. A lookup compares the stored 32-bit hash first, then the
     * tuple both ways round, which also tells the direction.
     */

    private final FlowRows rows;
    private int[] buckets;
    private int mask;
    /** Whether the packet of the last {@link #find} that found a flow went from client to server. */
    boolean up;

    FlowIndex(FlowRows rows, int capacity) {
        this.rows = rows;
        buckets = emptyBuckets(capacity);
        mask = buckets.length - 1;
    }

    /** The slot of the packet's flow, or -1; when found, {@link #up} tells the packet's direction. */
    int find(int h, int keyMeta, PacketView p, int sp, int dp) {
        long[] e = rows.hot;
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
                up = true;
                return s;
            }
            if (((key ^ backward) | (cLo ^ dstLo) | (sLo ^ srcLo) | (cHi ^ dstHi) | (sHi ^ srcHi)) == 0) {
                up = false;
                return s;
            }
            s = (int) e[b + HASH_CHAIN];
        }
        return -1;
    }

    /** Puts slot {@code s}, whose key hashes to {@code h}, at the head of its bucket. */
    void add(int s, int h) {
        int bucket = h & mask;
        rows.hot[s * STRIDE + HASH_CHAIN] = ((long) h << 32) | (buckets[bucket] & 0xFFFF_FFFFL);
        buckets[bucket] = s;
    }

    /** Takes slot {@code s} out of its bucket; its chain field is free for other use afterwards. */
    void remove(int s) {
        FlowRows r = rows;
        int b = r.hash(s) & mask;
        if (buckets[b] == s) {
            buckets[b] = r.chain(s);
        } else {
            int c = buckets[b];
            while (r.chain(c) != s) {
                c = r.chain(c);
            }
            r.setChain(c, r.chain(s));
        }
    }

    /**
     * Sizes the buckets for {@code capacity} slots and puts the flows of slots 0 to {@code used}
     * back in; only called when every slot is in use, so no free list runs through the chain fields.
     */
    void resize(int capacity, int used) {
        int size = bucketCount(capacity);
        if (size == buckets.length) {
            return;
        }
        buckets = emptyBuckets(capacity);
        mask = size - 1;
        for (int s = 0; s < used; s++) {
            if ((rows.meta(s) & ACTIVE) != 0) {
                int bucket = rows.hash(s) & mask;
                rows.setChain(s, buckets[bucket]);
                buckets[bucket] = s;
            }
        }
    }

    private static int[] emptyBuckets(int capacity) {
        int[] b = new int[bucketCount(capacity)];
        Arrays.fill(b, -1);
        return b;
    }

    private static int bucketCount(int cap) {
        return cap <= 1 ? 1 : Integer.highestOneBit(cap - 1) << 1;
    }

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
