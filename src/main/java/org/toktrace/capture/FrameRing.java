package org.toktrace.capture;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between the capture thread (one producer) and the analysis thread (one
 * consumer): frames (libpcap's own copies) with their timestamps, in capture order. When the
 * analysis falls behind the capture thread waits, libpcap's kernel buffer fills, and the kernel
 * counts drops (pcap stats) rather than the memory growing without bound.
 */
final class FrameRing {

    private final byte[][] data;
    private final long[] timestamps;
    private final int[] originalLengths;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int count;
    private long bytes;
    private boolean ended;

    FrameRing(int slots, long maxBytes) {
        this.data = new byte[slots][];
        this.timestamps = new long[slots];
        this.originalLengths = new int[slots];
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a frame, waiting while the ring is full.
     *
     * @return false when the ring was ended meanwhile (the frame is not added)
     */
    boolean put(byte[] frame, long timestampNanos, int originalLength) throws InterruptedException {
        lock.lock();
        try {
            while (!ended && (count == data.length || (count > 0 && bytes + frame.length > maxBytes))) {
                notFull.await();
            }
            if (ended) {
                return false;
            }
            int tail = (head + count) % data.length;
            data[tail] = frame;
            timestamps[tail] = timestampNanos;
            originalLengths[tail] = originalLength;
            count++;
            bytes += frame.length;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** No more frames will come; the consumer still gets those already in. */
    void end() {
        lock.lock();
        try {
            ended = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code nanos} for a frame or the end.
     *
     * @return true when a frame is ready or the ring has ended (then {@link #take} does not block)
     */
    boolean await(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (count == 0 && !ended && left > 0) {
                left = notEmpty.awaitNanos(left);
            }
            return count > 0 || ended;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest frame into {@code into}, waiting for one.
     *
     * @return false once the ring has ended and is empty
     */
    boolean take(Slot into) throws InterruptedException {
        lock.lock();
        try {
            while (count == 0 && !ended) {
                notEmpty.await(100, TimeUnit.MILLISECONDS);
            }
            if (count == 0) {
                return false;
            }
            into.data = data[head];
            into.timestampNanos = timestamps[head];
            into.originalLength = originalLengths[head];
            data[head] = null;
            head = (head + 1) % data.length;
            count--;
            bytes -= into.data.length;
            notFull.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The consumer's current frame; reused, so taking allocates nothing. */
    static final class Slot {
        byte[] data;
        long timestampNanos;
        int originalLength;
    }
}
