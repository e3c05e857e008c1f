package org.toktrace.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.toktrace.model.AppState;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.Category;
import org.toktrace.model.StateInterval;

/**
 * The online foreground/background state machine of one device (DESIGN.md section 5), fed TikTok
 * bytes per time bin and category in time order; files and live capture use it alike.
 *
 * <p>Rules, with the {@link StateThresholds} names: background enters foreground when
 * {@code enterBursts} video downloads (bursts of at least {@code minBurstBytes}) start within
 * {@code enterWindow}, or when video, image and live bytes are sustained over {@code sustainWindow}
 * (a stream). A lone burst enters only with both signs of a swipe — larger than {@code preloadMaxBytes}
 * and with image or API bytes within {@code burstGap} — once {@code enterWindow} has shown no second
 * one, with low confidence (or, with either sign, when the end of the capture cuts that window short).
 * A leading burst that came alone — at most {@code preloadMaxBytes}, no image or API bytes within
 * {@code burstGap} of it, the next burst more than {@code preloadGap} later — is what a pre-load looks
 * like: it neither counts nor dates the entry. Foreground leaves after {@code quiet} without an active
 * bin (video, image, live or API above {@code activityBytesPerSecond}), so pauses between videos and
 * single bursts do not flip the state; one fetch of the background's own shape more than
 * {@code preloadGap} from any other activity (a pre-load, an API sync) does not hold it either. Each change is dated back to its evidence: entry to the start
 * of the first counted burst (or active bin) that made it, exit to the end of the last activity; the bytes
 * of the bins in between move to the new interval. That is why the classifier keeps the last
 * {@link StateThresholds#lookBack()} of bins in a ring and the bursts of the same span, and nothing
 * older: memory is fixed whatever the capture's length, and there is no second pass.
 *
 * <p>Confidence of an interval: with {@code x} the interval's video/image/live volume per second
 * divided by the least rate the entry rule implies ({@code enterBursts * minBurstBytes / enterWindow}),
 * foreground gets {@code x / (1 + x)} and background {@code 1 / (1 + x)}: 0.5 at the threshold,
 * towards 1 the further the evidence lies on its state's side.
 *
 * <p>Bins before the bin being filled are late data: they are added to the open bin and counted in
 * {@link #lateBins()}. Not thread-safe; one instance per device.
 */
public final class StateClassifier {
    private static final int CATEGORIES = Category.values().length;
    private static final long NONE = Long.MIN_VALUE;
    /** The most an interval entered on a download the end of the capture cut short can be trusted. */
    static final double CENSORED_CONFIDENCE = 0.5;

    private final StateThresholds thresholds;
    private final long binNanos;
    private final long gapNanos;
    private final long enterWindowNanos;
    private final long sustainWindowNanos;
    private final long quietNanos;
    private final long preloadGapNanos;
    private final long lookBackNanos;
    private final long activityBytesPerBin;
    private final long sustainBytes;
    private final int sustainActiveBins;
    private final double referenceBytesPerSecond;

    // bins by absolute index modulo the ring's size; a slot whose index differs holds an older bin
    private final int ringSize;
    private final long[] ringIndex;
    private final long[][] ringBytes;
    private final int burstCapacity;
    private final ArrayDeque<VideoBurst> bursts = new ArrayDeque<>();
    private final BurstTracker tracker;
    // scratch for the bursts counted towards entering; grown only when the look-back holds more
    private VideoBurst[] counted = new VideoBurst[8];

    private boolean started;
    private boolean finished;
    private long openIndex;
    private final long[] openBytes = new long[CATEGORIES];
    private long reachedNanos;
    private long lastActivityEnd = NONE;
    // the last run of activity (active bins less than preloadGap apart): where the activity before it
    // ended, what it fetched, and every byte since that end, so an exit can be dated before the run
    // without keeping its bins
    private long previousRunEnd = NONE;
    private final long[] runBytes = new long[CATEGORIES];
    private final long[] sinceActivity = new long[CATEGORIES];
    private final long[] sincePreviousRun = new long[CATEGORIES];
    private long lateBins;

    private final List<StateInterval> done = new ArrayList<>();
    private AppState state = AppState.BACKGROUND;
    private long intervalStart;
    private String cause = "start of capture";
    private IntervalStats stats = new IntervalStats();
    // the most the open interval can be trusted: lowered while a foreground interval rests on one download
    private double confidenceCap = 1;

    public StateClassifier(StateThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        binNanos = thresholds.bin().toNanos();
        gapNanos = thresholds.burstGap().toNanos();
        enterWindowNanos = thresholds.enterWindow().toNanos();
        sustainWindowNanos = thresholds.sustainWindow().toNanos();
        quietNanos = thresholds.quiet().toNanos();
        preloadGapNanos = thresholds.preloadGap().toNanos();
        lookBackNanos = thresholds.lookBack().toNanos();
        double binSeconds = binNanos / 1e9;
        activityBytesPerBin = Math.max(1, (long) Math.ceil(thresholds.activityBytesPerSecond() * binSeconds));
        sustainBytes = (long) Math.ceil(thresholds.sustainBytesPerSecond() * (sustainWindowNanos / 1e9));
        int sustainBins = (int) Math.max(1, sustainWindowNanos / binNanos);
        sustainActiveBins = (int) Math.ceil(thresholds.sustainActiveFraction() * sustainBins);
        referenceBytesPerSecond = thresholds.enterBursts() * (double) thresholds.minBurstBytes()
                / (enterWindowNanos / 1e9);
        ringSize = (int) (lookBackNanos / binNanos) + 2;
        ringIndex = new long[ringSize];
        Arrays.fill(ringIndex, NONE);
        ringBytes = new long[ringSize][CATEGORIES];
        // bursts are at least one bin long and a gap apart, so the look-back holds at most this many
        burstCapacity = ringSize / 2 + 2;
        tracker = new BurstTracker(gapNanos);
    }

    public StateClassifier() {
        this(StateThresholds.defaults());
    }

    public StateThresholds thresholds() {
        return thresholds;
    }

    /**
     * Adds TikTok bytes of one category in the bin starting at {@code binStartNanos} (epoch ns, not
     * negative; rounded down to the classifier's bin). Several calls per bin are fine; bins must come
     * in time order, a bin whose successor was already fed is late data.
     */
    public void onBin(long binStartNanos, Category category, long bytesDown, long bytesUp) {
        Objects.requireNonNull(category, "category");
        if (finished) {
            throw new IllegalStateException("finished");
        }
        if (binStartNanos < 0) {
            throw new IllegalArgumentException("bin before the epoch: " + binStartNanos);
        }
        long index = binStartNanos / binNanos;
        if (!started) {
            started = true;
            openIndex = index;
            intervalStart = index * binNanos;
            reachedNanos = intervalStart;
        } else if (index > openIndex) {
            closeOpenBin();
            if (index > openIndex + 1) {
                evaluate(index * binNanos);
            }
            openIndex = index;
        } else if (index < openIndex) {
            lateBins++;
        }
        openBytes[category.ordinal()] = saturatedAdd(openBytes[category.ordinal()],
                saturatedAdd(Math.max(0, bytesDown), Math.max(0, bytesUp)));
    }

    /**
     * Tells the classifier that the clock reached {@code nowNanos} without more TikTok bytes, so
     * foreground can end during total silence; live capture calls it on a timer, files need not.
     * Bins fed afterwards for earlier times are late data.
     */
    public void advanceTo(long nowNanos) {
        if (finished || !started || nowNanos < (openIndex + 1) * binNanos) {
            return;
        }
        closeOpenBin();
        openIndex = nowNanos / binNanos;
        evaluate(openIndex * binNanos);
    }

    /** Ends the classification at {@code endNanos} (at least the end of the last bin fed). */
    public void finish(long endNanos) {
        if (finished) {
            return;
        }
        finished = true;
        if (!started) {
            return;
        }
        closeOpenBin();
        long end = Math.max(endNanos, reachedNanos);
        evaluate(end);
        finishBurst(tracker.close());
        boolean censored = state == AppState.BACKGROUND && enterOnCensoredTail(end);
        if (end > intervalStart) {
            StateInterval last = interval(state, intervalStart, end, stats, cause);
            if (censored && last.confidence() > CENSORED_CONFIDENCE) {
                last = new StateInterval(last.state(), last.startNanos(), last.endNanos(), CENSORED_CONFIDENCE,
                        last.reason());
            }
            done.add(last);
        }
        reachedNanos = end;
    }

    /** The intervals so far, contiguous and in order; the last one is still open unless finished. */
    public List<StateInterval> intervals() {
        List<StateInterval> all = new ArrayList<>(done);
        StateInterval now = finished ? null : current();
        if (now != null && now.durationNanos() > 0) {
            all.add(now);
        }
        return Collections.unmodifiableList(all);
    }

    /** The state now, from its start to the end of the last bin fed; null before any bin. */
    public StateInterval current() {
        if (!started) {
            return null;
        }
        if (finished) {
            return done.isEmpty() ? null : done.get(done.size() - 1);
        }
        long end = Math.max(reachedNanos, (openIndex + 1) * binNanos);
        return interval(state, intervalStart, end, stats, cause);
    }

    public AppState state() {
        return state;
    }

    /** Bins that arrived after a later bin and were added to it. */
    public long lateBins() {
        return lateBins;
    }

    /** Bins the look-back ring holds; fixed at construction. */
    int ringSize() {
        return ringSize;
    }

    /** Finished bursts kept for the look-back; never more than {@link #burstCapacity()}. */
    int retainedBursts() {
        return bursts.size();
    }

    int burstCapacity() {
        return burstCapacity;
    }

    private void closeOpenBin() {
        long start = openIndex * binNanos;
        long end = start + binNanos;
        int slot = (int) Math.floorMod(openIndex, (long) ringSize);
        ringIndex[slot] = openIndex;
        System.arraycopy(openBytes, 0, ringBytes[slot], 0, CATEGORIES);
        stats.addBin(openBytes);
        long video = video(openBytes);
        long media = media(openBytes);
        if (saturatedAdd(media, openBytes[Category.API.ordinal()]) >= activityBytesPerBin) {
            if (lastActivityEnd == NONE || start - lastActivityEnd > preloadGapNanos) {
                previousRunEnd = lastActivityEnd;
                Arrays.fill(runBytes, 0);
                System.arraycopy(sinceActivity, 0, sincePreviousRun, 0, CATEGORIES);
            }
            Arrays.fill(sinceActivity, 0);
            lastActivityEnd = end;
        } else {
            addTo(sinceActivity, openBytes);
        }
        addTo(runBytes, openBytes);
        addTo(sincePreviousRun, openBytes);
        if (video > 0) {
            finishBurst(tracker.add(start, end, video));
        }
        Arrays.fill(openBytes, 0);
        reachedNanos = Math.max(reachedNanos, end);
        evaluate(end);
    }

    private void evaluate(long now) {
        finishBurst(tracker.closeIfStale(now));
        if (state == AppState.BACKGROUND) {
            if (!enterOnBursts(now) && !enterOnStream(now)) {
                enterOnLoneSwipe(now);
            }
        } else if (lastActivityEnd == NONE || now - lastActivityEnd >= quietNanos || quietButForALoneFetch(now)) {
            long last = lastActivityEnd == NONE ? intervalStart : lastActivityEnd;
            if (lastRunIsBackgroundFetch()) {
                IntervalStats moved = new IntervalStats();
                moved.addBin(sincePreviousRun);
                transition(AppState.BACKGROUND, previousRunEnd, now, "left foreground: no video, image or API traffic for "
                        + duration(now - previousRunEnd) + " (" + duration(quietNanos) + " needed) but one lone fetch ("
                        + ByteUnits.format(video(runBytes)) + " video, " + ByteUnits.format(runBytes[Category.API.ordinal()])
                        + " API, no images), more than " + duration(preloadGapNanos)
                        + " from any other activity on either side, as the background's pre-loads and syncs come", moved);
            } else {
                transition(AppState.BACKGROUND, last, now, "left foreground: no video, image or API traffic for "
                        + duration(now - last) + " (" + duration(quietNanos) + " needed)");
            }
        }
        evict(now);
    }

    private boolean enterOnBursts(long now) {
        int count = 0;
        long bytes = 0;
        VideoBurst ongoing = tracker.ongoing();
        int n = bursts.size() + (ongoing == null ? 0 : 1);
        if (n > counted.length) {
            counted = new VideoBurst[Math.max(n, 2 * counted.length)];
        }
        Iterator<VideoBurst> it = bursts.iterator();
        for (int i = 0; i < n; i++) {
            VideoBurst b = it.hasNext() ? it.next() : ongoing;
            if (b.bytes() >= thresholds.minBurstBytes() && b.startNanos() >= now - enterWindowNanos
                    && b.startNanos() >= intervalStart) {
                counted[count++] = b;
                bytes = saturatedAdd(bytes, b.bytes());
            }
        }
        if (count < thresholds.enterBursts()) {
            Arrays.fill(counted, 0, count, null);
            return false;
        }
        // leading downloads that came alone, in a pre-load's size and not in the cadence of scrolling,
        // were fetched while the app was out of sight: they neither count nor date the entry
        int skipped = 0;
        long skippedBytes = 0;
        while (skipped < count - 1 && looksLikePreload(counted[skipped], counted[skipped + 1].startNanos())) {
            skippedBytes = saturatedAdd(skippedBytes, counted[skipped].bytes());
            skipped++;
        }
        long dated = counted[skipped].startNanos();
        Arrays.fill(counted, 0, count, null);
        if (count - skipped < thresholds.enterBursts()) {
            return false;
        }
        String why = (count - skipped) + " video downloads of at least " + ByteUnits.format(thresholds.minBurstBytes())
                + " (" + ByteUnits.format(bytes - skippedBytes) + ") within " + duration(now - dated);
        if (skipped > 0) {
            why += "; before them " + (skipped == 1 ? "a lone download" : skipped + " lone downloads") + " ("
                    + ByteUnits.format(skippedBytes) + ") without images or API calls, more than "
                    + duration(preloadGapNanos) + " before the next: a pre-load's shape, left in the background";
        }
        transition(AppState.FOREGROUND, dated, now, why);
        return true;
    }

    /**
     * A counted burst of a pre-load's size, the next one starting more than {@code preloadGap} later,
     * and no image or API activity within {@code burstGap} of it: a swipe brings the video's covers and
     * an API call with it, a pre-load comes alone.
     */
    private boolean looksLikePreload(VideoBurst b, long nextStart) {
        return nextStart - b.startNanos() > preloadGapNanos && hasPreloadShape(b);
    }

    /**
     * The end of the capture came less than {@code enterWindow} after the start of a download, so
     * whether a second one would have followed cannot be seen. A download that does not have a
     * pre-load's shape (larger than {@code preloadMaxBytes}, or with covers or API calls around it)
     * is then taken as the start of a session, dated to it, with a confidence of at most
     * {@link #CENSORED_CONFIDENCE}; one of a pre-load's shape stays in the background. Without this
     * rule, a person who opens the app in the last seconds of a capture would have their video
     * counted as background traffic (decision record 0011).
     */
    private boolean enterOnCensoredTail(long end) {
        for (VideoBurst b : bursts) {
            if (b.bytes() >= thresholds.minBurstBytes() && b.startNanos() >= intervalStart
                    && end - b.startNanos() < enterWindowNanos && !hasPreloadShape(b)) {
                transition(AppState.FOREGROUND, b.startNanos(), end, "the capture ends "
                        + duration(end - b.endNanos()) + " after a video download of " + ByteUnits.format(b.bytes())
                        + (b.bytes() > thresholds.preloadMaxBytes() ? ", larger than a pre-load"
                                : " with covers or API calls around it")
                        + ", before the " + duration(enterWindowNanos)
                        + " that would show a second one: taken as the start of a session, with low confidence");
                return true;
            }
        }
        return false;
    }

    /** At most {@code preloadMaxBytes}, and no image or API activity within {@code burstGap} of it. */
    private boolean hasPreloadShape(VideoBurst b) {
        return b.bytes() <= thresholds.preloadMaxBytes() && companionBytes(b) < activityBytesPerBin;
    }

    /** Image and API bytes in the bins within {@code burstGap} of {@code b} that the ring still holds. */
    private long companionBytes(VideoBurst b) {
        long companions = 0;
        for (long i = (b.startNanos() - gapNanos) / binNanos; i < (b.endNanos() + gapNanos) / binNanos; i++) {
            int slot = (int) Math.floorMod(i, (long) ringSize);
            if (ringIndex[slot] == i) {
                companions = saturatedAdd(companions, saturatedAdd(ringBytes[slot][Category.IMAGE.ordinal()],
                        ringBytes[slot][Category.API.ordinal()]));
            }
        }
        return companions;
    }

    private boolean enterOnStream(long now) {
        long last = now / binNanos - 1;
        long first = Math.max((now - sustainWindowNanos) / binNanos, last - ringSize + 1);
        long media = 0;
        int active = 0;
        long firstActive = NONE;
        for (long i = first; i <= last; i++) {
            int slot = (int) Math.floorMod(i, (long) ringSize);
            if (ringIndex[slot] != i) {
                continue;
            }
            long m = media(ringBytes[slot]);
            if (m > 0) {
                active++;
                media = saturatedAdd(media, m);
                if (firstActive == NONE) {
                    firstActive = i * binNanos;
                }
            }
        }
        if (active >= sustainActiveBins && media >= sustainBytes) {
            transition(AppState.FOREGROUND, firstActive, now, "video/images in " + active + " of the last "
                    + duration(sustainWindowNanos / binNanos * binNanos) + " ("
                    + ByteUnits.format(media) + ", " + rate(media, sustainWindowNanos) + ")");
            return true;
        }
        return false;
    }

    /**
     * A session of one video in the middle of a capture: a counted download that no second one followed
     * within {@code enterWindow}, larger than {@code preloadMaxBytes} and with covers or API calls within
     * {@code burstGap} of it, is a swipe, not a pre-load (which is smaller and comes alone); it enters
     * foreground dated to it, with a confidence of at most {@link #CENSORED_CONFIDENCE} while it is the
     * interval's only download. Both signs are needed, not one as at the end of the capture, because here
     * the absence of a second download is itself seen, and speaks for the background; a large download
     * alone still stays background, where the claims check reports it as video in the background.
     */
    private void enterOnLoneSwipe(long now) {
        for (VideoBurst b : bursts) {
            if (b.bytes() > thresholds.preloadMaxBytes() && b.startNanos() >= intervalStart
                    && now - b.startNanos() >= enterWindowNanos && companionBytes(b) >= activityBytesPerBin) {
                // decided a window late: the quiet minute still runs from the download's own activity
                long activity = lastActivityEnd;
                transition(AppState.FOREGROUND, b.startNanos(), now, "a video download of " + ByteUnits.format(b.bytes())
                        + ", larger than a pre-load, with covers or API calls around it and no second download within "
                        + duration(enterWindowNanos) + ": a session of one video, with low confidence");
                confidenceCap = CENSORED_CONFIDENCE;
                lastActivityEnd = activity;
                return;
            }
        }
    }

    /**
     * The quiet minute, not counting one fetch of the background's own shape that came alone: more than
     * {@code preloadGap} after the activity before it and, by {@code now}, more than {@code preloadGap}
     * before any after it. A pre-load or sync between two sessions less than a minute from each would
     * otherwise join them into one; a swipe in the middle of a session has covers or an API call with
     * it, or is larger than a pre-load, so it still holds the state.
     */
    private boolean quietButForALoneFetch(long now) {
        return previousRunEnd != NONE && now - lastActivityEnd > preloadGapNanos && now - previousRunEnd >= quietNanos
                && lastRunIsBackgroundFetch();
    }

    /**
     * Whether foreground's last run of activity, after more than {@code preloadGap} without any, is one
     * fetch of the kind the background makes by itself: no images, and either video of a pre-load's
     * size without API calls, or API calls without a video download. A swipe brings a video with its
     * covers or an API call. Only when what comes before still holds {@code enterBursts} downloads.
     */
    private boolean lastRunIsBackgroundFetch() {
        if (previousRunEnd == NONE || previousRunEnd <= intervalStart
                || runBytes[Category.IMAGE.ordinal()] >= activityBytesPerBin) {
            return false;
        }
        long video = video(runBytes);
        boolean api = runBytes[Category.API.ordinal()] >= activityBytesPerBin;
        boolean download = video >= thresholds.minBurstBytes();
        if (download ? api || video > thresholds.preloadMaxBytes() : !api) {
            return false;
        }
        return stats.downloads - (download ? 1 : 0) >= thresholds.enterBursts();
    }

    private static void addTo(long[] sum, long[] bin) {
        for (int c = 0; c < CATEGORIES; c++) {
            sum[c] = saturatedAdd(sum[c], bin[c]);
        }
    }

    private void transition(AppState next, long boundary, long now, String why) {
        transition(next, boundary, now, why, null);
    }

    /**
     * Closes the current interval at {@code boundary}, moving the bins and bursts after it to the new one;
     * {@code movedBins}, when given, are the bytes of the bins after the boundary (for a boundary older
     * than the ring), else they are read from the ring.
     */
    private void transition(AppState next, long boundary, long now, String why, IntervalStats movedBins) {
        long b = Math.min(Math.max(boundary, intervalStart), now);
        IntervalStats moved = movedBins == null ? new IntervalStats() : movedBins;
        long fromIndex = Math.floorDiv(b + binNanos - 1, binNanos);
        long toIndex = reachedNanos / binNanos - 1;
        for (long i = Math.max(fromIndex, toIndex - ringSize + 1); movedBins == null && i <= toIndex; i++) {
            int slot = (int) Math.floorMod(i, (long) ringSize);
            if (ringIndex[slot] == i) {
                moved.addBin(ringBytes[slot]);
            }
        }
        for (VideoBurst burst : bursts) {
            if (burst.startNanos() >= b) {
                moved.addBurst(burst, thresholds.minBurstBytes());
            }
        }
        if (b > intervalStart) {
            done.add(interval(state, intervalStart, b, stats.minus(moved), cause));
        }
        state = next;
        confidenceCap = 1;
        intervalStart = b;
        cause = why;
        stats = moved;
        if (next == AppState.FOREGROUND) {
            // the evidence that entered foreground is itself activity
            lastActivityEnd = Math.max(lastActivityEnd, now);
        }
    }

    private void finishBurst(VideoBurst burst) {
        if (burst == null) {
            return;
        }
        bursts.addLast(burst);
        stats.addBurst(burst, thresholds.minBurstBytes());
        while (bursts.size() > burstCapacity) {
            bursts.removeFirst();
        }
    }

    private void evict(long now) {
        while (!bursts.isEmpty() && bursts.peekFirst().endNanos() < now - lookBackNanos - gapNanos) {
            bursts.removeFirst();
        }
    }

    private StateInterval interval(AppState s, long start, long end, IntervalStats st, String why) {
        long nanos = end - start;
        double seconds = Math.max(nanos, 1) / 1e9;
        double x = media(st.bytes) / seconds / referenceBytesPerSecond;
        double confidence = s == AppState.FOREGROUND ? x / (1 + x) : 1 / (1 + x);
        if (!(confidence >= 0 && confidence <= 1)) {
            confidence = 0.5;
        }
        if (s == AppState.FOREGROUND && st.downloads < thresholds.enterBursts()) {
            confidence = Math.min(confidence, confidenceCap);
        }
        long image = st.bytes[Category.IMAGE.ordinal()];
        long api = st.bytes[Category.API.ordinal()];
        long other = st.total() - media(st.bytes) - api;
        StringBuilder r = new StringBuilder(160).append(why).append("; in ").append(duration(nanos)).append(": ");
        if (s == AppState.FOREGROUND) {
            r.append(st.downloads).append(st.downloads == 1 ? " video download (" : " video downloads (")
                    .append(ByteUnits.format(st.downloadBytes)).append("), ")
                    .append(ByteUnits.format(video(st.bytes))).append(" video, ")
                    .append(ByteUnits.format(image)).append(" images, ")
                    .append(ByteUnits.format(api)).append(" API, ")
                    .append(ByteUnits.format(other)).append(" other");
        } else {
            if (st.downloads == 0) {
                r.append("0 video downloads");
            } else {
                r.append(st.downloads).append(st.downloads == 1 ? " lone video download (" : " video downloads, never ")
                        .append(st.downloads == 1 ? "" : thresholds.enterBursts() + " within "
                                + duration(enterWindowNanos) + " (")
                        .append(ByteUnits.format(st.downloadBytes)).append(')');
            }
            r.append(", ").append(ByteUnits.format(media(st.bytes))).append(" video/images, ")
                    .append(ByteUnits.format(api)).append(" API, ")
                    .append(ByteUnits.format(other)).append(" push/telemetry/other");
        }
        return new StateInterval(s, start, end, confidence, r.toString());
    }

    private static long video(long[] bytes) {
        return saturatedAdd(bytes[Category.VIDEO.ordinal()], bytes[Category.LIVE.ordinal()]);
    }

    private static long media(long[] bytes) {
        return saturatedAdd(video(bytes), bytes[Category.IMAGE.ordinal()]);
    }

    static long saturatedAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }

    private static String rate(long bytes, long nanos) {
        return ByteUnits.format((long) (bytes / Math.max(nanos / 1e9, 1e-9))) + "/s";
    }

    /** {@code 45 s}, {@code 3 min 20 s}, {@code 2 h 5 min}. */
    static String duration(long nanos) {
        long s = Math.max(0, nanos) / 1_000_000_000L;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, s % 3600 / 60);
    }

    /** Volumes of one interval so far: bytes per category and the video downloads that finished in it. */
    private static final class IntervalStats {
        final long[] bytes = new long[CATEGORIES];
        int downloads;
        long downloadBytes;

        void addBin(long[] bin) {
            for (int c = 0; c < CATEGORIES; c++) {
                bytes[c] = saturatedAdd(bytes[c], bin[c]);
            }
        }

        void addBurst(VideoBurst burst, long minBytes) {
            if (burst.bytes() >= minBytes) {
                downloads++;
                downloadBytes = saturatedAdd(downloadBytes, burst.bytes());
            }
        }

        long total() {
            long t = 0;
            for (long b : bytes) {
                t = saturatedAdd(t, b);
            }
            return t;
        }

        IntervalStats minus(IntervalStats o) {
            IntervalStats r = new IntervalStats();
            for (int c = 0; c < CATEGORIES; c++) {
                r.bytes[c] = Math.max(0, bytes[c] - o.bytes[c]);
            }
            r.downloads = Math.max(0, downloads - o.downloads);
            r.downloadBytes = Math.max(0, downloadBytes - o.downloadBytes);
            return r;
        }
    }
}
