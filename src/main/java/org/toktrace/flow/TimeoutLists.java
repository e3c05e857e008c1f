package org.toktrace.flow;

import java.util.Arrays;
import org.toktrace.model.IpProtocols;

/**
 * The flows in the order their timeouts run out, one doubly-linked list of slots per timeout:
 * apart from the table so that it drives expiry and eviction without the link bookkeeping.
 */
final class TimeoutLists {

    /*
     * Each open flow sits on one of three lists (TCP, UDP, other) and moves to the tail on every
     * packet, so the heads are the longest idle; closed TCP flows sit on a fourth list in order of
     * closing. The table's expiry and eviction only ever look at the heads.
     */

    static final int TCP = 0;
    static final int UDP = 1;
    static final int OTHER = 2;
    static final int CLOSED = 3;

    private int[] prev;
    private int[] next;
    private final int[] head = {-1, -1, -1, -1};
    private final int[] tail = {-1, -1, -1, -1};

    TimeoutLists(int capacity) {
        prev = new int[capacity];
        next = new int[capacity];
    }

    void grow(int capacity) {
        prev = Arrays.copyOf(prev, capacity);
        next = Arrays.copyOf(next, capacity);
    }

    /** The list a new flow of the protocol goes on: its idle timeout is that list's. */
    static int forProtocol(int protocol) {
        return protocol == IpProtocols.TCP ? TCP : protocol == IpProtocols.UDP ? UDP : OTHER;
    }

    /** The first slot of list {@code l}, the one whose timeout runs out first, or -1. */
    int head(int l) {
        return head[l];
    }

    void moveToTail(int s, int l) {
        if (tail[l] == s) {
            return;
        }
        unlink(s, l);
        append(s, l);
    }

    void append(int s, int l) {
        int t = tail[l];
        prev[s] = t;
        next[s] = -1;
        if (t >= 0) {
            next[t] = s;
        } else {
            head[l] = s;
        }
        tail[l] = s;
    }

    void unlink(int s, int l) {
        int p = prev[s];
        int n = next[s];
        if (p >= 0) {
            next[p] = n;
        } else {
            head[l] = n;
        }
        if (n >= 0) {
            prev[n] = p;
        } else {
            tail[l] = p;
        }
    }
}
