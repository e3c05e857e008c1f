package org.toktrace.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toktrace.classify.SyntheticTraffic.SECOND;
import static org.toktrace.classify.SyntheticTraffic.nanos;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.model.AppState;
import org.toktrace.model.Category;
import org.toktrace.model.StateInterval;

class StateClassifierTest {
    private static final StateThresholds DEFAULTS = StateThresholds.defaults();
    private static final Pattern VOLUME = Pattern.compile("\\d+(\\.\\d+)? (B|kB|MB|GB)");
    private static final Pattern DOWNLOADS = Pattern.compile("\\d+ (lone )?video downloads?");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void scrollingIsForegroundAfterStartUp(long seed) {
        StateClassifier c = new SyntheticTraffic(seed).scrolling(0, 300).classify(DEFAULTS, 300);
        List<StateInterval> intervals = c.intervals();
        assertStateBetween(intervals, AppState.FOREGROUND, 20, 300);
        StateInterval fg = intervals.get(intervals.size() - 1);
        assertEquals(AppState.FOREGROUND, fg.state(), describe(intervals));
        assertTrue(fg.confidence() > 0.8, describe(intervals));
        assertSensibleReason(fg);
        assertTrue(fg.reason().startsWith("2 video downloads"), fg.reason());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void thirtySecondPauseBetweenVideosStaysForeground(long seed) {
        // the first part's last video starts before 120 s, the second part's first at 150 s: 30 s or more apart
        StateClassifier c = new SyntheticTraffic(seed).scrolling(0, 120).scrolling(150, 270).classify(DEFAULTS, 270);
        assertStateBetween(c.intervals(), AppState.FOREGROUND, 20, 270);
        assertEquals(1, c.intervals().size(), describe(c.intervals()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void minimizedWithOnePreloadIsBackground(long seed) {
        StateClassifier c = new SyntheticTraffic(seed).minimized(0, 600, 1).classify(DEFAULTS, 600);
        List<StateInterval> intervals = c.intervals();
        assertEquals(1, intervals.size(), describe(intervals));
        StateInterval bg = intervals.get(0);
        assertEquals(AppState.BACKGROUND, bg.state());
        assertEquals(600 * SECOND, bg.endNanos());
        assertTrue(bg.reason().contains("1 lone video download"), bg.reason());
        assertTrue(bg.confidence() > 0.7, bg.toString());
        assertSensibleReason(bg);
    }

    @Test
    void keepaliveOnlyHourIsBackgroundWithAFewKilobytes() {
        SyntheticTraffic traffic = new SyntheticTraffic(42).keepalives(0, 3600);
        StateClassifier c = traffic.classify(DEFAULTS, 3600);
        List<StateInterval> intervals = c.intervals();
        assertEquals(1, intervals.size(), describe(intervals));
        StateInterval bg = intervals.get(0);
        assertEquals(AppState.BACKGROUND, bg.state());
        assertEquals(1.0, bg.confidence(), 1e-9);
        assertTrue(traffic.totalBytes() < 60_000, "a keepalive hour is kilobytes: " + traffic.totalBytes());
        assertTrue(bg.reason().contains("0 video downloads"), bg.reason());
        assertTrue(bg.reason().contains(" kB push/telemetry/other"), bg.reason());
        assertTrue(bg.reason().contains("59 min") || bg.reason().contains("1 h"), bg.reason());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void scrollingMinimizedScrollingHasThreeIntervalsNearTheTruth(long seed) {
        StateClassifier c = new SyntheticTraffic(seed).scrolling(0, 180).minimized(180, 480, 1).scrolling(480, 600)
                .classify(DEFAULTS, 600);
        List<StateInterval> intervals = c.intervals();
        assertEquals(List.of(AppState.FOREGROUND, AppState.BACKGROUND, AppState.FOREGROUND),
                intervals.stream().map(StateInterval::state).collect(Collectors.toList()), describe(intervals));
        assertNear(180, intervals.get(0).endNanos(), intervals);
        assertNear(480, intervals.get(1).endNanos(), intervals);
        assertTrue(intervals.get(1).reason().startsWith("left foreground"), intervals.get(1).reason());
        intervals.forEach(StateClassifierTest::assertSensibleReason);
    }

    @Test
    void aLoneBigBurstNeverEntersForeground() {
        StateClassifier c = new StateClassifier();
        c.onBin(0, Category.PUSH, 300, 100);
        for (int s = 30; s < 33; s++) {
            c.onBin(s * SECOND, Category.VIDEO, 3_000_000, 20_000);
        }
        c.onBin(120 * SECOND, Category.TELEMETRY, 500, 4_000);
        c.finish(180 * SECOND);
        assertEquals(1, c.intervals().size(), describe(c.intervals()));
        assertEquals(AppState.BACKGROUND, c.intervals().get(0).state());
    }

    @Test
    void twoDownloadsEnterForegroundDatedToTheFirst() {
        StateClassifier c = new StateClassifier();
        c.onBin(0, Category.PUSH, 300, 100);
        c.onBin(10 * SECOND, Category.VIDEO, 800_000, 5_000);
        c.onBin(11 * SECOND, Category.VIDEO, 800_000, 5_000);
        assertEquals(AppState.BACKGROUND, c.state(), "one burst is not enough");
        c.onBin(20 * SECOND, Category.VIDEO, 700_000, 5_000);
        c.onBin(21 * SECOND, Category.API, 5_000, 2_000);
        assertEquals(AppState.FOREGROUND, c.state());
        assertEquals(10 * SECOND, c.current().startNanos());
        c.finish(30 * SECOND);
        List<StateInterval> intervals = c.intervals();
        assertEquals(2, intervals.size(), describe(intervals));
        assertEquals(10 * SECOND, intervals.get(0).endNanos());
        assertTrue(intervals.get(1).reason().contains("2 video downloads of at least 300 kB (2.32 MB) within"),
                intervals.get(1).reason());
        assertTrue(intervals.get(1).reason().contains("2 video downloads (2.32 MB)"), intervals.get(1).reason());
    }

    @Test
    void sustainedStreamEntersForeground() {
        StateClassifier c = new StateClassifier();
        // a live stream: one continuous flow of 150 kB/s, no gaps to cut it into bursts
        for (int s = 0; s < 60; s++) {
            c.onBin(s * SECOND, Category.LIVE, 150_000, 3_000);
        }
        c.finish(60 * SECOND);
        List<StateInterval> intervals = c.intervals();
        assertEquals(1, intervals.size(), describe(intervals));
        assertEquals(AppState.FOREGROUND, intervals.get(0).state());
        assertTrue(intervals.get(0).reason().startsWith("video/images in 10 of the last 20 s ("),
                intervals.get(0).reason());
    }

    @Test
    void leavesForegroundAtTheLastActivityAfterTheQuietTime() {
        StateClassifier c = new StateClassifier();
        for (int s = 0; s < 60; s += 10) {
            c.onBin(s * SECOND, Category.VIDEO, 1_000_000, 10_000);
        }
        c.onBin(100 * SECOND, Category.PUSH, 300, 100);
        assertEquals(AppState.FOREGROUND, c.state(), "40 s after the last video is still a pause");
        c.onBin(115 * SECOND, Category.TELEMETRY, 300, 3_000);
        assertEquals(AppState.BACKGROUND, c.state());
        assertEquals(51 * SECOND, c.current().startNanos());
    }

    @Test
    void liveCaptureLeavesForegroundDuringSilenceWhenTheClockAdvances() {
        StateClassifier c = new StateClassifier();
        for (int s = 0; s < 60; s += 10) {
            c.onBin(s * SECOND, Category.VIDEO, 1_000_000, 10_000);
        }
        c.advanceTo(100 * SECOND);
        assertEquals(AppState.FOREGROUND, c.state());
        c.advanceTo(111 * SECOND);
        assertEquals(AppState.BACKGROUND, c.state());
        assertEquals(51 * SECOND, c.current().startNanos());
        assertEquals(112 * SECOND, c.current().endNanos());
        c.onBin(150 * SECOND, Category.PUSH, 300, 100);
        c.finish(160 * SECOND);
        assertEquals(2, c.intervals().size(), describe(c.intervals()));
        assertEquals(160 * SECOND, c.intervals().get(1).endNanos());
    }

    @Test
    void emptyAndLateInput() {
        StateClassifier c = new StateClassifier();
        assertNull(c.current());
        assertTrue(c.intervals().isEmpty());
        c.onBin(5 * SECOND, Category.API, 100, 100);
        c.onBin(3 * SECOND, Category.API, 100, 100);
        assertEquals(1, c.lateBins());
        c.finish(0);
        assertEquals(1, c.intervals().size());
        assertEquals(5 * SECOND, c.intervals().get(0).startNanos());
        assertEquals(6 * SECOND, c.intervals().get(0).endNanos());
    }

    @Test
    void aLeadingLoneDownloadOfPreloadSizeNeitherCountsNorDatesTheEntry() {
        StateClassifier c = new StateClassifier();
        c.onBin(0, Category.PUSH, 300, 100);
        c.onBin(10 * SECOND, Category.VIDEO, 600_000, 5_000); // alone, 40 s before the user opens the app
        c.onBin(50 * SECOND, Category.VIDEO, 1_500_000, 10_000);
        c.onBin(50 * SECOND, Category.IMAGE, 80_000, 2_000);
        c.onBin(51 * SECOND, Category.API, 20_000, 3_000);
        assertEquals(AppState.BACKGROUND, c.state(), "a pre-load and one video are one download that counts");
        c.onBin(54 * SECOND, Category.VIDEO, 1_200_000, 10_000);
        c.onBin(55 * SECOND, Category.PUSH, 300, 100);
        assertEquals(AppState.FOREGROUND, c.state());
        assertEquals(50 * SECOND, c.current().startNanos(), describe(c.intervals()));
        c.finish(70 * SECOND);
        List<StateInterval> intervals = c.intervals();
        assertEquals(2, intervals.size(), describe(intervals));
        assertTrue(intervals.get(0).reason().contains("1 lone video download (605 kB)"), intervals.get(0).reason());
        assertTrue(intervals.get(1).reason().startsWith("2 video downloads of at least 300 kB (2.72 MB) within 5 s;"
                + " before them a lone download (605 kB) without images or API calls, more than 22 s before the next"),
                intervals.get(1).reason());
    }

    @Test
    void aLeadingDownloadWithImagesOrALargeOneOrOneInTheCadenceOfScrollingDatesTheEntry() {
        // with covers beside it the first download is a swipe, however long the user then looks at it
        StateClassifier withImages = new StateClassifier();
        withImages.onBin(10 * SECOND, Category.VIDEO, 600_000, 5_000);
        withImages.onBin(11 * SECOND, Category.IMAGE, 60_000, 2_000);
        withImages.onBin(50 * SECOND, Category.VIDEO, 1_500_000, 10_000);
        withImages.onBin(51 * SECOND, Category.PUSH, 300, 100);
        assertEquals(AppState.FOREGROUND, withImages.state());
        assertEquals(10 * SECOND, withImages.current().startNanos(), describe(withImages.intervals()));
        // larger than any pre-load
        StateClassifier large = new StateClassifier();
        large.onBin(10 * SECOND, Category.VIDEO, 1_500_000, 10_000);
        large.onBin(50 * SECOND, Category.VIDEO, 1_500_000, 10_000);
        large.onBin(51 * SECOND, Category.PUSH, 300, 100);
        assertEquals(AppState.FOREGROUND, large.state());
        assertEquals(10 * SECOND, large.current().startNanos(), describe(large.intervals()));
        // the slowest swipe: the next video 20 s later is the cadence of scrolling
        StateClassifier swipe = new StateClassifier();
        swipe.onBin(10 * SECOND, Category.VIDEO, 600_000, 5_000);
        swipe.onBin(30 * SECOND, Category.VIDEO, 600_000, 5_000);
        swipe.onBin(31 * SECOND, Category.PUSH, 300, 100);
        assertEquals(AppState.FOREGROUND, swipe.state());
        assertEquals(10 * SECOND, swipe.current().startNanos(), describe(swipe.intervals()));
    }

    /**
     * The price of the pre-load rule (decision record 0011): a small first video without covers or API
     * calls, then a 30 s look, is on the wire a pre-load 30 s before the user opened the app; it is
     * left in the background and the session starts at the next video, which is said in the reason.
     */
    @Test
    void aLoneSmallFirstVideoFollowedByALongLookIsTakenForAPreload() {
        StateClassifier look = new StateClassifier();
        look.onBin(10 * SECOND, Category.VIDEO, 600_000, 5_000);
        look.onBin(41 * SECOND, Category.VIDEO, 600_000, 5_000);
        look.onBin(42 * SECOND, Category.PUSH, 300, 100);
        assertEquals(AppState.BACKGROUND, look.state(), "one download after the skipped one is not two");
        look.onBin(50 * SECOND, Category.VIDEO, 900_000, 5_000);
        look.onBin(51 * SECOND, Category.PUSH, 300, 100);
        assertEquals(AppState.FOREGROUND, look.state());
        assertEquals(41 * SECOND, look.current().startNanos(), describe(look.intervals()));
        assertTrue(look.current().reason().contains("before them a lone download (605 kB)"), look.current().reason());
    }

    @Test
    void aDownloadTheEndOfTheCaptureCutShortIsASessionUnlessItHasAPreloadsShape() {
        // larger than a pre-load, 7 s before the end: the 45 s that would show a second one are missing
        StateClassifier large = new StateClassifier();
        large.onBin(0, Category.PUSH, 300, 100);
        large.onBin(93 * SECOND, Category.VIDEO, 2_700_000, 20_000);
        large.finish(100 * SECOND);
        List<StateInterval> li = large.intervals();
        assertEquals(2, li.size(), describe(li));
        StateInterval last = li.get(1);
        assertEquals(AppState.FOREGROUND, last.state());
        assertEquals(93 * SECOND, last.startNanos());
        assertEquals(StateClassifier.CENSORED_CONFIDENCE, last.confidence(), 1e-9);
        assertTrue(last.reason().startsWith("the capture ends 6 s after a video download of 2.72 MB, larger than a"
                + " pre-load, before the 45 s that would show a second one"), last.reason());
        // pre-load sized, but with covers and an API call beside it: a swipe
        StateClassifier swipe = new StateClassifier();
        swipe.onBin(0, Category.PUSH, 300, 100);
        swipe.onBin(80 * SECOND, Category.VIDEO, 900_000, 5_000);
        swipe.onBin(81 * SECOND, Category.IMAGE, 200_000, 3_000);
        swipe.onBin(81 * SECOND, Category.API, 50_000, 3_000);
        swipe.finish(100 * SECOND);
        assertEquals(AppState.FOREGROUND, swipe.intervals().get(swipe.intervals().size() - 1).state(),
                describe(swipe.intervals()));
        assertEquals(80 * SECOND, swipe.intervals().get(1).startNanos());
        // a pre-load's shape stays background, cut short or not
        StateClassifier preload = new StateClassifier();
        preload.onBin(0, Category.PUSH, 300, 100);
        preload.onBin(95 * SECOND, Category.VIDEO, 900_000, 5_000);
        preload.finish(100 * SECOND);
        assertEquals(1, preload.intervals().size(), describe(preload.intervals()));
        assertEquals(AppState.BACKGROUND, preload.intervals().get(0).state());
        // a large download the capture did not cut short (nothing followed it for 45 s) stays background
        StateClassifier seen = new StateClassifier();
        seen.onBin(0, Category.PUSH, 300, 100);
        seen.onBin(40 * SECOND, Category.VIDEO, 2_700_000, 20_000);
        seen.finish(100 * SECOND);
        assertEquals(1, seen.intervals().size(), describe(seen.intervals()));
        assertEquals(AppState.BACKGROUND, seen.intervals().get(0).state());
    }

    @Test
    void twoPreloadsFortySecondsApartStayBackground() {
        StateClassifier c = new StateClassifier();
        c.onBin(0, Category.PUSH, 300, 100);
        c.onBin(10 * SECOND, Category.VIDEO, 500_000, 5_000);
        c.onBin(50 * SECOND, Category.VIDEO, 700_000, 5_000);
        c.onBin(120 * SECOND, Category.TELEMETRY, 500, 4_000);
        c.finish(180 * SECOND);
        assertEquals(1, c.intervals().size(), describe(c.intervals()));
        assertEquals(AppState.BACKGROUND, c.intervals().get(0).state());
    }

    @Test
    void aLoneFetchLongAfterTheLastSwipeIsLeftInTheBackground() {
        StateClassifier c = new StateClassifier();
        for (int s = 0; s <= 40; s += 10) {
            c.onBin(s * SECOND, Category.VIDEO, 1_500_000, 10_000);
            c.onBin(s * SECOND, Category.IMAGE, 50_000, 2_000);
        }
        c.onBin(80 * SECOND, Category.VIDEO, 700_000, 5_000); // a pre-load 39 s after the last swipe
        c.onBin(100 * SECOND, Category.TELEMETRY, 500, 4_000);
        assertEquals(AppState.FOREGROUND, c.state(), "the pre-load has not yet been alone for 22 s");
        c.onBin(120 * SECOND, Category.TELEMETRY, 500, 4_000);
        assertEquals(AppState.BACKGROUND, c.state(), "alone for 39 s, and a minute since the last swipe");
        assertEquals(41 * SECOND, c.current().startNanos(), describe(c.intervals()));
        c.finish(150 * SECOND);
        List<StateInterval> intervals = c.intervals();
        assertEquals(2, intervals.size(), describe(intervals));
        assertTrue(intervals.get(1).reason().startsWith("left foreground: no video, image or API traffic for 1 min 19 s"
                + " (1 min 0 s needed) but one lone fetch (705 kB video, 0 B API, no images), more than 22 s from any"
                + " other activity on either side"), intervals.get(1).reason());
        assertTrue(intervals.get(1).reason().contains("1 lone video download (705 kB)"), intervals.get(1).reason());
        assertTrue(intervals.get(0).reason().contains("5 video downloads (7.55 MB)"), intervals.get(0).reason());
    }

    /**
     * A pre-load (or an API sync) between two sessions less than a minute from each of them: the quiet
     * minute does not count it, so the first session ends at its last swipe and the second enters anew.
     */
    @Test
    void aLoneFetchBetweenTwoSessionsEndsTheFirst() {
        for (Category fetch : new Category[] {Category.VIDEO, Category.API}) {
            StateClassifier c = new StateClassifier();
            for (int s = 0; s <= 40; s += 10) {
                c.onBin(s * SECOND, Category.VIDEO, 1_500_000, 10_000);
                c.onBin(s * SECOND, Category.IMAGE, 50_000, 2_000);
            }
            // 55 s after the last swipe, 57 s before the next session
            c.onBin(96 * SECOND, fetch, fetch == Category.VIDEO ? 370_000 : 23_000, 4_000);
            for (int s = 154; s <= 184; s += 10) {
                c.onBin(s * SECOND, Category.VIDEO, 1_500_000, 10_000);
                c.onBin(s * SECOND, Category.IMAGE, 50_000, 2_000);
            }
            c.finish(200 * SECOND);
            List<StateInterval> intervals = c.intervals();
            assertEquals(List.of(AppState.FOREGROUND, AppState.BACKGROUND, AppState.FOREGROUND),
                    intervals.stream().map(StateInterval::state).collect(Collectors.toList()), fetch + describe(intervals));
            assertEquals(41 * SECOND, intervals.get(1).startNanos(), describe(intervals));
            assertEquals(154 * SECOND, intervals.get(2).startNanos(), describe(intervals));
            assertTrue(intervals.get(1).reason().contains("but one lone fetch ("
                    + (fetch == Category.VIDEO ? "374 kB video, 0 B API" : "0 B video, 27.0 kB API") + ", no images)"),
                    intervals.get(1).reason());
            assertTrue(intervals.get(2).reason().startsWith("2 video downloads"), intervals.get(2).reason());
        }
    }

    /**
     * What still holds foreground between two long looks: a swipe (a video with its cover, or larger than a
     * pre-load), or a bare small video when the looks around it add up to less than the quiet minute.
     */
    @Test
    void aSwipeBetweenTwoLongLooksStaysForeground() {
        long[][] fetches = {{700_000, 40_000}, {1_500_000, 0}};
        for (long[] f : fetches) {
            StateClassifier c = new StateClassifier();
            for (int s = 0; s <= 40; s += 10) {
                c.onBin(s * SECOND, Category.VIDEO, 1_500_000, 10_000);
            }
            c.onBin(76 * SECOND, Category.VIDEO, f[0], 5_000); // 35 s after the last swipe, 35 s before the next
            if (f[1] > 0) {
                c.onBin(76 * SECOND, Category.IMAGE, f[1], 2_000);
            }
            c.onBin(112 * SECOND, Category.VIDEO, 1_500_000, 10_000);
            c.finish(130 * SECOND);
            assertEquals(1, c.intervals().size(), describe(c.intervals()));
            assertEquals(AppState.FOREGROUND, c.intervals().get(0).state());
        }
        StateClassifier bare = new StateClassifier();
        for (int s = 0; s <= 40; s += 10) {
            bare.onBin(s * SECOND, Category.VIDEO, 1_500_000, 10_000);
        }
        bare.onBin(70 * SECOND, Category.VIDEO, 700_000, 5_000); // alone, but 29 s + 28 s is less than a minute
        bare.onBin(99 * SECOND, Category.VIDEO, 1_500_000, 10_000);
        bare.finish(120 * SECOND);
        assertEquals(1, bare.intervals().size(), describe(bare.intervals()));
        assertEquals(AppState.FOREGROUND, bare.intervals().get(0).state());
    }

    /**
     * A session of one video in the middle of a capture: larger than a pre-load and with its covers, no
     * second download within 45 s. Foreground from the download to its last activity, with low confidence.
     */
    @Test
    void aLargeLoneDownloadWithCoversIsASessionOfOneVideo() {
        StateClassifier c = new StateClassifier();
        c.onBin(0, Category.PUSH, 300, 100);
        c.onBin(100 * SECOND, Category.VIDEO, 1_400_000, 10_000);
        c.onBin(101 * SECOND, Category.VIDEO, 800_000, 10_000);
        c.onBin(101 * SECOND, Category.IMAGE, 200_000, 3_000);
        c.onBin(130 * SECOND, Category.TELEMETRY, 500, 4_000);
        assertEquals(AppState.BACKGROUND, c.state(), "a second download may still come");
        c.onBin(146 * SECOND, Category.TELEMETRY, 500, 4_000);
        assertEquals(AppState.FOREGROUND, c.state());
        assertEquals(100 * SECOND, c.current().startNanos(), describe(c.intervals()));
        c.onBin(170 * SECOND, Category.TELEMETRY, 500, 4_000);
        c.finish(300 * SECOND);
        List<StateInterval> intervals = c.intervals();
        assertEquals(List.of(AppState.BACKGROUND, AppState.FOREGROUND, AppState.BACKGROUND),
                intervals.stream().map(StateInterval::state).collect(Collectors.toList()), describe(intervals));
        StateInterval fg = intervals.get(1);
        assertEquals(102 * SECOND, fg.endNanos(), "ends at the download's last activity: " + describe(intervals));
        assertEquals(StateClassifier.CENSORED_CONFIDENCE, fg.confidence(), 1e-9);
        assertTrue(fg.reason().startsWith("a video download of 2.22 MB, larger than a pre-load, with covers or API calls"
                + " around it and no second download within 45 s: a session of one video"), fg.reason());
        assertSensibleReason(fg);
    }

    /** A lone download lacking either sign of a swipe stays background in the middle of a capture. */
    @Test
    void aLoneDownloadWithoutBothSignsOfASwipeStaysBackground() {
        // larger than a pre-load but bare: what the claims check reports as video in the background
        StateClassifier bare = new StateClassifier();
        bare.onBin(0, Category.PUSH, 300, 100);
        bare.onBin(100 * SECOND, Category.VIDEO, 2_200_000, 10_000);
        bare.onBin(200 * SECOND, Category.TELEMETRY, 500, 4_000);
        bare.finish(300 * SECOND);
        assertEquals(1, bare.intervals().size(), describe(bare.intervals()));
        assertEquals(AppState.BACKGROUND, bare.intervals().get(0).state());
        // covers beside it, but of a pre-load's size
        StateClassifier small = new StateClassifier();
        small.onBin(0, Category.PUSH, 300, 100);
        small.onBin(100 * SECOND, Category.VIDEO, 900_000, 10_000);
        small.onBin(101 * SECOND, Category.IMAGE, 200_000, 3_000);
        small.onBin(200 * SECOND, Category.TELEMETRY, 500, 4_000);
        small.finish(300 * SECOND);
        assertEquals(1, small.intervals().size(), describe(small.intervals()));
        assertEquals(AppState.BACKGROUND, small.intervals().get(0).state());
    }

    @Test
    void aLastSwipeAfterALongLookStaysForeground() {
        StateClassifier c = new StateClassifier();
        for (int s = 0; s <= 40; s += 10) {
            c.onBin(s * SECOND, Category.VIDEO, 1_500_000, 10_000);
        }
        c.onBin(80 * SECOND, Category.VIDEO, 700_000, 5_000); // with its cover: a swipe
        c.onBin(80 * SECOND, Category.IMAGE, 40_000, 2_000);
        c.onBin(150 * SECOND, Category.TELEMETRY, 500, 4_000);
        assertEquals(AppState.BACKGROUND, c.state());
        assertEquals(81 * SECOND, c.current().startNanos(), describe(c.intervals()));
    }

    private static void assertStateBetween(List<StateInterval> intervals, AppState state, int fromSeconds,
            int toSeconds) {
        for (int s = fromSeconds; s < toSeconds; s++) {
            long t = s * SECOND;
            StateInterval at = intervals.stream().filter(i -> i.startNanos() <= t && t < i.endNanos()).findFirst()
                    .orElseThrow(() -> new AssertionError("no interval at " + t + ": " + describe(intervals)));
            assertEquals(state, at.state(), "at " + s + " s: " + describe(intervals));
        }
    }

    private static void assertNear(int trueSeconds, long nanos, List<StateInterval> intervals) {
        assertTrue(Math.abs(nanos - nanos(trueSeconds)) <= 60 * SECOND,
                "boundary " + nanos / 1e9 + " s, truth " + trueSeconds + " s: " + describe(intervals));
    }

    private static void assertSensibleReason(StateInterval interval) {
        assertTrue(DOWNLOADS.matcher(interval.reason()).find(), interval.reason());
        assertTrue(VOLUME.matcher(interval.reason()).find(), interval.reason());
        assertTrue(interval.confidence() >= 0 && interval.confidence() <= 1, interval.toString());
    }

    private static String describe(List<StateInterval> intervals) {
        StringBuilder sb = new StringBuilder();
        for (StateInterval i : intervals) {
            sb.append(String.format("%n  %s %.0f-%.0f s (%.2f) %s", i.state().label(), i.startNanos() / 1e9,
                    i.endNanos() / 1e9, i.confidence(), i.reason()));
        }
        return sb.toString();
    }
}
