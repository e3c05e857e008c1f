package org.toktrace.testkit.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.Category;

/** The truth a generator run notes: activities per device over time and every connection with its purpose. */
class GroundTruthRecordingTest {

    @TempDir
    Path dir;

    @Test
    void activitiesCoverTheCaptureContiguouslyPerDevice() throws Exception {
        HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(AccuracyScenarios.scenario(7), dir.resolve("a.pcap"));
        GroundTruth t = s.truth();
        assertEquals(3, t.devices().size());
        Set<GroundTruth.Activity> seen = EnumSet.noneOf(GroundTruth.Activity.class);
        for (String device : t.devices()) {
            List<GroundTruth.Period> periods = t.periods(device);
            assertEquals(s.firstNanos(), periods.get(0).startNanos(), device);
            assertEquals(s.lastNanos() + 1, periods.get(periods.size() - 1).endNanos(), device);
            for (int i = 1; i < periods.size(); i++) {
                assertEquals(periods.get(i - 1).endNanos(), periods.get(i).startNanos(), "contiguous: " + periods);
                assertTrue(periods.get(i - 1).activity() != periods.get(i).activity(), "a change each time: " + periods);
            }
            periods.forEach(p -> seen.add(p.activity()));
            GroundTruth.Period middle = periods.get(periods.size() / 2);
            assertEquals(middle.activity(), t.activityAt(device, (middle.startNanos() + middle.endNanos()) / 2));
        }
        assertEquals(EnumSet.allOf(GroundTruth.Activity.class), seen);
        assertNull(t.activityAt("00:00:00:00:00:00", s.firstNanos()));
        assertNull(t.activityAt(t.devices().get(0), s.firstNanos() - 1));
    }

    @Test
    void everyConnectionHasItsPurposeAndServerTruth() throws Exception {
        GroundTruth t = HotspotTrafficGenerator.write(AccuracyScenarios.scenario(8), dir.resolve("b.pcap")).truth();
        Set<GroundTruth.Purpose> purposes = EnumSet.noneOf(GroundTruth.Purpose.class);
        for (GroundTruth.Flow f : t.flows()) {
            purposes.add(f.purpose());
            GroundTruth.Server server = t.named(f.serverName());
            assertEquals(server.tiktok(), f.tiktok(), f.toString());
            assertEquals(server.category(), f.category(), f.toString());
            assertTrue(server.addresses().contains(f.server()), f.toString());
            switch (f.purpose()) {
                case VIDEO, PRELOAD -> assertEquals(Category.VIDEO, f.category(), f.toString());
                case PUSH -> assertEquals(Category.PUSH, f.category(), f.toString());
                case OTHER_VIDEO, OTHER_APP, PLATFORM_PUSH -> assertFalse(f.tiktok(), f.toString());
                default -> { }
            }
        }
        assertTrue(purposes.containsAll(EnumSet.of(GroundTruth.Purpose.VIDEO, GroundTruth.Purpose.PRELOAD,
                GroundTruth.Purpose.TELEMETRY, GroundTruth.Purpose.PUSH, GroundTruth.Purpose.PLATFORM_PUSH)), purposes.toString());
    }

    @Test
    void truthFilesListConnectionsAndOneRowPerDeviceSecond() throws Exception {
        HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(
                AccuracyScenarios.scenario(9).withLimits(120 * AccuracyScenarios.SECOND, 0), dir.resolve("c.pcap"));
        s.truth().write(dir.resolve("c"));
        List<String> flows = Files.readAllLines(dir.resolve("c-flows.csv"));
        assertEquals("start_ns,device,transport,client_ip,client_port,server_ip,server_port,server_name,purpose,tiktok,category",
                flows.get(0));
        assertEquals(s.truth().flows().size() + 1, flows.size());
        List<String> states = Files.readAllLines(dir.resolve("c-states.csv"));
        assertEquals("second_ns,device,activity,state", states.get(0));
        long seconds = (s.lastNanos() + 1) / 1_000_000_000L - s.firstNanos() / 1_000_000_000L;
        assertTrue(Math.abs(states.size() - 1 - 3 * seconds) <= 3, states.size() + " rows for " + seconds + " s");
        assertTrue(states.stream().skip(1).allMatch(l -> l.matches("\\d+,[0-9a-f:]{17},(scrolling|minimized|closed),(foreground|background)")));
    }

    @Test
    void standardHabitsNeverCloseTheApp() throws Exception {
        GroundTruth t = HotspotTrafficGenerator.write(Scenario.sample(), dir.resolve("d.pcap")).truth();
        for (String device : t.devices()) {
            assertTrue(t.periods(device).stream().noneMatch(p -> p.activity() == GroundTruth.Activity.CLOSED));
        }
        assertTrue(t.flows().stream().noneMatch(f -> f.purpose() == GroundTruth.Purpose.OTHER_VIDEO));
    }
}
