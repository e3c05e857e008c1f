package org.toktrace.dissect;

/**
 * Flows whose ClientHello was not read because reassembling it would have needed more memory than
 * allowed: more than one flow may hold ({@code overFlowCap}), or more than all flows together may
 * ({@code overTotalBudget}).
 */
public record ReassemblyGiveUps(long overFlowCap, long overTotalBudget) {

    public ReassemblyGiveUps {
        if (overFlowCap < 0 || overTotalBudget < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /** Both counts together. */
    public long total() {
        return overFlowCap + overTotalBudget;
    }
}
