package org.toktrace.testkit.traffic;

/**
 * How the users of a {@link Scenario} behave beyond its basic rhythm: whether a background period is
 * the app closed (keepalives only) rather than minimized, which phones hide their lookups (Android's
 * Private DNS), long looks at one video, how often and how large the pre-loads are, and other apps'
 * video while TikTok sits in the background. {@link #STANDARD} is the generator's original behaviour
 * and draws no extra random numbers, so existing scenarios keep their bytes.
 *
 * @param closedShare      share of background periods in which the app is closed: no telemetry, API
 *                         or pre-load, only the push connection's keepalives
 * @param privateDnsPhones the first this many phones resolve over DNS-over-TLS: the capture holds no
 *                         lookup of theirs, so their flows are named by SNI alone
 * @param pauseShare       share of swipes after which the user stays on the video for
 *                         [{@code pauseMinSeconds}, {@code pauseMaxSeconds}) instead of 5-20 s
 * @param preloadPercent   chance in percent that a background tick of a minimized app is a pre-load
 *                         (the original behaviour: 6)
 * @param preloadMaxBytes  a pre-load is 200 kB up to this (the original: 600 kB)
 * @param quicPreloads     pre-loads go over QUIC as often as videos do (the original: always TCP)
 * @param otherVideoShare  chance per background tick that the user watches another app's video
 *                         (several MB from a non-TikTok CDN) while TikTok is in the background
 * @param leavingEvent     when the user leaves the app, it posts one telemetry event at once ("went to
 *                         background") and its regular background ticks begin 20-90 s later; the
 *                         original behaviour ran a regular tick (possibly a pre-load) at the very
 *                         instant of leaving, which no app schedules that way
 */
public record Habits(double closedShare, int privateDnsPhones, double pauseShare, double pauseMinSeconds,
        double pauseMaxSeconds, int preloadPercent, long preloadMaxBytes, boolean quicPreloads,
        double otherVideoShare, boolean leavingEvent) {

    /** The generator's original behaviour. */
    public static final Habits STANDARD = new Habits(0, 0, 0, 20, 45, 6, 600_000, false, 0, false);

    public Habits {
        if (closedShare < 0 || closedShare > 1 || pauseShare < 0 || pauseShare > 1 || otherVideoShare < 0
                || otherVideoShare > 1) {
            throw new IllegalArgumentException("shares lie in [0, 1]");
        }
        if (privateDnsPhones < 0 || pauseMinSeconds <= 0 || pauseMaxSeconds < pauseMinSeconds) {
            throw new IllegalArgumentException("bad private-DNS count or pause range");
        }
        if (preloadPercent < 0 || preloadPercent > 40 || preloadMaxBytes < 200_000) {
            throw new IllegalArgumentException("pre-loads: 0-40 % of ticks, at least 200 kB");
        }
    }
}
