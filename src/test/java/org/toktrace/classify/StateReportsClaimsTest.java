package org.toktrace.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.toktrace.model.ClaimCheck;
import org.toktrace.model.ClaimCheck.Verdict;

/** The claims' verdicts and wording, from the figures alone. */
class StateReportsClaimsTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final StateThresholds DEFAULTS = StateThresholds.defaults();

    @Test
    void kilobytesOverTheBackgroundTimeIsYes() {
        ClaimCheck c = StateReports.kilobytes(412_000, 55 * MINUTE);
        assertEquals(Verdict.YES, c.verdict());
        assertEquals("Background traffic stayed in kilobytes: yes, 412 kB over 55 min (7.49 kB/min)", c.sentence());
    }

    @Test
    void megabytesInTheBackgroundIsNo() {
        ClaimCheck c = StateReports.kilobytes(14_000_000, 20 * MINUTE);
        assertEquals(Verdict.NO, c.verdict());
        assertEquals("Background traffic stayed in kilobytes: no: 14.0 MB over 20 min (700 kB/min)", c.sentence());
        assertEquals(Verdict.NO, StateReports.kilobytes(1_000_000, 600 * MINUTE).verdict(), "1 MB is no longer kilobytes");
        assertEquals(Verdict.YES, StateReports.kilobytes(999_999, MINUTE).verdict());
    }

    @Test
    void withoutBackgroundTimeNothingIsMeasured() {
        assertEquals(Verdict.NOT_MEASURED, StateReports.kilobytes(0, 0).verdict());
        assertEquals(Verdict.NOT_MEASURED, StateReports.noVideo(0, 0, 0, DEFAULTS).verdict());
        assertEquals("No video streamed in the background: not measured: no background time in this capture",
                StateReports.noVideo(0, 0, 0, DEFAULTS).sentence());
    }

    @Test
    void videoDownloadsInTheBackgroundAreCountedWithTheirBytes() {
        assertEquals("No video streamed in the background: yes, no video download while in the background",
                StateReports.noVideo(0, 0, MINUTE, DEFAULTS).sentence());
        ClaimCheck three = StateReports.noVideo(3, 2_000_000, 30 * MINUTE, DEFAULTS);
        assertEquals(Verdict.NO, three.verdict());
        assertEquals("No video streamed in the background: no: 3 video downloads of 2.00 MB in all while in the background,"
                + " never 2 within 45 s: pre-loads rather than watching, as far as traffic can tell", three.sentence());
        assertEquals("1 video download of 512 kB while in the background, alone: a pre-load rather than watching,"
                + " as far as traffic can tell", StateReports.noVideo(1, 512_000, MINUTE, DEFAULTS).evidence());
    }

    @Test
    void sessionsOfOneDownloadAreNamedBesideTheClaim() {
        assertEquals("No video streamed in the background: yes, no video download while in the background; 1 scrolling"
                + " session rests on a single video download (2.40 MB in all), counted as watching with low confidence:"
                + " had the app been out of sight, that was video in the background",
                StateReports.noVideo(0, 0, MINUTE, DEFAULTS, 1, 2_400_000).sentence());
        assertEquals(StateReports.noVideo(3, 2_000_000, MINUTE, DEFAULTS),
                StateReports.noVideo(3, 2_000_000, MINUTE, DEFAULTS, 0, 0), "nothing to add without such sessions");
        assertEquals(Verdict.NOT_MEASURED, StateReports.noVideo(0, 0, 0, DEFAULTS, 1, 2_400_000).verdict());
        assertTrue(StateReports.noVideo(2, 1_500_000, MINUTE, DEFAULTS, 2, 5_000_000).evidence()
                .endsWith("; 2 scrolling sessions rest on a single video download (5.00 MB in all), counted as watching"
                        + " with low confidence: had the app been out of sight, that was video in the background"));
    }

    @Test
    void durationsAreRoundedForAClaim() {
        assertEquals("45 s", StateReports.duration(45_400_000_000L));
        assertEquals("55 min", StateReports.duration(55 * MINUTE + 10_000_000_000L));
        assertEquals("2 h 5 min", StateReports.duration(125 * MINUTE));
    }
}
