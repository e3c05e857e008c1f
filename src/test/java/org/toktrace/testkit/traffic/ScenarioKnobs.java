package org.toktrace.testkit.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.toktrace.testkit.traffic.GroundTruth.Activity;
import org.toktrace.testkit.traffic.UsagePlan.Closed;
import org.toktrace.testkit.traffic.UsagePlan.Live;
import org.toktrace.testkit.traffic.UsagePlan.Minimized;
import org.toktrace.testkit.traffic.UsagePlan.Phase;
import org.toktrace.testkit.traffic.UsagePlan.Preload;
import org.toktrace.testkit.traffic.UsagePlan.Scrolling;

/**
 * The knobs of one {@link UsageScenario}, for a report that bins its results by each (a sensitivity
 * table): the style shared by all users, the capture window, and per phone what its plan puts inside
 * that window. Figures about periods are as the capture cuts them: a session that began before the
 * capture counts from the capture's start.
 *
 * @param captureSeconds  the capture's length
 * @param leadInSeconds   how long the phones ran before the capture began
 * @param perPhone        one entry per phone, in the order of the scenario's phones (which is the
 *                        order of {@link GroundTruth#devices()})
 */
public record ScenarioKnobs(long seed, double captureSeconds, double leadInSeconds, int phones,
        double medianSwipeSeconds, double swipeSpread, double longLookShare, double coverShare, double apiShare,
        int prefetchCount, double appOpenShare, double liveShare, double closeShare, double leavingEventShare,
        double crashLogShare, double otherVideoShare, double quicShare, double foregroundTelemetrySeconds,
        double backgroundTelemetrySeconds, double syncSeconds, double keepaliveSeconds, List<PhoneKnobs> perPhone) {

    public ScenarioKnobs {
        perPhone = List.copyOf(perPhone);
    }

    /**
     * One phone's plan inside the capture.
     *
     * @param startActivity             what the app does when the capture begins
     * @param startsMidSession          the capture begins during a session that began before it
     * @param endActivity               what the app does when the capture ends
     * @param endsMidSession            the capture ends during a session
     * @param secondsSinceLastDeparture from the last departure (on screen to minimized or closed)
     *                                  inside the capture to the capture's end; NaN when none
     * @param departures                departures inside the capture
     * @param closes                    changes to closed inside the capture
     * @param sessionSeconds            each session's time inside the capture (consecutive phases on
     *                                  screen are one session)
     * @param minimizedSeconds          each minimized period's time inside the capture
     * @param closedSeconds             each closed period's time inside the capture
     * @param firstPreloadDelaysSeconds per minimized period, the delay after leaving of its first
     *                                  pre-load inside the capture
     * @param preloadBytes              the sizes of all pre-loads inside the capture
     * @param preloadsPerPeriod         per minimized period overlapping the capture, its pre-loads inside it
     * @param oneVideoSessions          sessions inside the capture planned as exactly one swipe
     * @param liveSessions              live streams inside the capture
     */
    public record PhoneKnobs(Activity startActivity, boolean startsMidSession, Activity endActivity,
            boolean endsMidSession, double secondsSinceLastDeparture, int departures, int closes,
            List<Double> sessionSeconds, List<Double> minimizedSeconds, List<Double> closedSeconds,
            List<Double> firstPreloadDelaysSeconds, List<Long> preloadBytes, List<Integer> preloadsPerPeriod,
            int oneVideoSessions, int liveSessions, boolean dualStack, boolean privateDns) {
        public PhoneKnobs {
            sessionSeconds = List.copyOf(sessionSeconds);
            minimizedSeconds = List.copyOf(minimizedSeconds);
            closedSeconds = List.copyOf(closedSeconds);
            firstPreloadDelaysSeconds = List.copyOf(firstPreloadDelaysSeconds);
            preloadBytes = List.copyOf(preloadBytes);
            preloadsPerPeriod = List.copyOf(preloadsPerPeriod);
        }
    }

    static ScenarioKnobs of(UsageScenario s) {
        ViewingStyle y = s.style();
        List<PhoneKnobs> phones = new ArrayList<>();
        for (UsageScenario.PhoneUse p : s.phones()) {
            phones.add(phone(p, s.leadInSeconds(), s.leadInSeconds() + s.captureSeconds()));
        }
        return new ScenarioKnobs(s.seed(), s.captureSeconds(), s.leadInSeconds(), s.phones().size(), y.medianSwipeSeconds(),
                y.swipeSpread(), y.longLookShare(), y.coverShare(), y.apiShare(), y.prefetchCount(), y.appOpenShare(),
                y.liveShare(), y.closeShare(), y.leavingEventShare(), y.crashLogShare(), y.otherVideoShare(), y.quicShare(),
                y.foregroundTelemetrySeconds(), y.backgroundTelemetrySeconds(), y.syncSeconds(), y.keepaliveSeconds(), phones);
    }

    private static PhoneKnobs phone(UsageScenario.PhoneUse use, double from, double to) {
        List<Phase> phases = use.plan().phases();
        int n = phases.size();
        double[] start = new double[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + phases.get(i).seconds();
        }
        start[n] = Double.POSITIVE_INFINITY; // the last phase runs on
        Activity startActivity = null;
        Activity endActivity = null;
        boolean startsMid = false;
        boolean endsMid = false;
        double lastDeparture = Double.NaN;
        int departures = 0;
        int closes = 0;
        int oneVideo = 0;
        int live = 0;
        List<Double> sessions = new ArrayList<>();
        List<Double> minimized = new ArrayList<>();
        List<Double> closed = new ArrayList<>();
        List<Double> firstDelays = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Integer> perPeriod = new ArrayList<>();
        double sessionStart = Double.NaN;
        for (int i = 0; i < n; i++) {
            Phase p = phases.get(i);
            double s = start[i];
            double e = start[i + 1];
            if (s <= from && from < e) {
                startActivity = p.activity();
            }
            if (s < to && to <= e) {
                endActivity = p.activity();
            }
            boolean inside = s < to && e > from;
            if (p.foreground()) {
                if (Double.isNaN(sessionStart)) {
                    sessionStart = s;
                }
                boolean sessionEnds = i + 1 == n || !phases.get(i + 1).foreground();
                if (sessionEnds) {
                    double clipped = Math.min(e, to) - Math.max(sessionStart, from);
                    if (clipped > 0) {
                        sessions.add(clipped);
                    }
                    if (sessionStart < from && from < e) {
                        startsMid = true;
                    }
                    if (sessionStart < to && to < e) {
                        endsMid = true;
                    }
                    sessionStart = Double.NaN;
                }
                if (inside && p instanceof Scrolling sc && sc.swipes().size() == 1 && sc.seconds() == sc.swipes().get(0).dwellSeconds()) {
                    oneVideo++;
                }
                if (inside && p instanceof Live) {
                    live++;
                }
            } else {
                if (i > 0 && s > from && s <= to) {
                    if (phases.get(i - 1).foreground()) {
                        departures++;
                        lastDeparture = s;
                    }
                    if (p instanceof Closed) {
                        closes++;
                    }
                }
                double clipped = Math.min(e, to) - Math.max(s, from);
                if (p instanceof Minimized m && clipped > 0) {
                    minimized.add(clipped);
                    int count = 0;
                    for (Preload pre : m.preloads()) {
                        double at = s + pre.delaySeconds();
                        if (at >= from && at < to) {
                            if (count == 0) {
                                firstDelays.add(pre.delaySeconds());
                            }
                            sizes.add(pre.bytes());
                            count++;
                        }
                    }
                    perPeriod.add(count);
                } else if (p instanceof Closed && clipped > 0) {
                    closed.add(clipped);
                }
            }
        }
        return new PhoneKnobs(startActivity, startsMid, endActivity, endsMid,
                Double.isNaN(lastDeparture) ? Double.NaN : to - lastDeparture, departures, closes, sessions, minimized,
                closed, firstDelays, sizes, perPeriod, oneVideo, live, use.dualStack(), use.privateDns());
    }

    /** All phones' first pre-load delays after leaving, seconds. */
    public List<Double> firstPreloadDelaysSeconds() {
        List<Double> all = new ArrayList<>();
        perPhone.forEach(p -> all.addAll(p.firstPreloadDelaysSeconds()));
        return all;
    }

    /** All phones' pre-load sizes, bytes. */
    public List<Long> preloadBytes() {
        List<Long> all = new ArrayList<>();
        perPhone.forEach(p -> all.addAll(p.preloadBytes()));
        return all;
    }

    /** All phones' session lengths inside the capture, seconds. */
    public List<Double> sessionSeconds() {
        List<Double> all = new ArrayList<>();
        perPhone.forEach(p -> all.addAll(p.sessionSeconds()));
        return all;
    }

    /** Whether the capture begins in the middle of a session on some phone. */
    public boolean startsMidSession() {
        return perPhone.stream().anyMatch(PhoneKnobs::startsMidSession);
    }

    /** Whether the capture ends in the middle of a session on some phone. */
    public boolean endsMidSession() {
        return perPhone.stream().anyMatch(PhoneKnobs::endsMidSession);
    }

    /** The time from the latest departure inside the capture (any phone) to its end; NaN when none. */
    public double secondsSinceLastDeparture() {
        double best = Double.NaN;
        for (PhoneKnobs p : perPhone) {
            double s = p.secondsSinceLastDeparture();
            if (!Double.isNaN(s) && (Double.isNaN(best) || s < best)) {
                best = s;
            }
        }
        return best;
    }

    /** The knobs as one line of {@code name=value} pairs, phones' as {@code pN.name=value}. */
    public String line() {
        StringJoiner j = new StringJoiner(" ");
        j.add("seed=" + seed).add("capture_s=" + num(captureSeconds)).add("lead_in_s=" + num(leadInSeconds))
                .add("phones=" + phones).add("median_swipe_s=" + num(medianSwipeSeconds)).add("swipe_spread=" + num(swipeSpread))
                .add("long_look_share=" + num(longLookShare)).add("cover_share=" + num(coverShare))
                .add("api_share=" + num(apiShare)).add("prefetch_count=" + prefetchCount)
                .add("app_open_share=" + num(appOpenShare)).add("live_share=" + num(liveShare))
                .add("close_share=" + num(closeShare)).add("leaving_event_share=" + num(leavingEventShare))
                .add("crash_log_share=" + num(crashLogShare)).add("other_video_share=" + num(otherVideoShare))
                .add("quic_share=" + num(quicShare)).add("fg_telemetry_s=" + num(foregroundTelemetrySeconds))
                .add("bg_telemetry_s=" + num(backgroundTelemetrySeconds)).add("sync_s=" + num(syncSeconds))
                .add("keepalive_s=" + num(keepaliveSeconds));
        for (int i = 0; i < perPhone.size(); i++) {
            PhoneKnobs p = perPhone.get(i);
            String k = "p" + i + ".";
            j.add(k + "start=" + lower(p.startActivity())).add(k + "starts_mid_session=" + p.startsMidSession())
                    .add(k + "end=" + lower(p.endActivity())).add(k + "ends_mid_session=" + p.endsMidSession())
                    .add(k + "since_last_departure_s=" + num(p.secondsSinceLastDeparture()))
                    .add(k + "departures=" + p.departures()).add(k + "closes=" + p.closes())
                    .add(k + "sessions_s=" + nums(p.sessionSeconds())).add(k + "minimized_s=" + nums(p.minimizedSeconds()))
                    .add(k + "closed_s=" + nums(p.closedSeconds()))
                    .add(k + "first_preload_delays_s=" + nums(p.firstPreloadDelaysSeconds()))
                    .add(k + "preload_bytes=" + p.preloadBytes().toString().replace(" ", ""))
                    .add(k + "preloads_per_period=" + p.preloadsPerPeriod().toString().replace(" ", ""))
                    .add(k + "one_video_sessions=" + p.oneVideoSessions()).add(k + "live_sessions=" + p.liveSessions())
                    .add(k + "dual_stack=" + p.dualStack()).add(k + "private_dns=" + p.privateDns());
        }
        return j.toString();
    }

    private static String lower(Activity a) {
        return a == null ? "none" : a.name().toLowerCase(Locale.ROOT);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
    }

    private static String nums(List<Double> l) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        l.forEach(v -> j.add(num(v)));
        return j.toString();
    }
}
