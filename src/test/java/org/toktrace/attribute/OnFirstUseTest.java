package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnFirstUseTest {

    /** A read that ran out of memory (the table loading beside a big analysis) is not kept: the next use reads again. */
    @Test
    void aFailedReadIsTriedAgainAndFailsAsItself() {
        AtomicInteger reads = new AtomicInteger();
        OnFirstUse<String> table = new OnFirstUse<>(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
            return "table";
        });
        assertThrows(OutOfMemoryError.class, table::get);
        assertEquals("table", table.get());
        assertEquals(2, reads.get());
    }

    @Test
    void aTableIsReadOnce() {
        AtomicInteger reads = new AtomicInteger();
        OnFirstUse<Object> table = new OnFirstUse<>(() -> {
            reads.incrementAndGet();
            return new Object();
        });
        assertSame(table.get(), table.get());
        assertEquals(1, reads.get());
    }
}
