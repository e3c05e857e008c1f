package org.toktrace.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.toktrace.capture.FrameSource;
import org.toktrace.capture.LiveFrameSource;
import org.toktrace.attribute.Attributor;
import org.toktrace.attribute.InMemoryNameMemory;
import org.toktrace.attribute.NameMemory;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.dissect.DeviceNameParser;
import org.toktrace.dissect.DnsListener;
import org.toktrace.dissect.FlowDissection;
import org.toktrace.dissect.PayloadDissectors;
import org.toktrace.dissect.PayloadGate;
import org.toktrace.dissect.ReassemblyGiveUps;
import org.toktrace.flow.FlowSink;
import org.toktrace.flow.FlowTable;
import org.toktrace.flow.FlowTableConfig;
import org.toktrace.model.Attribution;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.LearnedName;
import org.toktrace.model.LinkTypeNames;
import org.toktrace.model.PacketCounters;

/**
 * One pass over the frames of a source: decode, follow flows, count. Files and live capture run
 * this same loop; the per-frame path allocates nothing.
 */
final class PacketPipeline implements FlowSink, DnsListener {

    /** Frames between two looks at the clock for progress and cancellation (a power of two). */
    private static final int CHECK_EVERY = 1 << 14;
    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;

    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();
    private final FlowTable table;
    /** Every flow's dissection, by flow id: the worker's, fed the packet thread's copies in capture order. */
    private final FlowDissection dissection;
    /** The finished flows, attributed as far as the capture tells; the worker's until finish() has waited for it. */
    private final FlowStore finished;
    /*
     * Dissection and attribution run on a thread of their own, fed in capture order (the packets
     * under inspection, finished flows), so the packet thread rarely waits for them: it is rare work
     * (a few thousand events per GB) but cold code in a fresh JVM, and the second core is otherwise
     * idle. The attributor and the two lists below belong to that thread until finish() has waited
     * for it.
     */
    private final ThreadPoolExecutor attribution;
    /*
     * Tasks reach the worker in batches: handing each one over by itself costs a wake-up of the
     * parked worker (a futex call on each side and a context switch) per task, more CPU than the
     * dissection itself.
     * A batch goes when it is full, when its oldest task has waited BATCH_MAX_AGE_NANOS (checked at
     * the next task or progress report), and at the end.
     */
    private static final int BATCH_SIZE = 256;
    private static final long BATCH_MAX_AGE_NANOS = 100_000_000L;
    /** Batches waiting for the worker at most; bounds the packet copies held (each at most a frame). */
    private static final int WORKER_QUEUE = 32;
    private final Runnable[] batch = new Runnable[BATCH_SIZE];
    private int batched;
    private long batchStartNanos;
    private final AtomicReference<RuntimeException> attributionFailure = new AtomicReference<>();
    /** The worker ran out of memory: its work since is skipped, and the run ends at the packet thread's next look. */
    private volatile boolean workerOutOfMemory;
    /** The run stopped reading because memory ran low ({@link MemoryGuard}), with the flows so far intact. */
    private boolean stoppedForMemory;
    private Attributor attributor;
    private final Supplier<List<LearnedName>> knownNames;
    /** Flows reported by the table so far (the packet thread's count, for progress). */
    private long flowsFinished;

    private long frames;
    private long capturedBytes;
    private long ipPackets;
    private long ipBytes;
    private long nonIp;
    private long malformed;
    /** IP packets longer than their frames (offload captures), counted in their flows too. */
    private long truncated;
    private long unsupportedLink;
    /** Frames per link type the decoder does not know, indexed by link type; made at the first such frame. */
    private long[] unsupportedByLinkType;
    private final BitSet linkTypesSeen = new BitSet(1 << 16);
    /** Names devices give themselves (DHCP, mDNS): rare packets, read on the packet thread. */
    private final DeviceDirectory devices = new DeviceDirectory();
    private final DeviceNameParser deviceNames = new DeviceNameParser(devices);
    /** A live snapshot is being made on the worker: skip the next request rather than queue them up. */
    private final AtomicBoolean snapshotPending = new AtomicBoolean();
    /** The worker's empty name memory for snapshots: the real one is asked for only at the end. */
    private NameMemory noMemory;
    private long firstNanos;
    private long lastNanos;

    PacketPipeline(AnalysisOptions options, String captureLabel) {
        MemoryGuard.install();
        this.knownNames = options.knownNames();
        this.finished = new FlowStore(options.flowsInMemory());
        // one worker, in order; a bounded queue makes the packet thread wait rather than pile up
        // copies of packets when the worker falls behind
        this.attribution = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WORKER_QUEUE),
                r -> {
                    Thread t = new Thread(r, "toktrace-dissect-attribute");
                    t.setDaemon(true);
                    // a worker that dies (out of memory outside a task) must not leave the packet thread
                    // waiting for it: the flag ends the run; the handler allocates nothing, so it cannot fail
                    t.setUncaughtExceptionHandler((thread, e) -> workerOutOfMemory = true);
                    return t;
                },
                (task, executor) -> {
                    try {
                        while (!executor.getQueue().offer(task, 100, TimeUnit.MILLISECONDS)) {
                            if (workerOutOfMemory || executor.isShutdown()) {
                                return; // the run is over: its work is dropped, the packet thread ends it
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted while the worker was behind", e);
                    }
                });
        onAttributionThread(() -> attributor = Attributor.withBundledData(new InMemoryNameMemory(List.of()), captureLabel));
        handOverBatch(); // start loading the catalog now, while the first frames are read
        this.dissection = new FlowDissection(this);
        this.table = new FlowTable(FlowTableConfig.defaults()
                .withMaxFlows(options.maxFlows())
                .withBinNanos(options.bin().toNanos()), this,
                new PayloadGate(), copy -> onAttributionThread(() -> dissection.payload(copy)));
    }

    /**
     * Reads the source to its end, or until {@code cancelled} says so.
     *
     * @return false when cancelled
     */
    boolean run(FrameSource source, AnalysisListener listener, BooleanSupplier cancelled) throws IOException {
        return run(source, listener, cancelled, 0, null);
    }

    /**
     * As {@link #run(FrameSource, AnalysisListener, BooleanSupplier)}, also calling {@code partialDue}
     * on this thread every {@code partialEveryNanos} (at a progress report) when it is not null.
     */
    boolean run(FrameSource source, AnalysisListener listener, BooleanSupplier cancelled, long partialEveryNanos,
            Runnable partialDue) throws IOException {
        long nextReport = System.nanoTime() + PROGRESS_INTERVAL_NANOS;
        long nextPartial = System.nanoTime() + partialEveryNanos;
        while (source.next()) {
            onFrame(source);
            if ((frames & (CHECK_EVERY - 1)) == 0) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                if (outOfMemory()) {
                    return false;
                }
                long now = System.nanoTime();
                if (now >= nextReport) {
                    nextReport = now + PROGRESS_INTERVAL_NANOS;
                    handOverBatch();
                    listener.progress(progress(source));
                    if (partialDue != null && now >= nextPartial) {
                        nextPartial = now + partialEveryNanos;
                        partialDue.run();
                    }
                }
            }
        }
        return true;
    }

    /**
     * Reads a live source until it ends (after a stop, every frame captured before it); calls
     * {@code tick} on this thread every {@code tickNanos}, also while no frames come.
     */
    void runLive(LiveFrameSource source, long tickNanos, Runnable tick) throws IOException {
        long nextTick = System.nanoTime() + tickNanos;
        while (true) {
            if (source.awaitFrame(Math.max(0, nextTick - System.nanoTime()))) {
                if (!source.next()) {
                    return;
                }
                onFrame(source);
            }
            if ((frames & (CHECK_EVERY - 1)) == 0 && outOfMemory()) {
                return;
            }
            long now = System.nanoTime();
            if (now >= nextTick) {
                nextTick = now + tickNanos;
                handOverBatch(); // in silence no next task would send the batch on
                tick.run();
            }
        }
    }

    /**
     * Hands the flows so far, open ones included and all attributed from what the capture has
     * shown, to {@code consumer} on the worker thread, in id order; does nothing while the last
     * such request is still being served. Call on the packet thread.
     *
     * @return false when skipped for that reason
     */
    boolean snapshotFlows(Consumer<List<FlowRecord>> consumer) {
        if (!snapshotPending.compareAndSet(false, true)) {
            return false;
        }
        List<FlowRecord> open = new ArrayList<>(table.activeFlows());
        table.snapshotOpenFlows(open::add);
        onAttributionThread(() -> {
            try {
                if (noMemory == null) {
                    noMemory = new InMemoryNameMemory(List.of());
                }
                // the flows on disk, if any, appear in the final result only: a snapshot stays in the heap
                List<FlowRecord> all = finished.inMemory(f -> f.withAttribution(attributor.fromElsewhere(f, noMemory)));
                for (FlowRecord o : open) {
                    FlowNames names = dissection.names(o.id());
                    FlowRecord f = names == null ? o : o.withNames(names);
                    all.add(f.withAttribution(attributor.fromCapture(f).orElseGet(() -> attributor.fromElsewhere(f, noMemory))));
                }
                all.sort((a, b) -> Long.compare(a.id(), b.id()));
                consumer.accept(all);
            } finally {
                snapshotPending.set(false);
            }
        });
        handOverBatch(); // now, not with the next batch
        return true;
    }

    /** The devices that announced themselves so far (DHCP, mDNS), with their names; any thread. */
    List<Device> announcedDevices() {
        return devices.announced();
    }

    private void onFrame(FrameSource source) {
        long ts = source.timestampNanos();
        int linkType = source.linkType();
        int captured = source.capturedLength();
        if (frames == 0) {
            firstNanos = ts;
        }
        frames++;
        capturedBytes += captured;
        lastNanos = ts;
        linkTypesSeen.set(linkType & 0xFFFF);
        ByteBuffer buffer = source.buffer();
        DecodeStatus status = decoder.decode(buffer, source.frameOffset(), captured,
                source.originalLength(), linkType, view);
        switch (status) {
            case IP -> {
                ipPackets++;
                ipBytes += view.ipLength();
                if (view.lengthBeyondFrame()) {
                    truncated++;
                }
                table.onPacket(view, buffer, ts);
                if (DeviceNameParser.mayCarryName(view)) {
                    deviceNames.onPacket(view, buffer);
                }
            }
            case NOT_IP -> nonIp++;
            case MALFORMED -> malformed++;
            case UNSUPPORTED_LINK -> {
                unsupportedLink++;
                if (unsupportedByLinkType == null) {
                    unsupportedByLinkType = new long[1 << 16];
                }
                unsupportedByLinkType[linkType & 0xFFFF]++;
            }
        }
    }

    AnalysisProgress progress(FrameSource source) {
        return new AnalysisProgress(source.position(), source.size(), frames, table.activeFlows(), flowsFinished);
    }

    /** Finishes every open flow and attributes those the capture could not name; call once, after {@link #run}. */
    void finish() {
        table.finishAll();
        onAttributionThread(() -> {
            NameMemory known = new InMemoryNameMemory(knownNames.get());
            NameMemory thisCapture = new InMemoryNameMemory(attributor.learnedNames());
            finished.attributeUnnamed(flow -> {
                Attribution a = attributor.fromElsewhere(flow, thisCapture, known);
                return a.equals(flow.attribution()) ? flow : flow.withAttribution(a);
            });
        });
        handOverBatch();
        attribution.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (attribution.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                    break;
                }
                if (workerOutOfMemory) {
                    attribution.shutdownNow(); // a worker that ran out of memory is not waited for
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true; // finish anyway: the flows must not be lost; keep the interrupt
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (workerOutOfMemory) {
            throw new MemoryExhaustedException(frames);
        }
        RuntimeException failure = attributionFailure.get();
        if (failure != null) {
            throw new IllegalStateException("attribution failed: " + failure, failure);
        }
    }

    /**
     * A finished flow is attributed at once from the capture's own evidence (its name, the DNS
     * answers seen so far); one without waits for the name memory, asked for only at the end.
     */
    @Override
    public void flowFinished(FlowRecord finishedFlow) {
        flowsFinished++;
        // the flow's names are read on the worker, after it has dissected the flow's copies
        onAttributionThread(() -> {
            FlowNames names = dissection.flowEnded(finishedFlow.id());
            FlowRecord flow = names == null ? finishedFlow : finishedFlow.withNames(names);
            Optional<Attribution> fromCapture = attributor.fromCapture(flow);
            if (fromCapture.isPresent()) {
                finished.add(flow.withAttribution(fromCapture.get()), true);
            } else {
                finished.add(flow, false); // the name memory and IP ranges decide, at the end
            }
        });
    }

    /** From the dissectors, which run on the worker: fed in place, so in capture order. */
    @Override
    public void dnsAnswer(DnsAnswer answer) {
        attributor.onDnsAnswer(answer);
    }

    /** Queues {@code task} for the worker, after every task queued before it. */
    private void onAttributionThread(Runnable task) {
        if (batched == 0) {
            batchStartNanos = System.nanoTime();
        }
        batch[batched++] = task;
        if (batched == BATCH_SIZE || System.nanoTime() - batchStartNanos >= BATCH_MAX_AGE_NANOS) {
            handOverBatch();
        }
    }

    private void handOverBatch() {
        if (batched == 0) {
            return;
        }
        if (workerOutOfMemory) {
            Arrays.fill(batch, 0, batched, null); // nobody will run them: the run ends at the next look
            batched = 0;
            return;
        }
        Runnable[] tasks = Arrays.copyOf(batch, batched);
        Arrays.fill(batch, 0, batched, null);
        batched = 0;
        attribution.execute(() -> {
            for (Runnable task : tasks) {
                if (workerOutOfMemory) {
                    return; // the run is over: drain the queue at once, so that nothing waits for it
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    attributionFailure.compareAndSet(null, e);
                } catch (OutOfMemoryError e) {
                    // the worker stays alive to drain its queue; the packet thread sees the flag and ends the run
                    workerOutOfMemory = true;
                }
            }
        });
    }

    /** What this capture taught the name memory. */
    List<LearnedName> learnedNames() {
        return attributor.learnedNames();
    }

    /** The catalog's version, read on the worker (inside a {@link #snapshotFlows} consumer). */
    String catalogVersionOnWorker() {
        return attributor.catalog().version();
    }

    String catalogVersion() {
        return attributor.catalog().version();
    }

    /** Stops the attribution thread of a run that failed; its results are not wanted, and their memory is let go. */
    void abandon() {
        Arrays.fill(batch, null);
        batched = 0;
        workerOutOfMemory = true; // whatever the worker still holds, it skips
        attribution.shutdownNow();
    }

    /**
     * Whether the run must end for memory: the heap is nearly full of live data (the flows so far
     * are then reported), or the worker already ran out.
     */
    private boolean outOfMemory() {
        if (workerOutOfMemory) {
            throw new MemoryExhaustedException(frames);
        }
        if (MemoryGuard.low()) {
            stoppedForMemory = true;
            return true;
        }
        return false;
    }

    /** Whether the run stopped early because memory ran low; its flows up to there are intact. */
    boolean stoppedForMemory() {
        return stoppedForMemory;
    }

    /** The frames read so far (the packet thread's count). */
    long frames() {
        return frames;
    }

    /**
     * Classifies TikTok's states and returns every flow, in order of first appearance (their ids),
     * TikTok's with their state; call once, after {@link #finish()}.
     */
    StateAnalysis.Outcome statedFlows(java.time.Duration bin, long endNanos) {
        return statedFlows(tiktok -> StateAnalysis.run(tiktok, bin, endNanos));
    }

    /** As {@link #statedFlows(java.time.Duration, long)}, TikTok's flows classified by {@code classify}. */
    StateAnalysis.Outcome statedFlows(Function<List<FlowRecord>, StateAnalysis.Outcome> classify) {
        StateAnalysis.Outcome tiktok = classify.apply(finished.tiktok());
        finished.restate(tiktok.flows());
        return new StateAnalysis.Outcome(finished.flows(), tiktok.states());
    }

    PacketCounters counters() {
        return new PacketCounters(frames, capturedBytes, ipPackets, ipBytes, nonIp, malformed,
                unsupportedLink, table.fragments(), table.orphanFragments(), truncated);
    }

    List<Integer> linkTypes() {
        List<Integer> types = new ArrayList<>();
        for (int t = linkTypesSeen.nextSetBit(0); t >= 0; t = linkTypesSeen.nextSetBit(t + 1)) {
            types.add(t); // a loop, not BitSet.stream(): the stream library's start-up is most of the cost
        }
        return List.copyOf(types);
    }

    long firstNanos() {
        return firstNanos;
    }

    long lastNanos() {
        return lastNanos;
    }

    /** Warnings the pipeline itself has to give, e.g. frames of a link type it cannot decode. */
    List<CaptureWarning> warnings() {
        List<CaptureWarning> warnings = new ArrayList<>();
        if (stoppedForMemory) {
            warnings.add(new CaptureWarning(-1, String.format(java.util.Locale.ROOT,
                    "memory ran low after %,d packets: the analysis stopped there (give Java more memory, e.g."
                            + " java -Xmx4g -jar toktrace.jar)", frames)));
        }
        for (int linkType = 0; unsupportedByLinkType != null && linkType < unsupportedByLinkType.length; linkType++) {
            long count = unsupportedByLinkType[linkType];
            if (count > 0) {
                warnings.add(new CaptureWarning(-1, count + " frame(s) of link type " + linkType + " ("
                        + LinkTypeNames.name(linkType) + ") skipped: TokTrace does not decode that link type"));
            }
        }
        ReassemblyGiveUps overBudget = dissection.reassemblyGiveUps();
        if (overBudget.total() > 0) {
            warnings.add(new CaptureWarning(-1, overBudget.total() + " flow(s) given up before their ClientHello was"
                    + " read: reassembly over its memory budget (" + overBudget.overFlowCap() + " over the per-flow cap of "
                    + PayloadDissectors.MAX_REASSEMBLY_PER_FLOW / 1024 + " KiB, " + overBudget.overTotalBudget()
                    + " over the total budget for all flows)"));
        }
        return warnings;
    }
}
