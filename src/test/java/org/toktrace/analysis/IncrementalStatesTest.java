package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toktrace.analysis.StateAnalysisTest.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AppState;
import org.toktrace.model.Category;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;

/**
 * Snapshots classify again only the devices whose TikTok flows changed; the exact form gives what a
 * classification from scratch gives.
 */
class IncrementalStatesTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_774_282_445L * S;
    private static final long A = 0x0200_0000_000AL;
    private static final long B = 0x0200_0000_000BL;
    private static final Duration BIN = Duration.ofSeconds(1);

    /** A minute of scrolling from {@code start}, then telemetry every 30 s until {@code start + 300 s}. */
    private static List<FlowRecord> session(long mac, long firstId, long start) {
        List<FlowRecord> flows = new ArrayList<>();
        long id = firstId;
        for (long t = 0; t < 60; t += 8) {
            flows.add(flow(id++, mac, "TikTok", Category.VIDEO, start + t * S, 2, 750_000));
            flows.add(flow(id++, mac, "TikTok", Category.IMAGE, start + t * S + S, 1, 60_000));
        }
        for (long t = 120; t < 300; t += 30) {
            flows.add(flow(id++, mac, "TikTok", Category.TELEMETRY, start + t * S, 1, 3_000));
        }
        return flows;
    }

    private static DeviceStates device(StateAnalysis.Outcome o, long mac) {
        org.toktrace.model.Device.Id id = org.toktrace.model.Device.Id.of(mac, null);
        return o.states().stream().filter(d -> d.device().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void onlyTheDeviceWhoseFlowsChangedIsClassifiedAgain() {
        List<FlowRecord> flows = new ArrayList<>(session(A, 1, T0));
        flows.addAll(session(B, 100, T0));
        long end = T0 + 320 * S;
        IncrementalStates states = new IncrementalStates(BIN);

        StateAnalysis.Outcome first = states.provisional(flows, end);
        assertEquals(2, states.classifications());

        flows.add(flow(200, A, "TikTok", Category.TELEMETRY, T0 + 310 * S, 1, 3_000));
        StateAnalysis.Outcome second = states.provisional(flows, end);
        assertEquals(3, states.classifications(), "A changed, B did not");
        assertEquals(device(first, B), device(second, B));
        assertEquals(StateAnalysis.run(flows, BIN, end), second, "same flows, same end: what a fresh run gives");

        StateAnalysis.Outcome third = states.provisional(flows, end);
        assertEquals(3, states.classifications(), "nothing changed");
        assertEquals(second, third);
    }

    @Test
    void aSilentDeviceKeepsItsBackgroundStretchedToTheNewEndUntilTheRefresh() {
        List<FlowRecord> flows = session(A, 1, T0);
        long end = T0 + 320 * S;
        IncrementalStates states = new IncrementalStates(BIN);
        StateAnalysis.Outcome first = states.provisional(flows, end);
        List<StateInterval> before = device(first, A).intervals();
        assertNotEquals(AppState.FOREGROUND, before.get(before.size() - 1).state(), "the session ends in the background");

        long later = end + 2 * S;
        StateAnalysis.Outcome stretched = states.provisional(flows, later);
        assertEquals(1, states.classifications(), "silence alone is not classified again");
        List<StateInterval> after = device(stretched, A).intervals();
        assertEquals(before.size(), after.size());
        assertEquals(before.subList(0, before.size() - 1), after.subList(0, after.size() - 1));
        assertEquals(later, after.get(after.size() - 1).endNanos());
        assertEquals(before.get(before.size() - 1).state(), after.get(after.size() - 1).state());

        states.provisional(flows, end + IncrementalStates.REFRESH_NANOS);
        assertEquals(2, states.classifications(), "once the end has moved a refresh on, it is classified again");
    }

    @Test
    void aDeviceLastSeenInForegroundIsClassifiedAgainWhenTheEndMoves() {
        List<FlowRecord> flows = new ArrayList<>();
        for (long t = 0; t < 60; t += 8) {
            flows.add(flow(1 + t, A, "TikTok", Category.VIDEO, T0 + t * S, 2, 750_000));
            flows.add(flow(100 + t, A, "TikTok", Category.IMAGE, T0 + t * S + S, 1, 60_000));
        }
        long end = T0 + 58 * S;
        IncrementalStates states = new IncrementalStates(BIN);
        List<StateInterval> intervals = device(states.provisional(flows, end), A).intervals();
        assertEquals(AppState.FOREGROUND, intervals.get(intervals.size() - 1).state(), "still scrolling at the end");

        StateAnalysis.Outcome later = states.provisional(flows, end + 2 * S);
        assertEquals(2, states.classifications(), "silence may end the screen: classified again");
        assertEquals(StateAnalysis.run(flows, BIN, end + 2 * S), later);
    }

    @Test
    void theExactFormEqualsAClassificationFromScratchAfterProvisionalOnes() {
        List<FlowRecord> all = new ArrayList<>(session(A, 1, T0));
        all.addAll(session(B, 100, T0 + 30 * S));
        all.sort((x, y) -> Long.compare(x.firstSeenNanos(), y.firstSeenNanos()));
        IncrementalStates states = new IncrementalStates(BIN);
        // snapshots as the flows arrive, each ending a little after its newest flow
        for (int n = 1; n < all.size(); n += 3) {
            List<FlowRecord> sofar = all.subList(0, n);
            states.provisional(sofar, sofar.get(n - 1).lastSeenNanos() + 3 * S);
        }
        long end = T0 + 400 * S;
        long before = states.classifications();
        assertEquals(StateAnalysis.run(all, BIN, end), states.exact(all, end));
        assertEquals(before + 2, states.classifications(), "a new end: both devices classified again");
        assertEquals(StateAnalysis.run(all, BIN, end), states.exact(all, end));
        assertEquals(before + 2, states.classifications(), "the same inputs: nothing classified again");
    }

    @Test
    void binsTooWideForTheModelGiveNoStates() {
        IncrementalStates states = new IncrementalStates(Duration.ofMinutes(20));
        StateAnalysis.Outcome o = states.provisional(session(A, 1, T0), T0 + 320 * S);
        assertTrue(o.states().isEmpty());
        assertEquals(0, states.classifications());
    }
}
