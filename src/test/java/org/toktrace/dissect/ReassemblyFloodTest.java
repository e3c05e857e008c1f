package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.capture.CaptureFiles;
import org.toktrace.capture.FrameSource;
import org.toktrace.testkit.traffic.ReassemblyFlood;

/**
 * A capture full of QUIC flows whose ClientHello can never be whole, read with a small reassembly
 * budget: the memory held stays within it, the flows over it are given up and counted, and the
 * ordinary QUIC and TLS flows among them are still named.
 */
class ReassemblyFloodTest {

    private static final int FLOOD = 3000;
    private static final int OVER_CAP = 40;
    private static final int NORMAL = 8;

    @TempDir
    Path dir;

    @Test
    void aFloodBeyondTheBudgetIsGivenUpAndTheOtherFlowsAreStillNamed() throws Exception {
        ReassemblyFlood.Contents c = ReassemblyFlood.write(dir.resolve("flood.pcap"), FLOOD, OVER_CAP, NORMAL, false);
        long limit = 1 << 20;
        FlowHarness h = read(dir.resolve("flood.pcap"), limit);
        ReassemblyBudget budget = h.dissectors.reassemblyBudget();
        ReassemblyGiveUps giveUps = h.dissectors.reassemblyGiveUps();

        assertTrue(budget.peak() <= limit, "peak " + budget.peak() + " over the budget " + limit);
        assertEquals(OVER_CAP, giveUps.overFlowCap(), "every flow with CRYPTO data past the cap, and no other");
        // each flood flow is either still waiting with its bytes, or was given up to make room
        assertEquals(FLOOD, giveUps.overTotalBudget() + budget.holders(), giveUps.toString());
        // each holds at least its 1,200 bytes past the hole, so no more than limit / 1200 can be held
        assertTrue(giveUps.overTotalBudget() >= FLOOD - limit / 1200, giveUps.toString());
        assertNamed(h, c);

        endAll(h);
        assertEquals(0, budget.used(), "every flow's charge is given back when it ends");
        assertEquals(0, budget.holders());
    }

    @Test
    void withRoomEnoughAFloodFlowHoldsWhatArrivedNotTheCap() throws Exception {
        ReassemblyFlood.Contents c = ReassemblyFlood.write(dir.resolve("flood.pcap"), FLOOD, 0, NORMAL, false);
        FlowHarness h = read(dir.resolve("flood.pcap"), 64L << 20);
        ReassemblyBudget budget = h.dissectors.reassemblyBudget();

        assertEquals(new ReassemblyGiveUps(0, 0), h.dissectors.reassemblyGiveUps());
        assertEquals(FLOOD, budget.holders(), "every flood flow still waits for offsets 0-999");
        long perFlow = budget.used() / FLOOD;
        // 1,200 bytes arrived at offset 1000: a stream of 2.2 kB with its bitmap, and one set of keys
        assertTrue(perFlow < 4096, perFlow + " bytes per flow, against the 16 KiB cap");
        assertNamed(h, c);
        endAll(h);
        assertEquals(0, budget.used());
    }

    @Test
    void aTcpFloodOfStreamsWithAHoleIsHeldToTheBudgetToo() throws Exception {
        int tcpFlood = 2000;
        ReassemblyFlood.Contents c = ReassemblyFlood.write(dir.resolve("tcp.pcap"), 0, 0, tcpFlood, NORMAL, false);
        long limit = 1 << 20;
        FlowHarness h = read(dir.resolve("tcp.pcap"), limit);
        ReassemblyBudget budget = h.dissectors.reassemblyBudget();
        ReassemblyGiveUps giveUps = h.dissectors.reassemblyGiveUps();

        assertTrue(budget.peak() <= limit, "peak " + budget.peak());
        assertEquals(0, giveUps.overFlowCap());
        assertEquals(tcpFlood, giveUps.overTotalBudget() + budget.holders(), giveUps.toString());
        // each stream holds a 2 kB window at least
        assertTrue(budget.holders() <= limit / 2048, budget.holders() + " streams held");
        assertNamed(h, c);
        endAll(h);
        assertEquals(0, budget.used());
    }

    private static void assertNamed(FlowHarness h, ReassemblyFlood.Contents c) {
        List<String> names = new ArrayList<>();
        for (FlowHarness.Flow f : h.flows.values()) {
            if (f.serverName() != null) {
                names.add(f.serverName());
            }
        }
        List<String> expected = new ArrayList<>(c.quicNames());
        expected.addAll(c.tlsNames());
        assertTrue(names.containsAll(expected), "named: " + names);
        assertEquals(expected.size(), names.size(), "only the normal flows are named: " + names);
    }

    private static void endAll(FlowHarness h) {
        for (FlowHarness.Flow f : h.flows.values()) {
            if (f.inspection != null) {
                f.inspection.flowEnded();
            }
        }
    }

    private static FlowHarness read(Path file, long budget) throws Exception {
        FlowHarness h = new FlowHarness(budget);
        try (FrameSource s = CaptureFiles.open(file)) {
            while (s.next()) {
                h.frame(s.buffer(), s.frameOffset(), s.capturedLength(), s.originalLength(), s.linkType(),
                        s.timestampNanos());
            }
        }
        return h;
    }
}
