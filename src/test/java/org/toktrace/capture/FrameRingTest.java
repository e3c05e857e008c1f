package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capture thread's hand-over: order, a bound that makes the producer wait, and an end that keeps what is in. */
class FrameRingTest {

    @Test
    void framesComeOutInOrderAndTheEndKeepsWhatIsIn() throws Exception {
        FrameRing ring = new FrameRing(4, 1 << 20);
        for (int i = 0; i < 3; i++) {
            assertTrue(ring.put(new byte[] {(byte) i}, 100 + i, 60 + i));
        }
        ring.end();
        assertFalse(ring.put(new byte[1], 0, 0), "nothing is added after the end");
        FrameRing.Slot slot = new FrameRing.Slot();
        for (int i = 0; i < 3; i++) {
            assertTrue(ring.await(0));
            assertTrue(ring.take(slot));
            assertEquals(i, slot.data[0]);
            assertEquals(100 + i, slot.timestampNanos);
            assertEquals(60 + i, slot.originalLength);
        }
        assertTrue(ring.await(0), "ended: take does not block");
        assertFalse(ring.take(slot));
    }

    @Test
    void aFullRingMakesTheProducerWaitAndLosesNothing() throws Exception {
        FrameRing ring = new FrameRing(8, 64); // at most 8 frames or 64 bytes at once
        int n = 10_000;
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    ring.put(new byte[] {(byte) i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, i, 16);
                }
                ring.end();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        List<Long> seen = new ArrayList<>();
        FrameRing.Slot slot = new FrameRing.Slot();
        while (ring.take(slot)) {
            seen.add(slot.timestampNanos);
            assertEquals((byte) slot.timestampNanos, slot.data[0]);
        }
        producer.join();
        assertEquals(n, seen.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, seen.get(i));
        }
        assertFalse(ring.await(0) && ring.take(slot));
    }
}
