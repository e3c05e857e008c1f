package org.toktrace.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.toktrace.classify.SyntheticTraffic.SECOND;

import java.util.List;

import org.junit.jupiter.api.Test;

class VideoBurstsTest {

    @Test
    void binsCloserThanTheGapJoin() {
        long[] starts = {0, 1 * SECOND, 3 * SECOND, 6 * SECOND, 7 * SECOND, 20 * SECOND};
        long[] bytes = {400_000, 300_000, 50_000, 900_000, 0, 100_000};
        List<VideoBurst> bursts = VideoBursts.find(starts, bytes, SECOND, 2 * SECOND);
        // 0-2 s and 3-4 s are 1 s apart: one burst; 6 s is 2 s after 4 s: a new one; the empty bin is skipped
        assertEquals(List.of(new VideoBurst(0, 4 * SECOND, 750_000), new VideoBurst(6 * SECOND, 7 * SECOND, 900_000),
                new VideoBurst(20 * SECOND, 21 * SECOND, 100_000)), bursts);
        assertEquals(2, VideoBursts.countAtLeast(bursts, 300_000));
    }

    @Test
    void noBinsNoBursts() {
        assertEquals(List.of(), VideoBursts.find(new long[0], new long[0], SECOND, 2 * SECOND));
    }

    @Test
    void rejectsBinsOutOfOrder() {
        assertThrows(IllegalArgumentException.class,
                () -> VideoBursts.find(new long[] {5 * SECOND, SECOND}, new long[] {1, 1}, SECOND, 2 * SECOND));
    }
}
