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
 */
public record AnalysisOptions(Duration bin, int maxFlows, Supplier<List<LearnedName>> knownNames) {

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
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(Duration.ofSeconds(1), DEFAULT_MAX_FLOWS, List::of);
    }

    public AnalysisOptions withBin(Duration newBin) {
        return new AnalysisOptions(newBin, maxFlows, knownNames);
    }

    public AnalysisOptions withKnownNames(Supplier<List<LearnedName>> names) {
        return new AnalysisOptions(bin, maxFlows, names);
    }

    public AnalysisOptions withKnownNames(List<LearnedName> names) {
        List<LearnedName> copy = List.copyOf(names);
        return withKnownNames(() -> copy);
    }
}
