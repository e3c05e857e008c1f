package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.FlowRecord;
import org.toktrace.testkit.traffic.ReassemblyFlood;

/** Flows given up for the reassembly's memory budget are counted in one warning of the analysis. */
class ReassemblyOverBudgetTest {

    @TempDir
    Path dir;

    @Test
    void flowsOverTheirCapAreCountedInAWarningAndTheOthersAreNamed() throws Exception {
        Path file = dir.resolve("flood.pcap");
        ReassemblyFlood.Contents c = ReassemblyFlood.write(file, 200, 25, 3, false);
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file);

        // 200 flows of 2-3 kB each fit in any default budget (at least 1 MB): only the cap is hit
        assertEquals(List.of(new CaptureWarning(-1, "25 flow(s) given up before their ClientHello was read:"
                + " reassembly over its memory budget (25 over the per-flow cap of 16 KiB, 0 over the total budget"
                + " for all flows)")), r.warnings());
        Set<String> named = new TreeSet<>();
        for (FlowRecord f : r.flows()) {
            if (f.names().serverName() != null) {
                named.add(f.names().serverName());
            }
        }
        Set<String> expected = new TreeSet<>(c.quicNames());
        expected.addAll(c.tlsNames());
        assertEquals(expected, named);
        assertEquals(200 + 25 + 2 * 3, r.flows().size());
    }

    @Test
    void aFloodWithinTheCapsGivesNoWarning() throws Exception {
        Path file = dir.resolve("flood.pcap");
        ReassemblyFlood.write(file, 300, 0, 2, false);
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file);
        assertEquals(List.of(), r.warnings());
        assertEquals(300 + 2 * 2, r.flows().size());
    }
}
