package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Charges, releases and give-ups of the reassembly budget shared by all flows. */
class ReassemblyBudgetTest {

    private final ReassemblyBudget budget = new ReassemblyBudget(10_000);

    private FlowInspection flow() {
        return new FlowInspection(FlowInspection.Kind.TCP_UNDECIDED, 16 * 1024, false, budget);
    }

    @Test
    void chargesAddUpAndComeBackWhenTheFlowEnds() {
        FlowInspection a = flow();
        assertTrue(budget.reserve(a, 3000));
        assertTrue(budget.reserve(a, 2000));
        assertEquals(5000, budget.used());
        assertEquals(5000, a.reserved);
        budget.release(a, 2000);
        assertEquals(3000, budget.used());
        assertEquals(1, budget.holders());
        budget.release(a, 3000);
        assertEquals(0, budget.used());
        assertEquals(0, budget.holders());
    }

    @Test
    void aChargeThatDoesNotFitGivesUpTheLongestHoldingOtherFlows() {
        FlowInspection oldest = flow();
        FlowInspection middle = flow();
        FlowInspection newest = flow();
        assertTrue(budget.reserve(oldest, 4000));
        assertTrue(budget.reserve(middle, 4000));
        assertTrue(budget.reserve(newest, 1000));
        assertTrue(budget.reserve(newest, 4000), "room is made by giving up the oldest");
        assertTrue(oldest.finished());
        assertFalse(middle.finished());
        assertFalse(newest.finished());
        assertEquals(9000, budget.used());
        assertEquals(1, budget.givenUp(ReassemblyBudget.Reason.TOTAL_BUDGET));
        assertEquals(9000, budget.peak());
    }

    @Test
    void aChargeLargerThanTheWholeBudgetIsRefusedAndCounted() {
        FlowInspection a = flow();
        FlowInspection b = flow();
        assertTrue(budget.reserve(a, 100));
        assertFalse(budget.reserve(b, 20_000));
        assertTrue(a.finished(), "the others were given up trying");
        assertEquals(0, b.reserved);
        assertEquals(0, budget.used());
        assertEquals(2, budget.givenUp(ReassemblyBudget.Reason.TOTAL_BUDGET));
    }

    @Test
    void aStreamRefusedByTheBudgetDropsItsBytesAndTakesNoMore() {
        ReassemblyBudget small = new ReassemblyBudget(1000);
        FlowInspection f = new FlowInspection(FlowInspection.Kind.TCP_UNDECIDED, 16 * 1024, false, small);
        StreamReassembly s = f.stream;
        s.start(1, true);
        assertFalse(s.add(ByteBuffer.wrap(new byte[100]), 0, 100, 1), "the first array (2 kB) does not fit");
        assertTrue(s.overBudget());
        assertEquals(0, s.contiguous());
        assertFalse(s.add(ByteBuffer.wrap(new byte[10]), 0, 10, 101));
        assertEquals(0, small.used());
    }

    @Test
    void aStreamChargesWhatItAllocatesAndGivesItBack() {
        FlowInspection f = flow();
        StreamReassembly s = f.stream;
        s.start(0, true);
        assertTrue(s.add(ByteBuffer.wrap(new byte[100]), 0, 100, 0));
        long first = budget.used();
        assertTrue(first >= 2048 && first < 2300, "a 2 kB array and the run arrays: " + first);
        assertTrue(s.add(ByteBuffer.wrap(new byte[3000]), 0, 3000, 100));
        assertEquals(first + 2048, budget.used(), "doubled to 4 kB");
        f.flowEnded();
        assertEquals(0, budget.used());
    }
}
