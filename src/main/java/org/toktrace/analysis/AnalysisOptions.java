package org.toktrace.analysis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.toktrace.flow.FlowTableConfig;
import org.toktrace.model.LearnedName;

/**
 * How to analyse a capture.
 *
 * @param bin          width of the time bins flows and the timeline are counted in
 * @param maxFlows     flows followed at once; past it the longest-idle flow is finished early
 * @param knownNames   the learned name memory from earlier captures (address to name), consulted
 *                     for flows whose DNS lookup the capture does not hold; asked for once, at the
 *                     end of the packets, so it may load (from a database) while they are read
 * @param flowsInMemory finished flows other than TikTok's kept in the heap; past it they all go to a
 *                     temporary file (decision record 0029)
 */
public record AnalysisOptions(Duration bin, int maxFlows, Supplier<List<LearnedName>> knownNames, int flowsInMemory) {

    /**
     * Finished flows in the heap before they go to disk: a few tens of MB, so that an ordinary capture
     * (a phone makes a few thousand flows an hour) never touches the disk.
     */
    public static final int DEFAULT_FLOWS_IN_MEMORY = 100_000;

    /** The flow table's default: far more than a few phones open, and safe under -Xmx256m. */
    public static final int DEFAULT_MAX_FLOWS = FlowTableConfig.defaults().maxFlows();

    public AnalysisOptions {
        Objects.requireNonNull(bin, "bin");
        if (bin.isNegative() || bin.isZero()) {
            throw new IllegalArgumentException("the bin width must be positive");
        }
        if (maxFlows < 16) {
            throw new IllegalArgumentException("maxFlows must be at least 16");
        }
        Objects.requireNonNull(knownNames, "knownNames");
        if (flowsInMemory < 0) {
            throw new IllegalArgumentException("flowsInMemory must not be negative");
        }
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(Duration.ofSeconds(1), DEFAULT_MAX_FLOWS, List::of, DEFAULT_FLOWS_IN_MEMORY);
    }

    public AnalysisOptions withBin(Duration newBin) {
        return new AnalysisOptions(newBin, maxFlows, knownNames, flowsInMemory);
    }

    public AnalysisOptions withKnownNames(Supplier<List<LearnedName>> names) {
        return new AnalysisOptions(bin, maxFlows, names, flowsInMemory);
    }

    /** These options with at most {@code n} finished flows other than TikTok's in the heap. */
    public AnalysisOptions withFlowsInMemory(int n) {
        return new AnalysisOptions(bin, maxFlows, knownNames, n);
    }

    public AnalysisOptions withKnownNames(List<LearnedName> names) {
        List<LearnedName> copy = List.copyOf(names);
        return withKnownNames(() -> copy);
    }
}
