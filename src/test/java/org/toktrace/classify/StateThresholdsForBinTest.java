package org.toktrace.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The thresholds for an analysis's bin: the defaults, windows shorter than the bin widened to it. */
class StateThresholdsForBinTest {

    @Test
    void oneSecondBinsGiveTheDefaults() {
        assertEquals(StateThresholds.defaults(), StateThresholds.forBin(Duration.ofSeconds(1)).orElseThrow());
    }

    @Test
    void windowsShorterThanTheBinAreWidened() {
        StateThresholds t = StateThresholds.forBin(Duration.ofSeconds(5)).orElseThrow();
        assertEquals(Duration.ofSeconds(5), t.bin());
        assertEquals(Duration.ofSeconds(5), t.burstGap(), "the 2 s burst gap grows to one bin");
        assertEquals(StateThresholds.defaults().enterWindow(), t.enterWindow());
        assertEquals(StateThresholds.defaults().minBurstBytes(), t.minBurstBytes());
        assertEquals(StateThresholds.defaults().preloadGap(), t.preloadGap());
        assertEquals(StateThresholds.defaults().preloadMaxBytes(), t.preloadMaxBytes());
        StateThresholds wide = StateThresholds.forBin(Duration.ofSeconds(40)).orElseThrow();
        assertEquals(Duration.ofSeconds(40), wide.preloadGap(), "the 35 s pre-load gap grows to one bin");
    }

    @Test
    void aNegativePreloadSizeIsRefused() {
        StateThresholds d = StateThresholds.defaults();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new StateThresholds(d.bin(),
                d.burstGap(), d.minBurstBytes(), d.enterBursts(), d.enterWindow(), d.sustainWindow(),
                d.sustainBytesPerSecond(), d.sustainActiveFraction(), d.activityBytesPerSecond(), d.quiet(), -1,
                d.preloadGap()));
    }

    @Test
    void binsTheClassifierCannotTakeGiveNone() {
        assertTrue(StateThresholds.forBin(Duration.ofNanos(1)).isEmpty());
        assertTrue(StateThresholds.forBin(Duration.ofMinutes(20)).isEmpty());
    }
}
