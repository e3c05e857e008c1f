package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;

/** Per-device state classification over the merged bins of TikTok flows, built directly. */
class StateAnalysisTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_774_282_445L * S;
    private static final long MAC = 0x0200_0000_0001L;
    private static int nextPort = 40000;

    /** A flow of {@code bytesPerBin} down in each of {@code seconds} 1 s bins from {@code start}. */
    static FlowRecord flow(long id, long mac, String service, Category category, long start, int seconds,
            long bytesPerBin) {
        long[] bins = new long[seconds];
        long[] up = new long[seconds];
        long[] down = new long[seconds];
        int[] packets = new int[seconds];
        for (int i = 0; i < seconds; i++) {
            bins[i] = start / S + i;
            up[i] = bytesPerBin / 50;
            down[i] = bytesPerBin;
            packets[i] = 10;
        }
        FlowKey key = new FlowKey(6, IpAddress.parse("192.168.137.23"), nextPort++, IpAddress.parse("192.0.2.7"), 443);
        Attribution a = service == null ? Attribution.NONE
                : new Attribution(new Evidence(NameSource.TLS_SNI, "v16m.tiktokcdn.com", start, ""), service, category);
        return new FlowRecord(id, key, start, start + seconds * S - 1, 10L * seconds, 10L * seconds,
                up[0] * seconds, bytesPerBin * seconds, FlowEnd.FIN, mac, new FlowBins(S, bins, up, down, packets),
                FlowNames.NONE, a);
    }

    @Test
    void scrollingThenMinimizedIsForegroundThenBackground() {
        List<FlowRecord> flows = new ArrayList<>();
        long id = 1;
        // 60 s of scrolling: a 1.5 MB video every 8 s, with its covers
        for (long t = 0; t < 60; t += 8) {
            flows.add(flow(id++, MAC, "TikTok", Category.VIDEO, T0 + t * S, 2, 750_000));
            flows.add(flow(id++, MAC, "TikTok", Category.IMAGE, T0 + t * S + S, 1, 60_000));
        }
        // then minimized: telemetry of 3 kB every 30 s for 4 minutes
        for (long t = 120; t < 360; t += 30) {
            flows.add(flow(id++, MAC, "TikTok", Category.TELEMETRY, T0 + t * S, 1, 3_000));
        }
        FlowRecord other = flow(id++, MAC, null, null, T0 + 10 * S, 5, 100_000);
        flows.add(other);
        long end = T0 + 400 * S;

        StateAnalysis.Outcome out = StateAnalysis.run(flows, Duration.ofSeconds(1), end);

        assertEquals(1, out.states().size());
        DeviceStates d = out.states().get(0);
        assertEquals("02:00:00:00:00:01", d.device().label());
        assertEquals(AppState.FOREGROUND, d.intervals().get(0).state(), d.intervals().toString());
        assertTrue(d.intervals().get(d.intervals().size() - 1).state().isBackground());
        assertEquals(end, d.intervals().get(d.intervals().size() - 1).endNanos());
        assertTrue(d.foregroundBytes() > 10_000_000, String.valueOf(d.foregroundBytes()));
        assertTrue(d.backgroundBytes() < 50_000, String.valueOf(d.backgroundBytes()));
        assertEquals(d.foregroundNanos() + d.backgroundNanos(), end - T0);
        for (FlowRecord f : out.flows()) {
            if (f.attribution().category() == Category.VIDEO || f.attribution().category() == Category.IMAGE) {
                assertEquals(AppState.FOREGROUND, f.attribution().state(), f.toString());
            } else if (f.attribution().isTikTok()) {
                assertTrue(f.attribution().state().isBackground(), f.toString());
            } else {
                assertNull(f.attribution().state());
            }
        }
    }

    @Test
    void platformPushAndOtherServicesAreNeverClassified() {
        List<FlowRecord> flows = List.of(flow(1, MAC, "Google FCM", null, T0, 10, 1_000_000));
        StateAnalysis.Outcome out = StateAnalysis.run(flows, Duration.ofSeconds(1), T0 + 20 * S);
        assertTrue(out.states().isEmpty());
        assertNull(out.flows().get(0).attribution().state());
    }

    @Test
    void aBinTheClassifierCannotUseLeavesTheStatesOut() {
        List<FlowRecord> flows = List.of(flow(1, MAC, "TikTok", Category.VIDEO, T0, 10, 1_000_000));
        StateAnalysis.Outcome out = StateAnalysis.run(flows, Duration.ofMinutes(20), T0 + 20 * S);
        assertTrue(out.states().isEmpty());
        assertNull(out.flows().get(0).attribution().state());
        // a wide bin that fits still works: windows widen to it
        assertEquals(1, StateAnalysis.run(flows, Duration.ofSeconds(5), T0 + 20 * S).states().size());
    }
}
