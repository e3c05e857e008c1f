package org.toktrace.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toktrace.classify.DeviceTraffic.S;
import static org.toktrace.classify.DeviceTraffic.at;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.model.AppState;
import org.toktrace.model.Category;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.StateInterval;

/** The state model on hand-written traffic of one device: where boundaries fall, and what each state says. */
class StateClassifierTest {
    private final StateClassifier classifier = new StateClassifier();

    private List<StateInterval> classify(DeviceTraffic t, double endSeconds) {
        List<StateInterval> l = classifier.classify(t.flows(), S, at(endSeconds));
        for (int i = 1; i < l.size(); i++) {
            assertEquals(l.get(i - 1).endNanos(), l.get(i).startNanos(), "contiguous: " + l);
            assertTrue(l.get(i - 1).state() != l.get(i).state(), "neighbours differ: " + l);
        }
        assertEquals(at(endSeconds), l.get(l.size() - 1).endNanos());
        return l;
    }

    private static AppState stateAt(List<StateInterval> l, double seconds) {
        return new DeviceStates(Device.Id.of(1, null), l, 0, 0, 0, 0).stateAt(DeviceTraffic.at(seconds));
    }

    @Test
    void aSessionStartsWithItsFirstDownloadAndEndsWithItsLastViewingEvidence() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 100, 40).scrolling(100, 220, 8).minimized(230, 900, 40);
        List<StateInterval> l = classify(t, 900);
        StateInterval fg = l.stream().filter(i -> i.state() == AppState.FOREGROUND).findFirst().orElseThrow();
        assertEquals(1, l.stream().filter(i -> i.state() == AppState.FOREGROUND).count(), l.toString());
        assertEquals(at(100), fg.startNanos(), "the first bin of the first video is on screen");
        // the last swipe at 212 s: its video fills 212-213, its covers and call 213
        assertEquals(at(214), fg.endNanos(), "no minute of quiet: the end of the last viewing evidence");
        assertTrue(fg.confidence() > 0.9, fg.toString());
        assertTrue(fg.reason().startsWith("on screen: 15 viewing downloads"), fg.reason());
        assertTrue(stateAt(l, 50).isBackground() && stateAt(l, 600).isBackground());
        assertEquals(AppState.MINIMIZED, stateAt(l, 600), "pings go on every 40 s: the app still runs\n" + l);
    }

    @Test
    void postsAloneAtTheStartOfABackgroundCaptureStayBackground() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 600, 40).scrolling(600, 700, 8);
        List<StateInterval> l = classify(t, 800);
        assertTrue(stateAt(l, 30).isBackground() && stateAt(l, 300).isBackground(), l.toString());
        assertEquals(at(600), l.stream().filter(i -> i.state() == AppState.FOREGROUND).findFirst().orElseThrow().startNanos());
    }

    /** A lone first chunk after leaving is a pre-load, however soon after the session it comes. */
    @ParameterizedTest
    @ValueSource(ints = {5, 16, 30, 60, 300})
    void aPreloadAfterLeavingStaysBackground(int delay) {
        DeviceTraffic t = new DeviceTraffic().scrolling(0, 180, 9).minimized(182, 900, 40);
        double left = 172 + 2 + 1; // the last swipe at 171 s: video 171-172, covers and call at 172
        t.add(Category.VIDEO, left + delay, 1, 700_000);
        List<StateInterval> l = classify(t, 900);
        assertEquals(AppState.FOREGROUND, stateAt(l, 100));
        assertTrue(stateAt(l, left + delay).isBackground(), "the pre-load " + delay + " s after leaving: " + l);
        StateInterval bg = l.stream().filter(i -> i.state() != AppState.FOREGROUND && i.startNanos() >= at(170))
                .findFirst().orElseThrow();
        assertTrue(bg.reason().contains("1 lone video download of 700 kB (a pre-load"), bg.reason());
    }

    /**
     * The app may keep the connection of the last video it played and fetch the pre-load over it:
     * a download on a connection idle for longer than any pause of a playing video is a new fetch,
     * not the rest of that video.
     */
    @ParameterizedTest
    @ValueSource(ints = {40, 60, 300})
    void aPreloadOverTheLastVideosConnectionStaysBackground(int delay) {
        DeviceTraffic t = new DeviceTraffic().scrolling(0, 171, 9).minimized(182, 900, 40);
        // the last swipe at 171 s: its video over a connection that stays open, covers and a call at 172
        t.chunks(Category.VIDEO, 171, 4 + delay, 2, 900_000);
        t.add(Category.IMAGE, 172, 1, 60_000).add(Category.API, 172, 1, 8_000);
        double preload = 175 + delay;
        List<StateInterval> l = classify(t, 900);
        assertEquals(AppState.FOREGROUND, stateAt(l, 171.5), l.toString());
        assertTrue(stateAt(l, preload).isBackground(), "the pre-load " + delay + " s after leaving: " + l);
        assertEquals(1, l.stream().filter(i -> i.state() == AppState.FOREGROUND).count(), l.toString());
    }

    /** The first seconds of a video may come in a few ranges over one connection: still one pre-load. */
    @ParameterizedTest
    @ValueSource(ints = {5, 30, 120})
    void aPreloadFetchedInThreeRangesStaysBackground(int delay) {
        DeviceTraffic t = new DeviceTraffic().scrolling(0, 180, 9).minimized(182, 900, 40);
        double preload = 175 + delay;
        t.chunks(Category.VIDEO, preload, 3, 3, 400_000);
        List<StateInterval> l = classify(t, 900);
        assertTrue(stateAt(l, preload).isBackground() && stateAt(l, preload + 6).isBackground(), l.toString());
        assertEquals(1, l.stream().filter(i -> i.state() == AppState.FOREGROUND).count(), l.toString());
    }

    /**
     * A minimized app that posts as often as a viewing one (here every 5 s, faster than the
     * documented 20-300 s): no look lasts past two minutes without a video, so the screen ends there
     * at the latest, and the rest is background.
     */
    @ParameterizedTest
    @ValueSource(ints = {5, 10})
    void postsAsOftenAsOnScreenDoNotHoldTheScreenPastTheLongestLook(int every) {
        DeviceTraffic t = new DeviceTraffic().scrolling(0, 180, 9).minimized(182, 900, every);
        List<StateInterval> l = classify(t, 900);
        StateInterval fg = l.stream().filter(i -> i.state() == AppState.FOREGROUND).findFirst().orElseThrow();
        assertTrue(fg.endNanos() <= at(172 + Evidence.LONGEST_LOOK_SECONDS + 5), l.toString());
        assertTrue(stateAt(l, 400).isBackground() && stateAt(l, 850).isBackground(), l.toString());
    }

    @Test
    void aLoneDownloadBetweenSwipesStaysOnScreen() {
        DeviceTraffic t = new DeviceTraffic().scrolling(0, 60, 10).minimized(200, 600, 40);
        t.add(Category.VIDEO, 65, 1, 700_000); // a swipe without covers or calls
        t.scrolling(75, 120, 10);
        List<StateInterval> l = classify(t, 600);
        assertEquals(AppState.FOREGROUND, stateAt(l, 65), l.toString());
        assertEquals(1, l.stream().filter(i -> i.state() == AppState.FOREGROUND).count(), l.toString());
    }

    @Test
    void aVideoLargerThanAnyPreloadRightAfterTheLastSwipeIsOnScreen() {
        DeviceTraffic t = new DeviceTraffic().scrolling(0, 90, 10).minimized(120, 600, 40);
        t.add(Category.VIDEO, 100, 2, 3_000_000);
        List<StateInterval> l = classify(t, 600);
        assertEquals(AppState.FOREGROUND, stateAt(l, 100), l.toString());
        assertTrue(stateAt(l, 110).isBackground(), l.toString());
    }

    /**
     * A session that opens on one whole video, larger than any pre-load and without covers or calls,
     * watched for a quarter of a minute before the first swipe: the screen starts with that video.
     */
    @Test
    void aSessionOpeningOnOneVideoLargerThanAnyPreloadStartsWithIt() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 300, 40);
        t.add(Category.VIDEO, 300, 2, 2_500_000);
        t.scrolling(316, 400, 8).minimized(405, 900, 40);
        List<StateInterval> l = classify(t, 900);
        StateInterval fg = l.stream().filter(i -> i.state() == AppState.FOREGROUND).findFirst().orElseThrow();
        assertEquals(at(300), fg.startNanos(), l.toString());
        assertEquals(1, l.stream().filter(i -> i.state() == AppState.FOREGROUND).count(), l.toString());
    }

    @Test
    void aLongViewOfOneVideoFetchedAsItPlaysStaysOnScreen() {
        // the app opens (feed calls, covers), one 90 s video plays, its chunks fetched every 10 s
        DeviceTraffic t = new DeviceTraffic().minimized(0, 300, 40);
        t.add(Category.API, 300, 1, 20_000).add(Category.IMAGE, 300, 1, 120_000);
        t.chunks(Category.VIDEO, 301, 10, 8, 700_000);
        t.minimized(392, 900, 40);
        List<StateInterval> l = classify(t, 900);
        List<StateInterval> fg = l.stream().filter(i -> i.state() == AppState.FOREGROUND).toList();
        assertEquals(1, fg.size(), l.toString());
        assertEquals(at(300), fg.get(0).startNanos());
        assertEquals(at(372), fg.get(0).endNanos(), l.toString());
    }

    /**
     * A long look (60-120 s) at a short video that loops: nothing to fetch, only the telemetry of the
     * screen, between two runs of swipes. One state for every look would make 100 s of quiet less
     * likely on screen than a short absence.
     */
    @Test
    void aLongLookBetweenSwipesStaysOnScreen() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 200, 60).scrolling(200, 320, 8);
        t.minimized(325, 420, 15); // a post every 15 s on screen: the look's telemetry
        t.scrolling(425, 540, 8).minimized(545, 1200, 60);
        List<StateInterval> l = classify(t, 1200);
        assertEquals(AppState.FOREGROUND, stateAt(l, 370), l.toString());
        assertEquals(1, l.stream().filter(i -> i.state() == AppState.FOREGROUND).count(), l.toString());
        assertTrue(stateAt(l, 800).isBackground(), l.toString());
    }

    /** The same quiet with the pings of a minimized app (one a minute) between two sessions is an absence. */
    @Test
    void anAbsenceWithTheDevicesBackgroundPingsIsNoLook() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 200, 60).scrolling(200, 320, 8).minimized(325, 420, 15);
        t.scrolling(425, 540, 8).minimized(545, 1200, 60);
        t.minimized(1200, 1500, 60).scrolling(1500, 1600, 8).minimized(1605, 1800, 60).scrolling(1800, 1900, 8);
        t.minimized(1905, 2400, 60);
        List<StateInterval> l = classify(t, 2400);
        assertEquals(AppState.FOREGROUND, stateAt(l, 370), l.toString());
        assertTrue(stateAt(l, 1700).isBackground(), "three minutes at the device's background cadence: " + l);
    }

    /**
     * A phone whose app posts every 10 s on screen: fifty seconds without a post between two sessions
     * is an absence, however likely a long look is after a swipe.
     */
    @Test
    void aSilenceFarPastTheDevicesTelemetryClockIsAnAbsence() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 200, 60).scrolling(200, 320, 8).minimized(200, 320, 10);
        t.scrolling(372, 480, 8).minimized(372, 480, 10).minimized(485, 1000, 60);
        List<StateInterval> l = classify(t, 1000);
        assertTrue(stateAt(l, 345).isBackground(), l.toString());
        assertEquals(2, l.stream().filter(i -> i.state() == AppState.FOREGROUND).count(), l.toString());
    }

    /**
     * Calls, a post and covers of the app opening, leading up to its first video without a pause, are
     * on screen; a call half a minute earlier is the background's own.
     */
    @Test
    void theAppOpeningBeforeItsFirstVideoIsOnScreen() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 270, 60).add(Category.API, 272, 1, 12_000);
        t.add(Category.API, 300, 1, 20_000).add(Category.OTHER, 302, 1, 3_000).add(Category.IMAGE, 304, 1, 80_000);
        t.scrolling(306, 400, 8).minimized(405, 900, 60);
        List<StateInterval> l = classify(t, 900);
        StateInterval fg = l.stream().filter(i -> i.state() == AppState.FOREGROUND).findFirst().orElseThrow();
        assertEquals(at(300), fg.startNanos(), l.toString());
    }

    @Test
    void aLiveStreamIsOnScreen() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 300, 40);
        t.add(Category.LIVE, 300, 120, 30_000_000);
        t.minimized(420, 800, 40);
        List<StateInterval> l = classify(t, 800);
        assertEquals(AppState.FOREGROUND, stateAt(l, 360), l.toString());
        StateInterval fg = l.stream().filter(i -> i.state() == AppState.FOREGROUND).findFirst().orElseThrow();
        assertTrue(fg.reason().contains("video streaming for 1 min"), fg.reason());
    }

    @Test
    void apiCallsAloneAreNoSession() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 900, 40);
        for (int s = 100; s < 900; s += 120) {
            t.add(Category.API, s, 1, 12_000); // account sync
        }
        List<StateInterval> l = classify(t, 900);
        assertTrue(l.stream().noneMatch(i -> i.state() == AppState.FOREGROUND), l.toString());
    }

    @Test
    void minimizedThenClosedShowsBoth() {
        DeviceTraffic t = new DeviceTraffic().scrolling(0, 120, 9);
        // the app's own long-lived connection, open from the start until the close at 400 s
        t.add(Category.API, 5, 1, 4_000, FlowEnd.RST, 394);
        t.minimized(125, 400, 30);
        t.keepalives(400, 1500);
        List<StateInterval> l = classify(t, 1500);
        assertEquals(AppState.MINIMIZED, stateAt(l, 300), l.toString());
        assertEquals(AppState.CLOSED, stateAt(l, 1000), l.toString());
        StateInterval closed = l.stream().filter(i -> i.state() == AppState.CLOSED).findFirst().orElseThrow();
        assertTrue(Math.abs(closed.startNanos() - at(400)) <= 30 * S, closed.toString());
        assertTrue(closed.reason().startsWith("closed: no viewing download, the app's own connections torn down"),
                closed.reason());
    }

    /**
     * Swiping the app away closes every connection it holds in the same second: covers, calls and
     * posts each end with a FIN of a hundred bytes or two, together more than a post, and no sign of
     * the screen.
     */
    @Test
    void theConnectionsClosingTogetherAreNoReturnToTheScreen() {
        DeviceTraffic t = new DeviceTraffic().scrolling(0, 120, 5);
        t.add(Category.API, 5, 1, 4_000, FlowEnd.RST, 135); // the app's own long-lived connection
        for (int k = 0; k < 3; k++) {
            t.keptOpen(Category.IMAGE, 100 + 5 * k, 60_000, 140, 280);
            t.keptOpen(Category.API, 101 + 5 * k, 12_000, 140, 340);
            t.keptOpen(Category.TELEMETRY, 102 + 5 * k, 3_000, 140, 300);
        }
        t.keepalives(140, 400);
        Evidence e = Evidence.of(t.flows(), S, at(400));
        int close = (int) (at(140) / S - e.firstStep);
        for (int event : new int[] {Evidence.IMAGE, Evidence.API, Evidence.CHATTER}) {
            assertFalse(e.has(close, event), "no cover, call or post in the closing second: event " + event);
        }
        assertTrue(e.has(close, Evidence.TEARDOWN) || e.has(close + 1, Evidence.TEARDOWN), "the long-lived connection's close");
        List<StateInterval> l = classify(t, 400);
        for (double s : new double[] {130, 139, 140, 141}) {
            assertTrue(stateAt(l, s).isBackground(), s + " s\n" + l);
        }
        assertEquals(1, l.stream().filter(i -> i.state() == AppState.FOREGROUND).count(), l.toString());
        assertEquals(AppState.CLOSED, stateAt(l, 300), l.toString());
    }

    /**
     * A capture stopped a fraction of a second after the last download (a live capture's stop, bins on
     * a whole-second grid) ends on screen; one that runs a whole step past it ends in background.
     */
    @Test
    void aCaptureCutWithinAStepOfTheLastDownloadEndsOnScreen() {
        DeviceTraffic t = new DeviceTraffic().minimized(0, 60, 20).scrolling(60, 100, 8); // the last download ends at 94 s
        for (double end : new double[] {94.025, 94.6}) {
            List<StateInterval> l = classify(t, end);
            StateInterval last = l.get(l.size() - 1);
            assertEquals(AppState.FOREGROUND, last.state(), end + " s\n" + l);
            assertTrue(last.reason().endsWith("the capture ends on screen"), last.reason());
        }
        List<StateInterval> l = classify(t, 95.025);
        assertTrue(l.get(l.size() - 1).state().isBackground(), l.toString());
        assertEquals(at(94), l.get(l.size() - 1).startNanos(), l.toString());
    }

    @Test
    void aShortAbsenceCannotTellMinimizedFromClosed() {
        DeviceTraffic t = new DeviceTraffic().scrolling(0, 100, 9).keepalives(100, 190).scrolling(190, 280, 9);
        List<StateInterval> l = classify(t, 300);
        StateInterval gap = l.stream().filter(i -> i.state() != AppState.FOREGROUND).findFirst().orElseThrow();
        assertEquals(AppState.BACKGROUND, gap.state(), l.toString());
        assertTrue(gap.reason().contains("too short to see whether the app's own traffic goes on"), gap.reason());
    }

    @Test
    void theStepGrowsWithTheSpanSoTheDecodingStaysBounded() {
        assertEquals(S, StateClassifier.stepNanos(S, 0, 3600 * S));
        assertEquals(S, StateClassifier.stepNanos(S / 10, 0, 3600 * S), "bins under a second are decoded a second at a time");
        long month = 30L * 86_400 * S;
        long step = StateClassifier.stepNanos(S, 0, month);
        assertTrue(month / step < StateClassifier.MAX_STEPS && step % S == 0, step + " ns");
    }
}
