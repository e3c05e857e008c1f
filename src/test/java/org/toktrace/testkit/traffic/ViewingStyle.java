package org.toktrace.testkit.traffic;

/**
 * How one kind of user and app behave, as the knobs of docs/traffic-behaviour.md: {@link WideScenarios}
 * draws one per scenario from the documented ranges, hand-written plans use {@link UsagePlans#STYLE}.
 * {@link ViewingBehaviour} reads the shares and periods below while it runs a plan; {@code liveShare}
 * and {@code closeShare} shape the plan itself and only {@link WideScenarios} reads them.
 *
 * @param medianSwipeSeconds         median time on one video before the next swipe (the drawn
 *                                   dwells are log-normal around it, clipped to 3-60 s)
 * @param swipeSpread                sigma of that log-normal
 * @param longLookShare              share of swipes followed by a 60-120 s look
 * @param coverShare                 share of swipes that fetch 1-3 covers
 * @param apiShare                   share of swipes with a feed or stats API call
 * @param prefetchCount              how many next videos have their first chunk fetched ahead (0-3)
 * @param appOpenShare               share of sessions that begin with the app-open burst
 * @param liveShare                  share of sessions that are a live stream (plan drawing)
 * @param closeShare                 share of background periods that end in a close (plan drawing)
 * @param leavingEventShare          share of departures followed by one telemetry post 0-5 s later
 * @param crashLogShare              share of closes followed by a diagnostics log 0-30 s later
 * @param otherVideoShare            share of background periods with another app's video
 * @param quicShare                  share of video, pre-load and live connections over QUIC
 * @param foregroundTelemetrySeconds mean time between telemetry posts on screen (5-30 s)
 * @param backgroundTelemetrySeconds mean time between telemetry pings minimized (20-300 s)
 * @param syncSeconds                mean time between account-sync API calls minimized (60-900 s)
 * @param keepaliveSeconds           mean time between TikTok push keepalives (30-300 s)
 */
public record ViewingStyle(double medianSwipeSeconds, double swipeSpread, double longLookShare, double coverShare,
        double apiShare, int prefetchCount, double appOpenShare, double liveShare, double closeShare,
        double leavingEventShare, double crashLogShare, double otherVideoShare, double quicShare,
        double foregroundTelemetrySeconds, double backgroundTelemetrySeconds, double syncSeconds, double keepaliveSeconds) {

    public ViewingStyle {
        for (double share : new double[] {longLookShare, coverShare, apiShare, appOpenShare, liveShare, closeShare,
            leavingEventShare, crashLogShare, otherVideoShare, quicShare}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("shares lie in [0, 1]: " + share);
            }
        }
        if (prefetchCount < 0 || prefetchCount > 3) {
            throw new IllegalArgumentException("0-3 videos prefetched");
        }
        for (double s : new double[] {medianSwipeSeconds, foregroundTelemetrySeconds, backgroundTelemetrySeconds,
            syncSeconds, keepaliveSeconds}) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("periods are positive: " + s);
            }
        }
        if (!(swipeSpread >= 0)) {
            throw new IllegalArgumentException("the swipe spread is not negative");
        }
    }
}
