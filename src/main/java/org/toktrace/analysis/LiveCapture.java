package org.toktrace.analysis;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.toktrace.capture.CaptureInterfaces;
import org.toktrace.capture.LiveCaptureConfig;
import org.toktrace.model.LiveCaptureUnavailableException;
import org.toktrace.capture.LiveFrameSource;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureInterface;
import org.toktrace.model.Device;
import org.toktrace.model.LiveCaptureStats;

/**
 * A live capture on an interface, analysed as it runs by the same pipeline as a file: frames are
 * written to pcapng as they come, progress is published about four times a second and a snapshot
 * of the analysis so far about twice a second; {@link #stop()} (or the request's duration) ends it,
 * and {@link #result()} gives the final analysis of everything captured, as {@code analyze} would
 * give it for the written file. Used by the CLI and the desktop app alike.
 */
public final class LiveCapture {

    static final long TICK_NANOS = 250_000_000L;
    /** Snapshots every this many ticks. */
    static final int SNAPSHOT_TICKS = 2;

    private final LiveCaptureRequest request;
    private final LiveListener listener;
    private final LiveFrameSource source;
    private final PacketPipeline pipeline;
    private final ResultBuilder results;
    private final CompletableFuture<AnalysisResult> result = new CompletableFuture<>();
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private ScheduledExecutorService timer;
    private volatile List<Device> devices = List.of();
    private int ticks;

    private LiveCapture(LiveCaptureRequest request, AnalysisOptions options, LiveListener listener, LiveFrameSource source) {
        this.request = request;
        this.listener = listener;
        this.source = source;
        this.pipeline = new PacketPipeline(options, "live " + request.interfaceName());
        this.results = new ResultBuilder(pipeline, source, request.interfaceName(), options);
        this.thread = new Thread(this::run, "toktrace-live-analysis");
        this.thread.setDaemon(true);
    }

    /**
     * The interfaces to capture on, likely hotspots first.
     *
     * @throws LiveCaptureUnavailableException when libpcap cannot be loaded or cannot list them
     */
    public static List<CaptureInterface> interfaces() throws LiveCaptureUnavailableException {
        return CaptureInterfaces.list();
    }

    /**
     * Starts capturing and analysing; returns at once.
     *
     * @throws LiveCaptureUnavailableException when the capture cannot start (no libpcap, no
     *         permission, no such interface, a bad filter, an unwritable file): its message says
     *         what to do
     */
    public static LiveCapture start(LiveCaptureRequest request, AnalysisOptions options, LiveListener listener)
            throws LiveCaptureUnavailableException {
        LiveCaptureConfig config = LiveCaptureConfig.of(request.interfaceName(), request.filter(), request.writeTo())
                .withRotateBytes(request.rotateBytes());
        LiveFrameSource source = LiveFrameSource.start(config);
        LiveCapture capture = new LiveCapture(request, options, listener, source);
        capture.thread.start();
        if (request.duration() != null) {
            capture.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "toktrace-live-duration");
                t.setDaemon(true);
                return t;
            });
            capture.timer.schedule(capture::stop, request.duration().toNanos(), TimeUnit.NANOSECONDS);
        }
        return capture;
    }

    private void run() {
        try {
            pipeline.runLive(source, TICK_NANOS, this::tick);
            pipeline.finish();
            AnalysisResult r = results.result(true);
            devices = r.hotspotDevices();
            listener.progress(progress());
            result.complete(r);
        } catch (IOException | RuntimeException e) {
            pipeline.abandon();
            result.completeExceptionally(e);
        } finally {
            try {
                source.close();
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }

    /** On the pipeline thread, every tick: progress, and every few ticks a snapshot. */
    private void tick() {
        LiveProgress p = progress();
        listener.progress(p);
        if (++ticks % SNAPSHOT_TICKS == 0) {
            // states run to now, so a device leaves foreground during total silence as well
            long end = Math.max(pipeline.lastNanos(), System.currentTimeMillis() * 1_000_000L);
            results.snapshot(end, r -> {
                List<Device> d = r.hotspotDevices();
                devices = d;
                listener.snapshot(new LiveSnapshot(r, d, p));
            });
        }
    }

    private LiveProgress progress() {
        return new LiveProgress(source.stats(), pipeline.progress(source), System.nanoTime() - startNanos);
    }

    /** Stops the capture; the analysis reads what was captured before the stop, then ends. Any thread. */
    public void stop() {
        source.stop();
    }

    /** The capture's counters so far. */
    public LiveCaptureStats stats() {
        return source.stats();
    }

    /** The devices on the hotspot as of the last snapshot, or of the end. */
    public List<Device> devices() {
        return devices;
    }

    /** Whether the analysis has ended (the capture was stopped and every frame read). */
    public boolean done() {
        return result.isDone();
    }

    /**
     * Waits for the end (after {@link #stop()} or the duration) and returns the analysis of
     * everything captured.
     *
     * @throws IOException when reading the capture failed
     */
    public AnalysisResult result() throws IOException, InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }
}
