package org.toktrace.classify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The named thresholds of the {@link StateClassifier}; {@link #defaults()} derives them from how
 * the app's traffic looks, not from one capture.
 *
 * <p>Foreground scrolling fetches one video of 0.5 to 4 MB every 5 to 20 s at 10 to 25 Mbit/s, so
 * each video arrives as a burst of 1 to 3 s. Background traffic is push keepalives of a few hundred
 * bytes and telemetry posts every 30 to 90 s, plus now and then one pre-load of 200 kB to 1 MB.
 * What tells the two apart is therefore not the size of one burst (a pre-load and a small video look
 * alike) but their repetition: foreground needs several video bursts close together, or a sustained
 * stream; background never has more than a lone one.
 *
 * @param bin                    width of a time bin; the classifier counts in whole bins. 1 s: well
 *                               below the length of a video burst and of the gaps between them.
 * @param burstGap               video bins closer than this belong to one burst. 2 s: a video
 *                               download at 10-25 Mbit/s has no pause that long inside it, while
 *                               successive videos while scrolling are 5 s or more apart.
 * @param minBurstBytes          a burst at least this large counts as a video download. 300 kB: the
 *                               first seconds of a short video; thumbnails and manifests stay below.
 * @param enterBursts            this many counted bursts within {@link #enterWindow} enter
 *                               foreground. 2: a lone burst (a pre-load) does not, two in quick
 *                               succession is a user scrolling; a lone one enters only with both
 *                               signs of a swipe, larger than {@link #preloadMaxBytes} and with
 *                               covers or API calls beside it (a session of one video, low confidence).
 * @param enterWindow            the look-back over which bursts are counted. 45 s: covers two videos
 *                               even at the slow end of scrolling (20 s apart) with margin, while
 *                               pre-loads come one at a time and minutes apart, so two of them
 *                               inside 45 s are rare; telemetry every 30-90 s carries no video.
 * @param sustainWindow          the look-back of the sustained-stream rule, for live streams and
 *                               long videos whose downloads merge into one long burst. 20 s.
 * @param sustainBytesPerSecond  video/image/live volume per second over {@link #sustainWindow} that
 *                               counts as streaming. 50 kB/s (400 kbit/s): the lowest bitrate a
 *                               watchable stream uses.
 * @param sustainActiveFraction  share of the bins of {@link #sustainWindow} that must carry
 *                               video/image/live bytes, so one big burst (a lone pre-load of 1 MB
 *                               is 1-3 bins out of 20) never passes as a stream. 0.5.
 * @param activityBytesPerSecond video, image, live or API volume per second that makes a bin count
 *                               as the app being used. 10 kB/s: far above keepalives and telemetry,
 *                               which never count anyway, and below any image or API page.
 * @param quiet                  foreground ends after this long without an active bin; the interval
 *                               is then cut at the last activity, so this only delays the decision.
 *                               60 s: longer than a 30 s pause on one video (most are under a
 *                               minute, and the app fetches the next ones while one plays). Only
 *                               bursts after the last change count towards entering again, so
 *                               leaving never re-enters on the same evidence.
 * @param preloadMaxBytes        a counted burst no larger than this can be a pre-load (the first
 *                               seconds of one video, DESIGN.md section 5). 1.1 MB: the largest
 *                               pre-load the issue describes is 1 MB of content, and the classifier
 *                               counts IP bytes both ways (headers, TLS records, ACKs add 5-10 %);
 *                               a whole video is usually larger (0.5 to 4 MB). 0 turns the rule of
 *                               {@code preloadGap} off.
 * @param preloadGap             a leading counted burst of pre-load size, with no image or API
 *                               activity within {@code burstGap} of it, whose successor starts more
 *                               than this later came alone, as a pre-load does, not in the cadence of
 *                               scrolling: it neither counts towards entering nor dates the entry.
 *                               22 s: the slowest swipe cadence (a video every 5-20 s) plus a bin
 *                               of rounding and a second of margin. A first video the user then
 *                               looks at for longer, when it also came alone and small, is taken
 *                               for a pre-load and the session starts at the next one (decision
 *                               record 0011 weighs this against a pre-load just before the app is
 *                               opened, which looks the same and is the likelier of the two).
 */
public record StateThresholds(
        Duration bin,
        Duration burstGap,
        long minBurstBytes,
        int enterBursts,
        Duration enterWindow,
        Duration sustainWindow,
        long sustainBytesPerSecond,
        double sustainActiveFraction,
        long activityBytesPerSecond,
        Duration quiet,
        long preloadMaxBytes,
        Duration preloadGap) {

    /** The longest look-back accepted, so one classifier never keeps more than a few thousand bins. */
    public static final Duration MAX_LOOK_BACK = Duration.ofMinutes(10);

    public StateThresholds {
        Objects.requireNonNull(bin, "bin");
        Objects.requireNonNull(burstGap, "burstGap");
        Objects.requireNonNull(enterWindow, "enterWindow");
        Objects.requireNonNull(sustainWindow, "sustainWindow");
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(preloadGap, "preloadGap");
        if (bin.isNegative() || bin.isZero()) {
            throw new IllegalArgumentException("bin width must be positive");
        }
        for (Duration d : new Duration[] {burstGap, enterWindow, sustainWindow, quiet, preloadGap}) {
            if (d.compareTo(bin) < 0 || d.compareTo(MAX_LOOK_BACK) > 0) {
                throw new IllegalArgumentException("windows lie between one bin and " + MAX_LOOK_BACK + ": " + d);
            }
        }
        if (MAX_LOOK_BACK.toNanos() / bin.toNanos() > 100_000) {
            throw new IllegalArgumentException("bin too narrow for the look-back: " + bin);
        }
        if (minBurstBytes <= 0 || enterBursts < 1 || sustainBytesPerSecond <= 0 || activityBytesPerSecond <= 0
                || preloadMaxBytes < 0) {
            throw new IllegalArgumentException("byte and count thresholds must be positive");
        }
        if (!(sustainActiveFraction > 0 && sustainActiveFraction <= 1)) {
            throw new IllegalArgumentException("sustainActiveFraction outside (0, 1]");
        }
    }

    /** The thresholds argued for above. */
    public static StateThresholds defaults() {
        return new StateThresholds(Duration.ofSeconds(1), Duration.ofSeconds(2), 300_000, 2, Duration.ofSeconds(45),
                Duration.ofSeconds(20), 50_000, 0.5, 10_000, Duration.ofSeconds(60), 1_100_000, Duration.ofSeconds(22));
    }

    /**
     * The {@link #defaults()} with {@code bin} as the bin (the classifier counts in the same bins as
     * the flows), windows shorter than one bin widened to it; empty when the bin lies outside what the
     * classifier accepts (narrower than a few ms, or longer than its look-back).
     */
    public static Optional<StateThresholds> forBin(Duration bin) {
        StateThresholds d = defaults();
        try {
            return Optional.of(new StateThresholds(bin, atLeast(d.burstGap(), bin), d.minBurstBytes(),
                    d.enterBursts(), atLeast(d.enterWindow(), bin), atLeast(d.sustainWindow(), bin),
                    d.sustainBytesPerSecond(), d.sustainActiveFraction(), d.activityBytesPerSecond(), atLeast(d.quiet(), bin),
                    d.preloadMaxBytes(), atLeast(d.preloadGap(), bin)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Duration atLeast(Duration d, Duration min) {
        return d.compareTo(min) < 0 ? min : d;
    }

    /** The look-back the classifier keeps: the longest of its windows. */
    public Duration lookBack() {
        Duration d = enterWindow;
        d = sustainWindow.compareTo(d) > 0 ? sustainWindow : d;
        return quiet.compareTo(d) > 0 ? quiet : d;
    }
}
