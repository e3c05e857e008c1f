package org.toktrace.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.toktrace.model.Category;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.TikTokBins;

/**
 * What one device's TikTok flows show, step by step (a step is one analysis bin, or a few when the
 * capture is very long): for each step a set of events, the observations of the {@link StateModel}.
 *
 * <p>Media is video and live bytes (and large downloads of TikTok flows no category was found for).
 * Media bins less than {@link #JOIN_SECONDS} apart form one <em>download</em>; one of at least
 * {@link #MEDIA_MIN_BYTES} is an event at its first step: {@link #VIEW} when covers or feed calls
 * come within {@link #CONTEXT_SECONDS} of it, or when it fetches several videos at once (the first
 * chunks of the next videos, fetched while scrolling); else {@link #LONE}, the shape of a pre-load,
 * up to {@link #PRELOAD_MAX_BYTES}, and {@link #LARGE} above it: more than the first seconds of a video.
 * A lone download on a connection that carried an earlier download at most
 * {@link #CONTINUE_SECONDS} before is {@link #CONTINUES}: the next chunk of the video playing,
 * fetched while it plays. A lone download on a new connection less than
 * {@link #REPEAT_SECONDS} after the start of another lone one is also {@link #REPEAT} (and no longer
 * {@link #LONE}): successive bare downloads are what a user swiping fetches, while a pre-load is the
 * first chunk of one video.
 * Covers, API calls and chatter (telemetry, ads, login, the rest) are events at their onset, after
 * {@link #QUIET_SECONDS} without that category; covers and calls beside a download belong to it.
 * {@link #SUSTAINED}: a download still running {@link #SUSTAIN_SECONDS} after its start (a stream).
 * {@link #TEARDOWN}: a connection of the app's own, open for at least {@link #LONG_LIVED_SECONDS},
 * closed by FIN or RST. Push keepalives are no event: they go on in every state.
 */
final class Evidence {
    static final int VIEW = 0;
    static final int LONE = 1;
    static final int SUSTAINED = 2;
    static final int IMAGE = 3;
    static final int API = 4;
    static final int CHATTER = 5;
    static final int TEARDOWN = 6;
    static final int LARGE = 7;
    static final int REPEAT = 8;
    static final int CONTINUES = 9;
    static final int EVENTS = 10;
    /**
     * Not an event but a condition: the step lies in a silence (no download, cover, call or post) long
     * enough to say the app is out of sight ({@link #markSilences}, none until it is called). Its bit
     * follows the events'.
     */
    static final int SILENT = EVENTS;
    /**
     * A second condition: the step lies more than {@link #LONGEST_LOOK_SECONDS} after the last video
     * download (and the capture's start) and more than {@link #CONTEXT_SECONDS} before the next or
     * the app opening that leads up to it. No look at one video lasts that long
     * (docs/traffic-behaviour.md), so posts and calls alone, at whatever cadence, do not hold the
     * screen ({@link #markUnseen}).
     */
    static final int UNSEEN = SILENT + 1;
    /** The conditions' bits and the events', together: the codes a step can take. */
    static final int CODES = 1 << (UNSEEN + 1);
    /** The events' bits of a code, without the conditions'. */
    private static final int EVENT_BITS = (1 << EVENTS) - 1;
    /** The longest look at one video before the next swipe: a long look is 60-120 s. */
    static final double LONGEST_LOOK_SECONDS = 120;

    /** Video bins closer than this are one download: a transfer at Wi-Fi rates never pauses so long. */
    static final double JOIN_SECONDS = 2;
    /**
     * The largest pre-load: the first seconds of one video, 100 kB-1.5 MB (docs/traffic-behaviour.md),
     * with the headers and acknowledgements the IP bytes count (5-10 % more).
     */
    static final long PRELOAD_MAX_BYTES = 1_650_000;
    /**
     * Media bins below this hold acknowledgements, a TLS close or a probe: they neither start, join nor
     * sustain a download.
     */
    static final long MEDIA_BIN_MIN_BYTES = 2_000;
    /** Bins of covers, calls or chatter below this are a connection's last acknowledgements, no exchange. */
    static final long ONSET_MIN_BYTES = 400;
    /** A download at least this large is a video chunk; below lie handshakes, manifests, probes. */
    static final long MEDIA_MIN_BYTES = 50_000;
    /** A lone download this soon after another one repeats it: the slow end of swiping (3-60 s a video). */
    static final double REPEAT_SECONDS = 60;
    /** Covers and feed calls this close to a download are fetched with it (a swipe's companions). */
    static final double CONTEXT_SECONDS = 3;
    /** Bytes of one category after this long without any are a new exchange. */
    static final double QUIET_SECONDS = 3;
    /** On screen the app posts its telemetry every 5-30 s (docs/traffic-behaviour.md): at most this far apart. */
    static final double TELEMETRY_GAP_SECONDS = 30;
    /**
     * The longest silence marked {@link #SILENT}: half as long again as the longest telemetry interval
     * on screen; the shortest is 15 s.
     */
    static final double SILENCE_SECONDS = 1.5 * TELEMETRY_GAP_SECONDS;
    static final double SHORTEST_SILENCE_SECONDS = 15;
    /** A download still running this long after it began is a stream, not a chunk. */
    static final double SUSTAIN_SECONDS = 4;
    /** Connections open this long are the app's long-lived ones, whose teardown marks a close. */
    static final double LONG_LIVED_SECONDS = 60;
    /** A TikTok flow of unknown category that downloads this much is taken for media. */
    static final long UNKNOWN_MEDIA_BYTES = 200_000;
    /** Images and calls below these sizes in a download's context are handshakes, not covers or calls. */
    static final long CONTEXT_IMAGE_BYTES = 10_000;
    static final long CONTEXT_API_BYTES = 2_000;
    /** A flow counts towards a download's videos when it carries at least this much of it. */
    static final long FLOW_SHARE_BYTES = 25_000;
    /**
     * The longest pause between two chunks of one playing video: a chunk of at most 2 MB at 0.5 Mbit/s
     * or more lasts at most 32 s of play (docs/traffic-behaviour.md). A download over a connection that
     * has been idle longer is a new fetch over a kept-alive connection, which is no sign of a video
     * playing on (a pre-load may reuse the connection of the last video watched).
     */
    static final double CONTINUE_SECONDS = 35;

    /** A connection's share of one download: the download's index and the bytes the connection carried of it. */
    private record Share(int download, long bytes) {
    }

    /** One download: steps {@code [first, last]}, its bytes, how many flows it spans, whether it was a viewing one. */
    record Download(int first, int last, long bytes, int flows, boolean viewing, boolean continues) {
    }

    final long stepNanos;
    /** The absolute index of step 0: its start is {@code firstStep * stepNanos}. */
    final long firstStep;
    final int steps;
    /** Per step, the events present, one bit per event index. */
    final short[] events;
    /** Per step, TikTok bytes by kind: media, covers, API, chatter, push; and all of them up. */
    final long[] media;
    final long[] image;
    final long[] api;
    final long[] chatter;
    final long[] push;
    final long[] up;
    final List<Download> downloads;
    /** Per step, the index into {@link #downloads} of the download covering it, or -1. */
    final int[] downloadAt;

    private Evidence(long stepNanos, long firstStep, int steps) {
        this.stepNanos = stepNanos;
        this.firstStep = firstStep;
        this.steps = steps;
        events = new short[steps];
        media = new long[steps];
        image = new long[steps];
        api = new long[steps];
        chatter = new long[steps];
        push = new long[steps];
        up = new long[steps];
        downloads = new ArrayList<>();
        downloadAt = new int[steps];
        Arrays.fill(downloadAt, -1);
    }

    long stepStart(int step) {
        return (firstStep + step) * stepNanos;
    }

    boolean has(int step, int event) {
        return (events[step] & (1 << event)) != 0;
    }

    /**
     * The evidence of one device's TikTok flows in steps of {@code stepNanos} (a multiple of the
     * flows' bin width), from the step of its first TikTok bin to the one holding {@code endNanos}
     * (the end of the capture), or null when the flows hold no bin.
     */
    static Evidence of(List<FlowRecord> flows, long stepNanos, long endNanos) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (FlowRecord f : flows) {
            FlowBins b = f.bins();
            if (b.size() > 0) {
                first = Math.min(first, Math.floorDiv(b.binStartNanos(0), stepNanos));
                last = Math.max(last, Math.floorDiv(b.binStartNanos(b.size() - 1), stepNanos));
            }
        }
        if (first > last) {
            return null;
        }
        last = Math.max(last, Math.floorDiv(Math.max(endNanos - 1, 0), stepNanos));
        Evidence e = new Evidence(stepNanos, first, Math.toIntExact(last - first + 1));
        e.fill(flows);
        e.findDownloads(flows);
        e.markOnsets();
        e.markTeardowns(flows);
        e.markUnseen();
        return e;
    }

    /** How many steps {@code seconds} is, at least one. */
    int stepsOf(double seconds) {
        return (int) Math.max(1, Math.round(seconds * 1e9 / stepNanos));
    }

    private static boolean isMedia(FlowRecord f, Category c) {
        return c == Category.VIDEO || c == Category.LIVE
                || (c == Category.OTHER && f.bytesDown() >= UNKNOWN_MEDIA_BYTES);
    }

    private int stepOf(long nanos) {
        long s = Math.floorDiv(nanos, stepNanos) - firstStep;
        return (int) Math.max(0, Math.min(steps - 1, s));
    }

    private void fill(List<FlowRecord> flows) {
        for (FlowRecord f : flows) {
            Category c = TikTokBins.categoryOf(f);
            boolean media = isMedia(f, c);
            long[] into = media ? this.media : switch (c) {
                case IMAGE -> image;
                case API -> api;
                case PUSH -> push;
                default -> chatter;
            };
            FlowBins b = f.bins();
            int exchanged = b.size() - closingBins(f);
            for (int i = 0; i < exchanged; i++) {
                int s = stepOf(b.binStartNanos(i));
                into[s] += b.bytesDown(i) + b.bytesUp(i);
                up[s] += b.bytesUp(i);
            }
        }
    }

    /**
     * How many of a flow's last bins hold nothing but its close: a connection ended by FIN or RST
     * whose trailing bins after its first each carry less than an exchange
     * ({@link #ONSET_MIN_BYTES}). When the app is swiped away every connection it holds closes in
     * the same second, and their closing packets together are no cover, call or post.
     */
    private static int closingBins(FlowRecord f) {
        if (f.end() != FlowEnd.FIN && f.end() != FlowEnd.RST) {
            return 0;
        }
        FlowBins b = f.bins();
        int n = 0;
        while (n + 1 < b.size() && b.bytesDown(b.size() - 1 - n) + b.bytesUp(b.size() - 1 - n) < ONSET_MIN_BYTES) {
            n++;
        }
        return n;
    }

    private void findDownloads(List<FlowRecord> flows) {
        int join = stepsOf(JOIN_SECONDS);
        int s = 0;
        while (s < steps) {
            if (media[s] < MEDIA_BIN_MIN_BYTES) {
                s++;
                continue;
            }
            int start = s;
            int end = s;
            long bytes = 0;
            int t = s;
            while (t < steps && t - end <= join) {
                if (media[t] >= MEDIA_BIN_MIN_BYTES) {
                    end = t;
                    bytes += media[t];
                }
                t++;
            }
            if (bytes >= MEDIA_MIN_BYTES) {
                for (int i = start; i <= end; i++) {
                    downloadAt[i] = downloads.size();
                }
                downloads.add(new Download(start, end, bytes, 0, false, false));
            } else {
                // a few kB to a video server (a handshake, a probe) is chatter, not a download
                for (int i = start; i <= end; i++) {
                    chatter[i] += media[i];
                    media[i] = 0;
                }
            }
            s = end + 1;
        }
        // the flows that carry a real share of each download: a previous video's FIN in the same
        // seconds is no second video
        int[] flowsPer = new int[downloads.size()];
        List<List<Share>> carried = new ArrayList<>(); // per media flow carrying two or more, its shares in order
        for (FlowRecord f : flows) {
            if (!isMedia(f, TikTokBins.categoryOf(f))) {
                continue;
            }
            FlowBins b = f.bins();
            List<Share> shares = new ArrayList<>();
            int current = -1;
            long bytes = 0;
            for (int i = 0; i <= b.size(); i++) {
                int d = i < b.size() ? downloadAt[stepOf(b.binStartNanos(i))] : -1;
                if (d != current) {
                    if (current >= 0 && bytes >= FLOW_SHARE_BYTES) {
                        flowsPer[current]++;
                        shares.add(new Share(current, bytes));
                    }
                    current = d;
                    bytes = 0;
                }
                if (i < b.size()) {
                    bytes += b.bytesDown(i) + b.bytesUp(i);
                }
            }
            if (shares.size() > 1) {
                carried.add(shares);
            }
        }
        int ctx = stepsOf(CONTEXT_SECONDS);
        boolean[] viewing = new boolean[downloads.size()];
        for (int d = 0; d < downloads.size(); d++) {
            Download w = downloads.get(d);
            long images = 0;
            long calls = 0;
            for (int i = Math.max(0, w.first() - ctx); i <= Math.min(steps - 1, w.last() + ctx); i++) {
                images += image[i];
                calls += api[i];
            }
            viewing[d] = images >= CONTEXT_IMAGE_BYTES || calls >= CONTEXT_API_BYTES || flowsPer[d] >= 2;
        }
        boolean[] continues = continuing(carried, viewing);
        for (int d = 0; d < downloads.size(); d++) {
            Download w = downloads.get(d);
            downloads.set(d, new Download(w.first(), w.last(), w.bytes(), flowsPer[d], viewing[d], continues[d]));
        }
    }

    /**
     * Which downloads go on with a video playing over a connection that carried one before: the
     * playing video's next chunk comes at most {@link #CONTINUE_SECONDS} after the previous one, and
     * a connection that began with a lone download (a pre-load's shape) plays a video on only once
     * it has carried more than a pre-load ({@link #PRELOAD_MAX_BYTES}): a pre-load fetched in a few
     * ranges is still one pre-load.
     *
     * @param carried per connection, its shares of downloads in order
     */
    private boolean[] continuing(List<List<Share>> carried, boolean[] viewing) {
        boolean[] continues = new boolean[downloads.size()];
        int pause = stepsOf(CONTINUE_SECONDS);
        for (List<Share> shares : carried) {
            int first = shares.get(0).download();
            long before = shares.get(0).bytes();
            int previousLast = downloads.get(first).last();
            for (Share share : shares.subList(1, shares.size())) {
                Download w = downloads.get(share.download());
                boolean playing = viewing[first] || before > PRELOAD_MAX_BYTES;
                continues[share.download()] |= playing && w.first() - previousLast <= pause;
                before += share.bytes();
                previousLast = w.last();
            }
        }
        return continues;
    }

    private void markOnsets() {
        int sustain = stepsOf(SUSTAIN_SECONDS);
        int repeat = stepsOf(REPEAT_SECONDS);
        int lastLone = Integer.MIN_VALUE / 2;
        for (Download d : downloads) {
            if (d.viewing()) {
                set(d.first(), VIEW);
            } else if (d.continues()) {
                set(d.first(), CONTINUES);
            } else {
                boolean again = d.first() - lastLone <= repeat;
                boolean large = d.bytes() > PRELOAD_MAX_BYTES;
                if (again) {
                    set(d.first(), REPEAT);
                }
                if (large || !again) {
                    set(d.first(), large ? LARGE : LONE);
                }
                lastLone = d.first();
            }
            for (int i = d.first() + sustain; i <= d.last(); i++) {
                if (media[i] >= MEDIA_BIN_MIN_BYTES) {
                    set(i, SUSTAINED);
                }
            }
        }
        // covers and calls within a download's context are its companions, already in its VIEW
        int ctx = stepsOf(CONTEXT_SECONDS);
        boolean[] besideDownload = new boolean[steps];
        for (Download d : downloads) {
            for (int i = Math.max(0, d.first() - ctx); i <= Math.min(steps - 1, d.last() + ctx); i++) {
                besideDownload[i] = true;
            }
        }
        int quiet = stepsOf(QUIET_SECONDS);
        onsets(image, quiet, besideDownload, IMAGE);
        onsets(api, quiet, besideDownload, API);
        onsets(chatter, quiet, null, CHATTER);
    }

    private void onsets(long[] bytes, int quiet, boolean[] excluded, int event) {
        int lastSeen = Integer.MIN_VALUE / 2;
        for (int s = 0; s < steps; s++) {
            if (bytes[s] < ONSET_MIN_BYTES) {
                continue;
            }
            if (s - lastSeen > quiet && (excluded == null || !excluded[s])) {
                set(s, event);
            }
            lastSeen = s;
        }
    }

    private void markTeardowns(List<FlowRecord> flows) {
        long longLived = (long) (LONG_LIVED_SECONDS * 1e9);
        for (FlowRecord f : flows) {
            if (TikTokBins.categoryOf(f) == Category.PUSH) {
                continue; // the push channel is the system's, and stays when the app is closed
            }
            if ((f.end() == FlowEnd.FIN || f.end() == FlowEnd.RST) && f.lastSeenNanos() - f.firstSeenNanos() >= longLived) {
                set(stepOf(f.lastSeenNanos()), TEARDOWN);
            }
        }
    }

    /** Marks {@link #SILENT} on every step of each silence at least {@code seconds} long, and on no other. */
    void markSilences(double seconds) {
        int least = Double.isInfinite(seconds) ? Integer.MAX_VALUE : stepsOf(seconds);
        short silent = (short) (1 << SILENT);
        for (int s = 0; s < steps; s++) {
            events[s] &= (short) ~silent;
        }
        int start = 0;
        for (int s = 0; s <= steps; s++) {
            boolean heard = s < steps && ((events[s] & EVENT_BITS) != 0 || media[s] >= MEDIA_BIN_MIN_BYTES
                    || image[s] + api[s] + chatter[s] >= ONSET_MIN_BYTES);
            if (heard || s == steps) {
                if (s - start >= least) {
                    for (int k = start; k < s; k++) {
                        set(k, SILENT);
                    }
                }
                start = s + 1;
            }
        }
    }

    /**
     * Whether step {@code k} holds viewing evidence: a download with covers or calls around it or of
     * several videos, the next chunk of a playing video, one larger than a pre-load, or a stream.
     */
    boolean viewingAt(int k) {
        int d = downloadAt[k];
        if (d < 0) {
            return false;
        }
        Download w = downloads.get(d);
        return w.viewing() || w.continues() || w.bytes() > PRELOAD_MAX_BYTES
                || (w.last() - w.first() + 1) * stepNanos >= (long) (SUSTAIN_SECONDS * 1e9);
    }

    /** Marks {@link #UNSEEN} on every step that far from a video download. */
    private void markUnseen() {
        int longest = stepsOf(LONGEST_LOOK_SECONDS);
        int ahead = stepsOf(CONTEXT_SECONDS);
        int[] next = new int[steps];
        int upcoming = Integer.MAX_VALUE / 2;
        for (int k = steps - 1; k >= 0; k--) {
            // the app opening: posts, calls and covers that lead up to a download without a pause
            boolean opening = image[k] + api[k] + chatter[k] >= ONSET_MIN_BYTES && upcoming - k <= ahead;
            if (downloadAt[k] >= 0 || opening) {
                upcoming = k;
            }
            next[k] = upcoming;
        }
        int last = 0; // the capture's start: what came before it is unknown
        for (int k = 0; k < steps; k++) {
            if (downloadAt[k] >= 0) {
                last = k;
            } else if (k - last > longest && next[k] - k > ahead) {
                set(k, UNSEEN);
            }
        }
    }

    private void set(int step, int event) {
        events[step] |= (short) (1 << event);
    }
}
