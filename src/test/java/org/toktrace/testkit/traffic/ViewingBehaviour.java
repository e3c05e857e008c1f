package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;
import org.toktrace.testkit.traffic.GroundTruth.Purpose;
import org.toktrace.testkit.traffic.ServerDirectory.Role;
import org.toktrace.testkit.traffic.ServerDirectory.Server;
import org.toktrace.testkit.traffic.TcpConversation.Close;
import org.toktrace.testkit.traffic.TcpConversation.Exchange;
import org.toktrace.testkit.traffic.UsagePlan.Closed;
import org.toktrace.testkit.traffic.UsagePlan.Live;
import org.toktrace.testkit.traffic.UsagePlan.Minimized;
import org.toktrace.testkit.traffic.UsagePlan.Phase;
import org.toktrace.testkit.traffic.UsagePlan.Preload;
import org.toktrace.testkit.traffic.UsagePlan.Scrolling;
import org.toktrace.testkit.traffic.UsagePlan.Swipe;

/**
 * A phone whose user follows a {@link UsagePlan}, with the traffic of docs/traffic-behaviour.md: on
 * screen, each swipe's video fetched progressively while it plays, prefetches, covers, API calls and
 * telemetry, or a live stream; minimized, pings, account syncs and the plan's pre-loads; closed,
 * nothing of the app but its push connection. Writes no frame itself: it starts the conversations
 * that do, and notes the plan's activity changes in the truth at the instant they happen.
 *
 * <p>It runs as a queue of timed actions (a swipe, a telemetry post, a phase change, the phone's
 * ARP); an action tagged with a phase is dropped once that phase is over, so a minimized app's
 * timers stop when the user comes back.
 */
final class ViewingBehaviour extends Conversation {

    /** No teardown: the app is never closed during the rest of the plan. */
    private static final long NEVER = Long.MAX_VALUE;
    /** An API or telemetry connection of a minimized app keeps this far from a pre-load, so the pre-load comes alone. */
    private static final long ALONE = Hotspot.seconds(5);

    private record Action(long at, long order, int phase, LongConsumer run) {
    }

    /** A video in the feed; {@code firstChunk} is what a prefetch or pre-load fetches of it. */
    private record Video(double seconds, double bitrate, long bytes, long firstChunk) {
        Video as(double newSeconds, double newBitrate) {
            long b = (long) (newSeconds * newBitrate / 8);
            return new Video(newSeconds, newBitrate, b, Math.min(firstChunk, b));
        }
    }

    private final Hotspot h;
    private final Phone phone;
    private final List<Phase> phases;
    private final ViewingStyle style;
    /** When each phase begins, epoch nanoseconds. */
    private final long[] phaseStart;
    /** Every pre-load of the plan, epoch nanoseconds. */
    private final long[] preloadTimes;
    private final PriorityQueue<Action> actions = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long order;
    private int phase = -1;
    private boolean appRunning;
    /** When the running app's connections are torn down: its close plus 0-2 s; {@link #NEVER} when it is not closed. */
    private long appKilledAt = NEVER;
    /** Videos whose first chunk the app holds (prefetched on screen or pre-loaded), in feed order. */
    private final Deque<Video> ahead = new ArrayDeque<>();
    private final Deque<Swipe> listedSwipes = new ArrayDeque<>();
    private int videosUntilFeedPage;

    ViewingBehaviour(Hotspot h, Phone phone, UsagePlan plan, ViewingStyle style, long start) {
        this.h = h;
        this.phone = phone;
        this.phases = plan.phases();
        this.style = style;
        this.time = start;
        int n = phases.size();
        phaseStart = new long[n];
        List<Long> preloads = new ArrayList<>();
        long t = start;
        for (int i = 0; i < n; i++) {
            phaseStart[i] = t;
            if (phases.get(i) instanceof Minimized m) {
                for (Preload p : m.preloads()) {
                    preloads.add(t + Hotspot.seconds(p.delaySeconds()));
                }
            }
            t += Hotspot.seconds(phases.get(i).seconds());
        }
        preloadTimes = preloads.stream().mapToLong(Long::longValue).toArray();

        // what the phone does whatever the app does
        every(start, 60, 180, at -> PhoneBehaviour.arp(h, phone, at));
        every(start + Hotspot.seconds(h.between(1.0, 20.0)), 120, 300, at -> PhoneBehaviour.mdns(h, phone, at));
        every(start + Hotspot.seconds(h.between(2.0, 10.0)), 900, 1800, at -> PhoneBehaviour.ntp(h, phone, at));
        every(start + Hotspot.seconds(h.between(30.0, 240.0)), 300, 900, at -> PhoneBehaviour.ping(h, phone, at));
        // the system-level push connections, open whatever the app does
        tiktokPush(start + Hotspot.seconds(h.between(0.5, 3.0)));
        PhoneBehaviour.pushConnection(h, phone, "mtalk.google.com", start + Hotspot.seconds(h.between(0.5, 5.0)), 60, 240);
        at(start, -1, this::enter);
    }

    @Override
    boolean step(FrameSink sink) throws IOException {
        while (!actions.isEmpty() && actions.peek().at <= time) {
            Action a = actions.poll();
            if (a.phase < 0 || a.phase == phase) {
                a.run.accept(a.at);
            }
        }
        if (actions.isEmpty()) {
            return false;
        }
        time = actions.peek().at;
        return true;
    }

    private void at(long t, int tag, LongConsumer run) {
        actions.add(new Action(t, order++, tag, run));
    }

    /** {@code run} at {@code first}, then again every {@code min}-{@code max} s, whatever the app does. */
    private void every(long first, double min, double max, LongConsumer run) {
        at(first, -1, t -> {
            run.accept(t);
            every(t + Hotspot.seconds(h.between(min, max)), min, max, run);
        });
    }

    private long phaseEnd(int i) {
        return i + 1 < phases.size() ? phaseStart[i + 1] : NEVER;
    }

    /** The next phase begins at {@code now}: the user acts. */
    private void enter(long now) {
        int i = ++phase;
        Phase p = phases.get(i);
        Phase prev = i > 0 ? phases.get(i - 1) : null;
        h.truth.activity(phone, p.activity(), now);
        if (i + 1 < phases.size()) {
            at(phaseStart[i + 1], -1, this::enter);
        }
        if (p instanceof Closed) {
            if (appRunning) {
                closeApp(now, i);
            }
        } else if (!appRunning) {
            startApp(now, i);
        }
        boolean newSession = p.foreground() && (prev == null || !prev.foreground());
        if (newSession) {
            videosUntilFeedPage = 4 + h.rng.nextInt(7);
            if (h.rng.nextDouble() < style.appOpenShare()) {
                appOpening(now + Hotspot.ms(h.between(50, 500)), i);
            }
        }
        if (p instanceof Scrolling s) {
            listedSwipes.clear();
            listedSwipes.addAll(s.swipes());
            at(now + Hotspot.ms(h.between(200, 1000)), i, this::swipe);
            foregroundTelemetry(now + Hotspot.seconds(style.foregroundTelemetrySeconds() * h.between(0.2, 1.0)), i);
        } else if (p instanceof Live) {
            live(now + Hotspot.ms(h.between(300, 1500)), phaseEnd(i));
            api(now + Hotspot.ms(h.between(100, 1500)), (int) h.between(400, 1500), h.between(2_000, 30_000), Purpose.API);
            foregroundTelemetry(now + Hotspot.seconds(style.foregroundTelemetrySeconds() * h.between(0.2, 1.0)), i);
        } else if (p instanceof Minimized m) {
            minimized(m, prev, now, i);
        } else if (prev == null || prev.foreground()) {
            // closed straight from the screen: a background period of its own (after minimized it is the same one)
            backgroundOtherVideo(now, i);
        }
    }

    // ---- the app's life: start, the connections it keeps, the close

    /** The app starts (or runs from the plan's start): it opens the API connection it keeps while it runs. */
    private void startApp(long now, int i) {
        appRunning = true;
        long closeAt = NEVER;
        for (int k = i + 1; k < phases.size(); k++) {
            if (phases.get(k) instanceof Closed) {
                closeAt = phaseStart[k];
                break;
            }
        }
        appKilledAt = closeAt == NEVER ? NEVER : closeAt + Hotspot.seconds(h.between(0.0, 2.0));
        Server s = pick(Role.API);
        long t = resolve(s, now + Hotspot.ms(h.between(100, 1000)));
        long end = closeAt;
        TcpConversation c = new TcpConversation(h, phone, address(s), s.port(), s.name(), t, cursor -> {
            long at = awayFromPreloads(cursor + Hotspot.seconds(h.between(20, 120)));
            if (at >= end) {
                return null;
            }
            return new Exchange(at - cursor, (int) h.between(200, 800), h.between(200, 4_000), 5e6);
        }, Close.OPEN);
        if (appKilledAt != NEVER) {
            c.tornDownAt(appKilledAt, h.rng.nextInt(10) < 7 ? Close.FIN : Close.RST);
        }
        h.start(c.noted(Purpose.APP_API, s.name(), t));
    }

    /** The app is swiped away: its connections end (their teardown is planned), its prefetched videos are gone. */
    private void closeApp(long now, int i) {
        appRunning = false;
        appKilledAt = NEVER;
        ahead.clear();
        if (h.rng.nextDouble() < style.crashLogShare()) {
            // the system's diagnostics upload after the process is gone: not the app's own connection
            long t = now + Hotspot.seconds(h.between(0.0, 30.0));
            if (t < phaseEnd(i)) {
                Server s = pick(Role.TELEMETRY);
                tls(s, resolve(s, t), List.of(new Exchange(0, (int) h.between(1_000, 20_000), h.between(100, 600), 5e6)),
                        Purpose.CRASH_LOG, false);
            }
        }
    }

    /** TikTok's own push connection: never closed, a keepalive every 30-300 s. */
    private void tiktokPush(long t) {
        Server s = h.directory.get("frontier-va.tiktokv.com");
        long start = resolve(s, t);
        double mean = style.keepaliveSeconds();
        h.start(new TcpConversation(h, phone, address(s), s.port(), s.name(), start, now -> new Exchange(
                Hotspot.seconds(Math.min(300, Math.max(30, mean * h.between(0.7, 1.3)))), (int) h.between(40, 200),
                h.between(40, 250), 5e6), Close.OPEN).noted(Purpose.PUSH, s.name(), start));
    }

    // ---- on screen

    /** The app opening: a few API calls and covers with the first video. */
    private void appOpening(long t, int i) {
        int calls = 2 + h.rng.nextInt(5);
        int first = (calls + 1) / 2;
        apiCalls(t, first, i);
        apiCalls(t + Hotspot.ms(h.between(20, 300)), calls - first, i);
        covers(t + Hotspot.ms(h.between(100, 800)), 2 + h.rng.nextInt(5));
    }

    private void apiCalls(long t, int n, int i) {
        if (n == 0) {
            return;
        }
        Server s = pick(Role.API);
        Exchange[] ex = new Exchange[n];
        for (int k = 0; k < n; k++) {
            ex[k] = new Exchange(Hotspot.ms(h.between(5, 300)), (int) h.between(400, 1500), h.between(2_000, 30_000),
                    h.between(5e6, 20e6));
        }
        tls(s, resolve(s, t), List.of(ex), Purpose.API, true);
    }

    /** One swipe: the video (its first chunk unless the app holds it, then the rest as it plays), prefetches, covers, API calls. */
    private void swipe(long now) {
        int i = phase;
        long end = phaseEnd(i);
        Swipe listed = listedSwipes.pollFirst();
        double dwell = listed != null ? listed.dwellSeconds() : dwell();
        Video v = ahead.pollFirst();
        boolean held = v != null;
        if (v == null) {
            v = newVideo();
        }
        if (listed != null && (listed.videoSeconds() > 0 || listed.bitrateBitsPerSecond() > 0)) {
            v = v.as(listed.videoSeconds() > 0 ? listed.videoSeconds() : v.seconds(),
                    listed.bitrateBitsPerSecond() > 0 ? listed.bitrateBitsPerSecond() : v.bitrate());
        }
        long dwellEnd = Math.min(now + Hotspot.seconds(dwell), end);
        play(v, held, now, dwellEnd);
        while (ahead.size() < style.prefetchCount()) {
            long t = now + Hotspot.ms(h.between(300, 2500));
            if (t >= end) {
                break;
            }
            Video next = newVideo();
            ahead.addLast(next);
            firstChunk(next, t, Purpose.VIDEO);
        }
        if (h.rng.nextDouble() < style.coverShare()) {
            long t = now + Hotspot.ms(h.between(50, 900));
            if (t < end) {
                covers(t, 1 + h.rng.nextInt(3));
            }
        }
        if (h.rng.nextDouble() < style.apiShare()) {
            long t = now + Hotspot.ms(h.between(100, 3000));
            if (t < end) {
                api(t, (int) h.between(400, 1500), h.between(2_000, 30_000), Purpose.API);
            }
        }
        if (--videosUntilFeedPage <= 0) {
            videosUntilFeedPage = 4 + h.rng.nextInt(7);
            long t = now + Hotspot.ms(h.between(200, 2000));
            if (t < end) {
                api(t, (int) h.between(600, 2000), h.between(10_000, 60_000), Purpose.API);
            }
        }
        if (dwellEnd < end) {
            at(dwellEnd, i, this::swipe);
        }
    }

    /** Time on one video: a long look in a share of swipes, else log-normal around the style's median, 3-60 s. */
    private double dwell() {
        if (h.rng.nextDouble() < style.longLookShare()) {
            return h.between(60.0, 120.0);
        }
        double d = Math.exp(Math.log(style.medianSwipeSeconds()) + style.swipeSpread() * h.rng.nextGaussian());
        return Math.min(60, Math.max(3, d));
    }

    /** A video of the feed: 5-180 s (median near 15 s) at 0.5-3 Mbit/s, its first chunk 100 kB-1.5 MB or all of it. */
    private Video newVideo() {
        double seconds = Math.min(180, Math.max(5, Math.exp(Math.log(15) + 0.8 * h.rng.nextGaussian())));
        double bitrate = h.between(0.5e6, 3e6);
        long bytes = (long) (seconds * bitrate / 8);
        return new Video(seconds, bitrate, bytes, Math.min(bytes, h.between(100_000L, 1_500_000L)));
    }

    /**
     * The video playing from {@code t0} to {@code until}: its first chunk at once unless held, then a
     * chunk of 0.3-2 MB each time the buffer falls under 5-15 s, nothing once it is all downloaded
     * (a short video then loops without a byte). All on one connection.
     */
    private void play(Video v, boolean held, long t0, long until) {
        List<long[]> chunks = new ArrayList<>();
        long have = 0;
        if (held) {
            have = v.firstChunk();
        } else {
            chunks.add(new long[] {t0, v.firstChunk()});
            have = v.firstChunk();
        }
        double threshold = h.between(5.0, 15.0);
        while (have < v.bytes()) {
            long bufferedUntil = t0 + Hotspot.seconds(have * 8 / v.bitrate());
            long at = Math.max(t0, bufferedUntil - Hotspot.seconds(threshold));
            if (at >= until) {
                break;
            }
            long size = Math.min(v.bytes() - have, h.between(300_000L, 2_000_000L));
            chunks.add(new long[] {at, size});
            have += size;
        }
        if (!chunks.isEmpty()) {
            video(chunks, Purpose.VIDEO);
        }
    }

    /** The first chunk of {@code v} on a connection of its own, at {@code t}. */
    private void firstChunk(Video v, long t, Purpose purpose) {
        List<long[]> one = new ArrayList<>();
        one.add(new long[] {t, v.firstChunk()});
        video(one, purpose);
    }

    /** Chunks {at, bytes} from one video server on one connection, over QUIC in the style's share. */
    private void video(List<long[]> chunks, Purpose purpose) {
        Server s = pick(Role.VIDEO);
        long start = resolve(s, chunks.get(0)[0]);
        double rate = h.between(5e6, 40e6);
        if (h.rng.nextDouble() < style.quicShare()) {
            List<QuicConversation.Burst> bursts = new ArrayList<>();
            for (long[] c : chunks) {
                bursts.add(new QuicConversation.Burst(Math.max(start, c[0]), c[1], rate));
            }
            h.start(new QuicConversation(h, phone, address(s), s.name(), start, bursts, appKilledAt)
                    .noted(purpose, s.name(), start));
        } else {
            List<Exchange> ex = new ArrayList<>();
            long[] wanted = new long[chunks.size()];
            for (int k = 0; k < chunks.size(); k++) {
                wanted[k] = chunks.get(k)[0];
                ex.add(new Exchange(0, (int) h.between(300, 700), chunks.get(k)[1], rate));
            }
            int[] next = {0};
            // each chunk is asked for when the buffer wants it, or once the previous one is through
            TcpConversation.Exchanges exchanges = cursor -> {
                int k = next[0]++;
                if (k >= ex.size()) {
                    return null;
                }
                Exchange e = ex.get(k);
                return new Exchange(Math.max(0, wanted[k] - cursor), e.requestBody(), e.responseBody(), e.rateBitsPerSecond());
            };
            h.start(tcp(s, start, exchanges, true).noted(purpose, s.name(), start));
        }
    }

    private void covers(long t, int n) {
        Server s = pick(Role.IMAGE);
        Exchange[] ex = new Exchange[n];
        for (int k = 0; k < n; k++) {
            ex[k] = new Exchange(Hotspot.ms(h.between(5, 400)), (int) h.between(250, 600), h.between(20_000, 150_000),
                    h.between(8e6, 20e6));
        }
        tls(s, resolve(s, t), List.of(ex), Purpose.IMAGE, true);
    }

    private void api(long t, int request, long response, Purpose purpose) {
        Server s = pick(Role.API);
        tls(s, resolve(s, t), List.of(new Exchange(0, request, response, h.between(5e6, 20e6))), purpose, true);
    }

    private void telemetry(long t) {
        Server s = pick(Role.TELEMETRY);
        tls(s, resolve(s, t), List.of(new Exchange(0, (int) h.between(500, 6_000), h.between(100, 400), 5e6)),
                Purpose.TELEMETRY, true);
    }

    /** A telemetry post now, then every 5-30 s (the style's mean, jittered) while this phase lasts. */
    private void foregroundTelemetry(long t, int i) {
        if (t >= phaseEnd(i)) {
            return;
        }
        at(t, i, now -> {
            telemetry(now);
            double gap = Math.min(30, Math.max(5, style.foregroundTelemetrySeconds() * h.between(0.7, 1.3)));
            foregroundTelemetry(now + Hotspot.seconds(gap), i);
        });
    }

    /** A live stream until {@code end}: segments of 1-2 s of a 1-4 Mbit/s stream, each fetched as it is made. */
    private void live(long t, long end) {
        if (t >= end) {
            return;
        }
        Server s = pick(Role.VIDEO);
        long start = resolve(s, t);
        double bitrate = h.between(1e6, 4e6);
        long segment = Hotspot.seconds(h.between(1.0, 2.0));
        long first = start + Hotspot.ms(h.between(50, 200));
        long[] k = {0};
        TcpConversation.Exchanges exchanges = cursor -> {
            long at = first + k[0]++ * segment;
            if (at >= end) {
                return null;
            }
            long bytes = (long) (bitrate * segment / 8e9);
            return new Exchange(Math.max(0, at - cursor), (int) h.between(300, 600), bytes, bitrate * h.between(1.5, 3.0));
        };
        h.start(tcp(s, start, exchanges, true).noted(Purpose.LIVE, s.name(), start));
    }

    // ---- out of sight

    private void minimized(Minimized m, Phase prev, long now, int i) {
        long end = phaseEnd(i);
        if (prev != null && prev.foreground() && h.rng.nextDouble() < style.leavingEventShare()) {
            long t = now + Hotspot.seconds(h.between(0.0, 5.0));
            if (t < end) {
                telemetry(t);
            }
        }
        for (Preload p : m.preloads()) {
            long t = now + Hotspot.seconds(p.delaySeconds());
            if (t < end) {
                at(t, i, at -> preload(p, at));
            }
        }
        backgroundTelemetry(now + Hotspot.seconds(style.backgroundTelemetrySeconds() * h.between(0.3, 1.0)), i);
        sync(now + Hotspot.seconds(style.syncSeconds() * h.between(0.3, 1.0)), i);
        backgroundOtherVideo(now, i);
    }

    /** The first chunk of one video, alone, so it plays at once when the user returns. */
    private void preload(Preload p, long t) {
        Video v = newVideo();
        if (v.bytes() < p.bytes()) {
            v = new Video(p.bytes() * 8 / v.bitrate(), v.bitrate(), p.bytes(), p.bytes());
        } else {
            v = new Video(v.seconds(), v.bitrate(), v.bytes(), p.bytes());
        }
        ahead.addFirst(v);
        firstChunk(v, t, Purpose.PRELOAD);
    }

    private void backgroundTelemetry(long t, int i) {
        t = awayFromPreloads(t);
        if (t >= phaseEnd(i)) {
            return;
        }
        at(t, i, now -> {
            telemetry(now);
            double gap = Math.min(300, Math.max(20, style.backgroundTelemetrySeconds() * h.between(0.7, 1.3)));
            backgroundTelemetry(now + Hotspot.seconds(gap), i);
        });
    }

    /** Account synchronization: an API exchange of 2-30 kB every 1-15 min. */
    private void sync(long t, int i) {
        t = awayFromPreloads(t);
        if (t >= phaseEnd(i)) {
            return;
        }
        at(t, i, now -> {
            api(now, (int) h.between(400, 1500), h.between(2_000, 30_000), Purpose.API);
            double gap = Math.min(900, Math.max(60, style.syncSeconds() * h.between(0.7, 1.3)));
            sync(now + Hotspot.seconds(gap), i);
        });
    }

    /** {@code t}, or a little after a pre-load it would come within {@link #ALONE} of. */
    private long awayFromPreloads(long t) {
        for (long p : preloadTimes) {
            if (t > p - ALONE && t < p + ALONE) {
                t = p + ALONE + Hotspot.seconds(h.between(0.0, 10.0));
            }
        }
        return t;
    }

    /** In a share of background periods, a few videos in another app: megabytes that are not TikTok's. */
    private void backgroundOtherVideo(long now, int i) {
        if (h.rng.nextDouble() >= style.otherVideoShare()) {
            return;
        }
        long end = phaseEnd(i);
        Server s = h.directory.get(PhoneBehaviour.OTHER_VIDEO_SERVER);
        int n = 2 + h.rng.nextInt(4);
        long t = now + Hotspot.seconds(h.between(2.0, 60.0));
        for (int k = 0; k < n && t < end; k++) {
            long at = resolve(s, t);
            long size = h.between(1_000_000L, 5_000_000L);
            double rate = h.between(10e6, 25e6);
            if (h.rng.nextBoolean()) {
                h.start(new QuicConversation(h, phone, address(s), s.name(), at, size, rate).noted(Purpose.OTHER_VIDEO, s.name(), at));
            } else {
                tls(s, at, List.of(new Exchange(0, (int) h.between(300, 700), size, rate)), Purpose.OTHER_VIDEO, false);
            }
            t += Hotspot.seconds(h.between(5.0, 20.0));
        }
    }

    // ---- connections

    /** A TLS connection with these exchanges, noted; the app's own ones end when the app is killed. */
    private void tls(Server s, long t, List<Exchange> exchanges, Purpose purpose, boolean appOwned) {
        int[] next = {0};
        h.start(tcp(s, t, now -> next[0] < exchanges.size() ? exchanges.get(next[0]++) : null, appOwned)
                .noted(purpose, s.name(), t));
    }

    private TcpConversation tcp(Server s, long t, TcpConversation.Exchanges exchanges, boolean appOwned) {
        int d = h.rng.nextInt(20);
        Close close = d < 15 ? Close.FIN : d < 17 ? Close.RST : Close.OPEN;
        TcpConversation c = new TcpConversation(h, phone, address(s), s.port(), s.name(), t, exchanges, close);
        if (appOwned && appKilledAt != NEVER) {
            c.tornDownAt(appKilledAt, h.rng.nextInt(10) < 7 ? Close.FIN : Close.RST);
        }
        return c;
    }

    private Server pick(Role role) {
        List<Server> all = h.directory.withRole(role);
        return all.get(h.rng.nextInt(all.size()));
    }

    private Addr address(Server s) {
        return PhoneBehaviour.address(h, phone, s);
    }

    private long resolve(Server s, long t) {
        return PhoneBehaviour.resolve(h, phone, s, t);
    }
}
