package org.toktrace.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.BackgroundCadence;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.Category;
import org.toktrace.model.ClaimCheck;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.ScrollingSession;
import org.toktrace.model.StateInterval;
import org.toktrace.model.StateReport;
import org.toktrace.model.TikTokBins;

/**
 * Derives the {@link StateReport} of an analysis from its flows (their bins and attribution) and its
 * states alone: a pure function, so live snapshots, finished analyses and results reloaded from
 * storage give the same figures.
 *
 * <p>Sessions are the foreground intervals; a video download is a download of the state model's
 * {@link Evidence} (video bins less than {@link Evidence#JOIN_SECONDS} apart, at least
 * {@link Evidence#MEDIA_MIN_BYTES}). An exchange of the background cadence is a run of bins with
 * bytes of one category, bins less than {@link #EXCHANGE_GAP_NANOS} apart joined.
 */
public final class StateReports {

    /**
     * Bins of one category closer than this belong to one background exchange: a request, its answer
     * and the teardown of its connection (a FIN or a QUIC close comes up to 10 s later) take seconds,
     * while the periodic background traffic (keepalives, telemetry every 30-90 s) is tens of seconds apart.
     */
    static final long EXCHANGE_GAP_NANOS = 15_000_000_000L;

    /** Below this, background traffic "stayed in kilobytes": 1 MB, the next decimal unit. */
    public static final long KILOBYTES_LIMIT = 1_000_000;

    /**
     * Background time shorter than this tells nothing about a rate: a minute or two of background
     * holds one or two pings, and a rate per hour built on it is noise.
     */
    public static final long MIN_BACKGROUND_NANOS = 120_000_000_000L;

    /** The largest pre-load: a download above it is more than the first seconds of a video. */
    static final long PRELOAD_MAX_BYTES = Evidence.PRELOAD_MAX_BYTES;

    /** Video bytes running this long on end, out of sight, are streaming, not a pre-load. */
    static final long STREAMING_NANOS = 10_000_000_000L;

    /**
     * Upload that lasts: at least {@link #UPLOAD_ACTIVE_SECONDS} seconds with {@link #UPLOAD_SECOND_BYTES}
     * or more up within {@link #UPLOAD_WINDOW_SECONDS}, and {@link #UPLOAD_WINDOW_BYTES} in all. A voice
     * stream at 24-32 kbit/s sends 3-4 kB every second, a camera far more; pings and logs send a few kB
     * once in tens of seconds.
     */
    static final int UPLOAD_WINDOW_SECONDS = 30;
    static final int UPLOAD_ACTIVE_SECONDS = 20;
    static final long UPLOAD_SECOND_BYTES = 1_000;
    static final long UPLOAD_WINDOW_BYTES = 60_000;

    static final String CLAIM_KILOBYTES = "Background traffic stayed in kilobytes";
    static final String CLAIM_NO_VIDEO = "No video streamed in the background";
    static final String CLAIM_NO_TRACKING = "No active tracking while closed or minimized";

    /**
     * The lines that decide the claims' verdicts, in plain words, for a report to print beside them:
     * built from the constants above, so the words and the verdicts cannot drift apart.
     */
    public static final List<String> THRESHOLDS = List.of(
            "\"Kilobytes\": the background total of a device is under " + ByteUnits.format(KILOBYTES_LIMIT)
                    + ", the next decimal unit; " + ByteUnits.format(KILOBYTES_LIMIT) + " or more does not hold.",
            "Enough time to tell: a claim is judged only on at least " + duration(MIN_BACKGROUND_NANOS)
                    + " of background time; with less (a minute holds a ping or two) the verdict is can't tell.",
            "A pre-load, which the claim allows: a video download out of sight of at most "
                    + ByteUnits.format(PRELOAD_MAX_BYTES) + " that is over in less than " + duration(STREAMING_NANOS)
                    + "; a larger one, or video bytes running " + duration(STREAMING_NANOS)
                    + " or more on end, is video in the background.",
            "Tracking as upload can show it: at least " + UPLOAD_ACTIVE_SECONDS + " s with "
                    + ByteUnits.format(UPLOAD_SECOND_BYTES) + " or more sent each second within "
                    + UPLOAD_WINDOW_SECONDS + " s, and " + ByteUnits.format(UPLOAD_WINDOW_BYTES)
                    + " in all, as a microphone or camera stream would send.");

    /** What traffic alone cannot tell; shown with the claims. */
    public static final List<String> CAVEATS = List.of(
            "Traffic shows what the app fetched and sent, not what was on screen: a pre-loaded video may never be played.",
            "Notifications delivered through the platform's push channel (Google FCM, Apple APNs) are not TikTok's"
                    + " traffic and are not counted here.",
            "Sound or video played from an earlier download leaves no traffic; video streamed while the app is out of"
                    + " sight looks like watching and is counted as foreground.",
            "Upload shows how much the app sent, not what: a sustained upload is what streaming from the camera or"
                    + " microphone would look like, and its absence rules out such streaming, not tracking by other means.");

    private StateReports() {
    }

    /** The report of {@code result}. */
    public static StateReport of(AnalysisResult result) {
        Map<Device.Id, List<FlowRecord>> flows = new HashMap<>();
        for (FlowRecord f : result.flows()) {
            if (f.attribution().isTikTok()) {
                flows.computeIfAbsent(Device.Id.of(f), k -> new ArrayList<>()).add(f);
            }
        }
        List<DeviceStateReport> devices = new ArrayList<>();
        List<ScrollingSession> allSessions = new ArrayList<>();
        Map<Category, Pool> allCadence = new EnumMap<>(Category.class);
        Background all = new Background();
        for (DeviceStates d : result.states()) {
            List<FlowRecord> deviceFlows = flows.getOrDefault(d.device(), List.of());
            List<TikTokBins.Bin> b = TikTokBins.of(deviceFlows).getOrDefault(d.device(), List.of());
            Evidence evidence = evidence(d, deviceFlows);
            List<ScrollingSession> sessions = sessions(d, b, evidence);
            Map<Category, Pool> cadence = cadence(d, b, deviceFlows);
            Background bg = background(d, evidence);
            devices.add(report(d.device(), d.foregroundBytes(), d.backgroundBytes(), d.foregroundNanos(),
                    d.backgroundNanos(), sessions, cadence, bg));
            allSessions.addAll(sessions);
            cadence.forEach((c, p) -> allCadence.computeIfAbsent(c, k -> new Pool()).add(p));
            all.add(bg);
        }
        allSessions.sort(Comparator.comparingLong(ScrollingSession::startNanos));
        DeviceStates t = result.totalStates();
        DeviceStateReport total = report(t.device(), t.foregroundBytes(), t.backgroundBytes(), t.foregroundNanos(),
                t.backgroundNanos(), allSessions, allCadence, all);
        return new StateReport(devices, total, CAVEATS, ThirdParties.of(result));
    }

    private static Evidence evidence(DeviceStates d, List<FlowRecord> flows) {
        if (d.intervals().isEmpty() || flows.isEmpty()) {
            return null;
        }
        long binNanos = flows.get(0).bins().binNanos();
        long first = d.intervals().get(0).startNanos();
        long end = d.intervals().get(d.intervals().size() - 1).endNanos();
        return Evidence.of(flows, StateClassifier.stepNanos(binNanos, first, end), end);
    }

    /** What one device (or all of them) did out of sight: downloads, streaming and upload. */
    static final class Background {
        int downloads;
        long downloadBytes;
        int lone;
        long largestDownload;
        long streamingNanos;
        long uploadBytes;
        long longestUploadNanos;
        long busiestUploadWindow;
        boolean sustainedUpload;

        void add(Background o) {
            downloads += o.downloads;
            downloadBytes += o.downloadBytes;
            lone += o.lone;
            largestDownload = Math.max(largestDownload, o.largestDownload);
            streamingNanos = Math.max(streamingNanos, o.streamingNanos);
            uploadBytes += o.uploadBytes;
            longestUploadNanos = Math.max(longestUploadNanos, o.longestUploadNanos);
            busiestUploadWindow = Math.max(busiestUploadWindow, o.busiestUploadWindow);
            sustainedUpload |= o.sustainedUpload;
        }
    }

    private static Background background(DeviceStates d, Evidence e) {
        Background bg = new Background();
        if (e == null) {
            return bg;
        }
        for (Evidence.Download w : e.downloads) {
            AppState s = d.stateAt(e.stepStart(w.first()));
            if (s != null && s.isBackground()) {
                bg.downloads++;
                bg.downloadBytes += w.bytes();
                bg.lone += w.viewing() ? 0 : 1;
                bg.largestDownload = Math.max(bg.largestDownload, w.bytes());
                bg.streamingNanos = Math.max(bg.streamingNanos, (w.last() - w.first() + 1) * e.stepNanos);
            }
        }
        // upload per second (a step may be longer: then its bytes spread over its seconds)
        long stepSeconds = Math.max(1, e.stepNanos / 1_000_000_000L);
        int window = (int) Math.max(1, UPLOAD_WINDOW_SECONDS / stepSeconds);
        long run = 0;
        long[] active = new long[e.steps + 1];
        long[] sums = new long[e.steps + 1];
        for (int i = 0; i < e.steps; i++) {
            AppState s = d.stateAt(e.stepStart(i));
            boolean out = s != null && s.isBackground();
            long upBytes = out ? e.up[i] : 0;
            bg.uploadBytes += upBytes;
            boolean busy = out && upBytes >= UPLOAD_SECOND_BYTES * stepSeconds;
            run = busy ? run + 1 : 0;
            bg.longestUploadNanos = Math.max(bg.longestUploadNanos, run * e.stepNanos);
            active[i + 1] = active[i] + (busy ? stepSeconds : 0);
            sums[i + 1] = sums[i] + upBytes;
            int from = Math.max(0, i + 1 - window);
            long windowBytes = sums[i + 1] - sums[from];
            bg.busiestUploadWindow = Math.max(bg.busiestUploadWindow, windowBytes);
            if (active[i + 1] - active[from] >= UPLOAD_ACTIVE_SECONDS && windowBytes >= UPLOAD_WINDOW_BYTES) {
                bg.sustainedUpload = true;
            }
        }
        return bg;
    }

    private static DeviceStateReport report(Device.Id device, long fgBytes, long bgBytes, long fgNanos, long bgNanos,
            List<ScrollingSession> sessions, Map<Category, Pool> cadence, Background bg) {
        List<BackgroundCadence> rows = new ArrayList<>();
        cadence.forEach((c, p) -> rows.add(p.row(c)));
        rows.sort(Comparator.comparingInt(BackgroundCadence::exchanges).reversed()
                .thenComparing(BackgroundCadence::category));
        List<ClaimCheck> claims = List.of(kilobytes(bgBytes, bgNanos), noVideo(bg, bgNanos), noTracking(bg, bgNanos));
        return new DeviceStateReport(device, fgBytes, bgBytes, fgNanos, bgNanos, sessions, rows, bg.downloads,
                bg.downloadBytes, claims);
    }

    static ClaimCheck kilobytes(long bgBytes, long bgNanos) {
        ClaimCheck tooShort = tooShort(CLAIM_KILOBYTES, bgNanos);
        if (tooShort != null) {
            return tooShort;
        }
        String figures = ByteUnits.format(bgBytes) + " over " + duration(bgNanos) + " of background ("
                + ByteUnits.format(Math.round(bgBytes / (bgNanos / 60e9))) + "/min; the line is "
                + ByteUnits.format(KILOBYTES_LIMIT) + ")";
        return new ClaimCheck(CLAIM_KILOBYTES, bgBytes < KILOBYTES_LIMIT ? ClaimCheck.Verdict.YES : ClaimCheck.Verdict.NO,
                figures);
    }

    /**
     * The claim allows pre-loads ("the first few seconds of a video"), so it holds when every video
     * download out of sight is one of that size and none runs on like a stream; it fails on a larger
     * download or on video bytes that run for {@link #STREAMING_NANOS} or more.
     */
    static ClaimCheck noVideo(Background bg, long bgNanos) {
        ClaimCheck tooShort = tooShort(CLAIM_NO_VIDEO, bgNanos);
        if (tooShort != null) {
            return tooShort;
        }
        if (bg.downloads == 0) {
            return new ClaimCheck(CLAIM_NO_VIDEO, ClaimCheck.Verdict.YES, "no video download out of sight in "
                    + duration(bgNanos));
        }
        String downloads = bg.downloads + (bg.downloads == 1 ? " video download of " : " video downloads of ")
                + ByteUnits.format(bg.downloadBytes) + (bg.downloads == 1 ? "" : " in all") + " out of sight";
        if (bg.streamingNanos >= STREAMING_NANOS) {
            return new ClaimCheck(CLAIM_NO_VIDEO, ClaimCheck.Verdict.NO, downloads + ", one of them running for "
                    + duration(bg.streamingNanos) + " on end: streaming, not a pre-load");
        }
        if (bg.largestDownload > PRELOAD_MAX_BYTES) {
            return new ClaimCheck(CLAIM_NO_VIDEO, ClaimCheck.Verdict.NO, downloads + ", the largest "
                    + ByteUnits.format(bg.largestDownload) + ": more than the first seconds of a video (a pre-load is at most "
                    + ByteUnits.format(PRELOAD_MAX_BYTES) + ")");
        }
        return new ClaimCheck(CLAIM_NO_VIDEO, ClaimCheck.Verdict.YES, downloads + ", each at most "
                + ByteUnits.format(bg.largestDownload) + " and over within seconds: pre-loads of the first seconds of a"
                + " video, which the claim allows");
    }

    /**
     * "No active tracking" as the upload side can show it: what streaming from the camera or the
     * microphone would send is upload that lasts ({@link #UPLOAD_WINDOW_SECONDS}).
     */
    static ClaimCheck noTracking(Background bg, long bgNanos) {
        ClaimCheck tooShort = tooShort(CLAIM_NO_TRACKING, bgNanos);
        if (tooShort != null) {
            return tooShort;
        }
        String figures = ByteUnits.format(bg.uploadBytes) + " sent in " + duration(bgNanos) + " out of sight; the"
                + " busiest " + UPLOAD_WINDOW_SECONDS + " s sent " + ByteUnits.format(bg.busiestUploadWindow)
                + ", the longest run of upload lasted " + duration(bg.longestUploadNanos);
        if (bg.sustainedUpload) {
            return new ClaimCheck(CLAIM_NO_TRACKING, ClaimCheck.Verdict.NO, "sustained upload, as streaming from the"
                    + " camera or microphone would send: " + figures);
        }
        return new ClaimCheck(CLAIM_NO_TRACKING, ClaimCheck.Verdict.YES, "no sustained upload: " + figures);
    }

    private static ClaimCheck tooShort(String claim, long bgNanos) {
        if (bgNanos <= 0) {
            return new ClaimCheck(claim, ClaimCheck.Verdict.NOT_MEASURED, "no background time in this capture");
        }
        if (bgNanos < MIN_BACKGROUND_NANOS) {
            return new ClaimCheck(claim, ClaimCheck.Verdict.NOT_MEASURED, "only " + duration(bgNanos)
                    + " of background: too short to tell (at least " + duration(MIN_BACKGROUND_NANOS) + " needed)");
        }
        return null;
    }

    private static List<ScrollingSession> sessions(DeviceStates d, List<TikTokBins.Bin> bins, Evidence e) {
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
            if (e != null) {
                for (Evidence.Download w : e.downloads) {
                    long at = e.stepStart(w.first());
                    if (at >= i.startNanos() && at < i.endNanos()) {
                        videos++;
                    }
                }
            }
            out.add(new ScrollingSession(d.device(), i.startNanos(), i.endNanos(), bytes, videos));
        }
        return out;
    }

    /** Per category: the exchanges started in background intervals and the times between successive ones. */
    private static Map<Category, Pool> cadence(DeviceStates d, List<TikTokBins.Bin> bins, List<FlowRecord> flows) {
        Map<Category, Pool> pools = new EnumMap<>(Category.class);
        long binNanos = flows.isEmpty() ? 1_000_000_000L : flows.get(0).bins().binNanos();
        long gap = Math.max(EXCHANGE_GAP_NANOS, binNanos);
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
                if (in == null || !in.state().isBackground()) {
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

    private static long bytes(TikTokBins.Bin b, Category c) {
        return b.downByCategory()[c.ordinal()] + b.upByCategory()[c.ordinal()];
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
