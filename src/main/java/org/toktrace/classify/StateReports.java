package org.toktrace.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.BackgroundCadence;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.Category;
import org.toktrace.model.ClaimCheck;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.ScrollingSession;
import org.toktrace.model.StateInterval;
import org.toktrace.model.StateReport;
import org.toktrace.model.TikTokBins;

/**
 * Derives the {@link StateReport} of an analysis from its flows (their bins and attribution) and its
 * states alone: a pure function, so live snapshots, finished analyses and results reloaded from
 * storage give the same figures.
 *
 * <p>Sessions are the foreground intervals; a video is a burst of video bytes of at least
 * {@link StateThresholds#minBurstBytes()}, with the classifier's burst rule. An exchange of the
 * background cadence is a run of bins with bytes of one category, bins less than
 * {@link #EXCHANGE_GAP_NANOS} apart joined.
 */
public final class StateReports {

    /**
     * Bins of one category closer than this belong to one background exchange: a request, its answer
     * and the teardown of its connection (a FIN or a QUIC close comes up to 10 s later) take seconds,
     * while the periodic background traffic (keepalives, telemetry every 30-90 s) is tens of seconds apart.
     */
    static final long EXCHANGE_GAP_NANOS = 15_000_000_000L;

    /** Below this, background traffic "stayed in kilobytes": 1 MB, the next decimal unit. */
    static final long KILOBYTES_LIMIT = 1_000_000;

    static final String CLAIM_KILOBYTES = "Background traffic stayed in kilobytes";
    static final String CLAIM_NO_VIDEO = "No video streamed in the background";

    /** What traffic alone cannot tell; shown with the claims. */
    public static final List<String> CAVEATS = List.of(
            "Traffic shows what the app fetched and sent, not what was on screen: a pre-loaded video may never be played.",
            "Notifications delivered through the platform's push channel (Google FCM, Apple APNs) are not TikTok's"
                    + " traffic and are not counted here.",
            "Sound or video played from an earlier download leaves no traffic; an app streaming audio in the"
                    + " background would show as background traffic at a steady rate, which these checks do not single out.");

    private StateReports() {
    }

    /** The report of {@code result}, with {@code thresholds} deciding what a video download is. */
    public static StateReport of(AnalysisResult result, StateThresholds thresholds) {
        Map<String, List<TikTokBins.Bin>> bins = TikTokBins.of(result.flows());
        List<DeviceStateReport> devices = new ArrayList<>();
        List<ScrollingSession> allSessions = new ArrayList<>();
        Map<Category, Pool> allCadence = new EnumMap<>(Category.class);
        int allDownloads = 0;
        long allDownloadBytes = 0;
        for (DeviceStates d : result.states()) {
            List<TikTokBins.Bin> b = bins.getOrDefault(d.device(), List.of());
            List<VideoBurst> bursts = videoBursts(b, thresholds);
            List<ScrollingSession> sessions = sessions(d, b, bursts, thresholds);
            Map<Category, Pool> cadence = cadence(d, b, thresholds);
            int downloads = 0;
            long downloadBytes = 0;
            for (VideoBurst burst : bursts) {
                if (burst.bytes() >= thresholds.minBurstBytes() && d.stateAt(burst.startNanos()) == AppState.BACKGROUND) {
                    downloads++;
                    downloadBytes += burst.bytes();
                }
            }
            devices.add(report(d.device(), d.foregroundBytes(), d.backgroundBytes(), d.foregroundNanos(),
                    d.backgroundNanos(), sessions, cadence, downloads, downloadBytes, thresholds));
            allSessions.addAll(sessions);
            cadence.forEach((c, p) -> allCadence.computeIfAbsent(c, k -> new Pool()).add(p));
            allDownloads += downloads;
            allDownloadBytes += downloadBytes;
        }
        allSessions.sort(Comparator.comparingLong(ScrollingSession::startNanos));
        DeviceStates t = result.totalStates();
        DeviceStateReport total = report(t.device(), t.foregroundBytes(), t.backgroundBytes(), t.foregroundNanos(),
                t.backgroundNanos(), allSessions, allCadence, allDownloads, allDownloadBytes, thresholds);
        return new StateReport(devices, total, CAVEATS);
    }

    private static DeviceStateReport report(String device, long fgBytes, long bgBytes, long fgNanos, long bgNanos,
            List<ScrollingSession> sessions, Map<Category, Pool> cadence, int downloads, long downloadBytes,
            StateThresholds thresholds) {
        List<BackgroundCadence> rows = new ArrayList<>();
        cadence.forEach((c, p) -> rows.add(p.row(c)));
        rows.sort(Comparator.comparingInt(BackgroundCadence::exchanges).reversed()
                .thenComparing(BackgroundCadence::category));
        int lone = 0;
        long loneBytes = 0;
        for (ScrollingSession session : sessions) {
            if (session.videos() == 1) {
                lone++;
                loneBytes += session.bytes();
            }
        }
        List<ClaimCheck> claims = List.of(kilobytes(bgBytes, bgNanos),
                noVideo(downloads, downloadBytes, bgNanos, thresholds, lone, loneBytes));
        return new DeviceStateReport(device, fgBytes, bgBytes, fgNanos, bgNanos, sessions, rows, downloads, downloadBytes,
                claims);
    }

    static ClaimCheck kilobytes(long bgBytes, long bgNanos) {
        if (bgNanos <= 0) {
            return new ClaimCheck(CLAIM_KILOBYTES, ClaimCheck.Verdict.NOT_MEASURED, "no background time in this capture");
        }
        String figures = ByteUnits.format(bgBytes) + " over " + duration(bgNanos) + " ("
                + ByteUnits.format(Math.round(bgBytes / (bgNanos / 60e9))) + "/min)";
        return new ClaimCheck(CLAIM_KILOBYTES, bgBytes < KILOBYTES_LIMIT ? ClaimCheck.Verdict.YES : ClaimCheck.Verdict.NO,
                figures);
    }

    /**
     * {@link #noVideo(int, long, long, StateThresholds)}, saying also how many scrolling sessions rest on
     * a single video download: the classifier takes such a download for watching only when it has a swipe's
     * shape, and had the app been out of sight it would have been video in the background, so the claim
     * names them rather than hiding them.
     */
    static ClaimCheck noVideo(int downloads, long downloadBytes, long bgNanos, StateThresholds thresholds,
            int loneSessions, long loneSessionBytes) {
        ClaimCheck c = noVideo(downloads, downloadBytes, bgNanos, thresholds);
        if (loneSessions == 0 || c.verdict() == ClaimCheck.Verdict.NOT_MEASURED) {
            return c;
        }
        return new ClaimCheck(c.claim(), c.verdict(), c.evidence() + "; " + loneSessions
                + (loneSessions == 1 ? " scrolling session rests" : " scrolling sessions rest") + " on a single video download ("
                + ByteUnits.format(loneSessionBytes) + " in all), counted as watching with low confidence: had the app"
                + " been out of sight, that was video in the background");
    }

    static ClaimCheck noVideo(int downloads, long downloadBytes, long bgNanos, StateThresholds thresholds) {
        if (bgNanos <= 0) {
            return new ClaimCheck(CLAIM_NO_VIDEO, ClaimCheck.Verdict.NOT_MEASURED, "no background time in this capture");
        }
        if (downloads == 0) {
            return new ClaimCheck(CLAIM_NO_VIDEO, ClaimCheck.Verdict.YES, "no video download while in the background");
        }
        if (downloads == 1) {
            return new ClaimCheck(CLAIM_NO_VIDEO, ClaimCheck.Verdict.NO, "1 video download of "
                    + ByteUnits.format(downloadBytes) + " while in the background, alone: a pre-load rather than watching,"
                    + " as far as traffic can tell");
        }
        return new ClaimCheck(CLAIM_NO_VIDEO, ClaimCheck.Verdict.NO, downloads + " video downloads of "
                + ByteUnits.format(downloadBytes) + " in all while in the background, never " + thresholds.enterBursts()
                + " within " + StateClassifier.duration(thresholds.enterWindow().toNanos())
                + ": pre-loads rather than watching, as far as traffic can tell");
    }

    private static List<VideoBurst> videoBursts(List<TikTokBins.Bin> bins, StateThresholds thresholds) {
        long[] starts = new long[bins.size()];
        long[] video = new long[bins.size()];
        for (int i = 0; i < bins.size(); i++) {
            TikTokBins.Bin b = bins.get(i);
            starts[i] = b.binStartNanos();
            video[i] = bytes(b, Category.VIDEO) + bytes(b, Category.LIVE);
        }
        return VideoBursts.find(starts, video, thresholds.bin().toNanos(), thresholds.burstGap().toNanos());
    }

    private static long bytes(TikTokBins.Bin b, Category c) {
        return b.downByCategory()[c.ordinal()] + b.upByCategory()[c.ordinal()];
    }

    private static List<ScrollingSession> sessions(DeviceStates d, List<TikTokBins.Bin> bins, List<VideoBurst> bursts,
            StateThresholds thresholds) {
        List<ScrollingSession> out = new ArrayList<>();
        for (StateInterval i : d.intervals()) {
            if (i.state() != AppState.FOREGROUND) {
                continue;
            }
            long bytes = 0;
            for (TikTokBins.Bin b : bins) {
                if (b.binStartNanos() >= i.startNanos() && b.binStartNanos() < i.endNanos()) {
                    bytes += b.bytes();
                }
            }
            int videos = 0;
            for (VideoBurst v : bursts) {
                if (v.bytes() >= thresholds.minBurstBytes() && v.startNanos() >= i.startNanos()
                        && v.startNanos() < i.endNanos()) {
                    videos++;
                }
            }
            out.add(new ScrollingSession(d.device(), i.startNanos(), i.endNanos(), bytes, videos));
        }
        return out;
    }

    /** Per category: the exchanges started in background intervals and the times between successive ones. */
    private static Map<Category, Pool> cadence(DeviceStates d, List<TikTokBins.Bin> bins, StateThresholds thresholds) {
        Map<Category, Pool> pools = new EnumMap<>(Category.class);
        long binNanos = thresholds.bin().toNanos();
        long gap = Math.max(EXCHANGE_GAP_NANOS, thresholds.bin().toNanos());
        for (Category c : Category.values()) {
            Pool pool = null;
            StateInterval current = null;
            long lastStart = Long.MIN_VALUE;
            long lastEnd = Long.MIN_VALUE;
            for (TikTokBins.Bin b : bins) {
                long bytes = bytes(b, c);
                if (bytes == 0) {
                    continue;
                }
                StateInterval in = intervalAt(d, b.binStartNanos());
                if (in == null || in.state() != AppState.BACKGROUND) {
                    continue;
                }
                if (pool == null) {
                    pool = pools.computeIfAbsent(c, k -> new Pool());
                }
                pool.bytes += bytes;
                boolean joins = in == current && b.binStartNanos() - lastEnd < gap;
                if (!joins) {
                    pool.exchanges++;
                    if (in == current) {
                        pool.intervals.add(b.binStartNanos() - lastStart);
                    }
                    lastStart = b.binStartNanos();
                    current = in;
                }
                lastEnd = b.binStartNanos() + binNanos;
            }
        }
        return pools;
    }

    private static StateInterval intervalAt(DeviceStates d, long nanos) {
        List<StateInterval> l = d.intervals();
        int lo = 0;
        int hi = l.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            StateInterval i = l.get(mid);
            if (nanos < i.startNanos()) {
                hi = mid - 1;
            } else if (nanos >= i.endNanos()) {
                lo = mid + 1;
            } else {
                return i;
            }
        }
        return null;
    }

    /** {@code 45 s}, {@code 55 min}, {@code 2 h 5 min}: rounded to what a claim needs. */
    static String duration(long nanos) {
        long s = Math.round(nanos / 1e9);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return Math.round(s / 60.0) + " min";
        }
        long m = Math.round(s / 60.0);
        return String.format(Locale.ROOT, "%d h %d min", m / 60, m % 60);
    }

    /** Exchanges, bytes and intervals of one category, pooled over intervals (and over devices for the total). */
    private static final class Pool {
        int exchanges;
        long bytes;
        final List<Long> intervals = new ArrayList<>();

        void add(Pool o) {
            exchanges += o.exchanges;
            bytes += o.bytes;
            intervals.addAll(o.intervals);
        }

        BackgroundCadence row(Category c) {
            long[] sorted = intervals.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            long median = sorted.length == 0 ? -1
                    : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            return new BackgroundCadence(c, exchanges, bytes, sorted.length, median);
        }
    }
}
