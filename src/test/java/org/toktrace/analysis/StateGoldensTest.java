package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.StateInterval;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.WideScenarios;

/**
 * Goldens of the state model: the intervals, states and reasons it gives on fixed captures (the
 * bundled sample and six development scenarios of the wide generator, each 0.7-20 MB, generated from
 * its seed), beside the listing in {@code src/test/resources/state-golden}. A change to the model
 * that moves a boundary or rewords a reason shows here as a diff to review; regenerate with
 * {@code -Dgolden.regenerate=true} after a deliberate one. Whether the states are right is
 * {@code StateAccuracyTest}'s question, not this one's.
 */
class StateGoldensTest {

    static final Path GOLDEN = Path.of("src/test/resources/state-golden");

    /** Development seeds only: these listings are looked at whenever they change. */
    static Stream<String> captures() {
        return Stream.of("hotspot-sample", "wide-1006", "wide-1014", "wide-1019", "wide-1022", "wide-1027", "wide-1029");
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void intervalsMatch(String name) throws Exception {
        Path capture;
        if (name.startsWith("wide-")) {
            long seed = Long.parseLong(name.substring(5));
            assertTrue(WideScenarios.DEVELOPMENT_SEEDS.contains(seed), "goldens use development seeds only");
            capture = dir.resolve(name + ".pcap");
            HotspotTrafficGenerator.write(WideScenarios.scenario(seed), capture);
        } else {
            capture = Path.of("captures", name + ".pcap");
        }
        AnalysisResult result = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture);
        assertFalse(result.states().isEmpty(), "a golden of the state model has TikTok traffic");
        String actual = listing(result);
        Path expected = GOLDEN.resolve(name + ".states.txt");
        if (Boolean.getBoolean("toktrace.golden.regenerate")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(expected), "no expected listing " + expected + " (regenerate with -Dgolden.regenerate=true)");
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
    }

    /** Per device, each interval: its span in UTC, its state and its reason (the confidence is left out: it moves in its last digits). */
    static String listing(AnalysisResult result) {
        StringBuilder sb = new StringBuilder();
        for (DeviceStates d : result.states()) {
            sb.append("device ").append(d.device().label()).append('\n');
            for (StateInterval i : d.intervals()) {
                sb.append("  ").append(time(i.startNanos())).append(" - ").append(time(i.endNanos())).append("  ")
                        .append(i.state().name().toLowerCase(java.util.Locale.ROOT)).append("  ").append(i.reason()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String time(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
