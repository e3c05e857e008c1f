package org.toktrace.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.LiveCaptureStats;
import org.toktrace.model.LiveCaptureUnavailableException;

/**
 * Frames from a live interface through libpcap, as a {@link FrameSource}: a capture thread of its
 * own reads them, writes every one to pcapng (rotated by size), and hands them over in order;
 * {@link #next()} waits for the next frame and returns false once the capture has stopped and
 * every frame captured before the stop has been read. See docs/decisions/0017-live-capture.md.
 *
 * <p>{@link #stop()} may be called from any thread: it breaks libpcap's loop, reads what libpcap
 * still holds, closes the file and the handle, and ends the stream; nothing captured is lost.
 */
public final class LiveFrameSource extends Pcap4jFrameSource {

    private static final int RING_SLOTS = 1 << 16;
    private static final long RING_BYTES = 64L << 20;
    private static final long FLUSH_INTERVAL_NANOS = 1_000_000_000L;
    private static final long STATS_INTERVAL_NANOS = 250_000_000L;
    /**
     * Read-timeout rounds the drain after a stop takes at most: it normally ends at the first frame
     * stamped after the stop, or after two quiet rounds; this bounds it when the clock jumps back.
     */
    private static final int MAX_DRAIN_ROUNDS = 20;

    private final LiveCaptureConfig config;
    private final PcapHandle handle;
    private final PcapngWriter writer;
    private final FrameRing ring = new FrameRing(RING_SLOTS, RING_BYTES);
    private final Thread thread;
    private final List<CaptureWarning> warnings = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    /** When {@link #stop()} was called, on the clock of the frames' timestamps (epoch ns); frames after it are not kept. */
    private volatile long stopNanos = Long.MAX_VALUE;
    private volatile LiveCaptureStats stats = LiveCaptureStats.NONE;

    // the capture thread's counters
    private long framesCaptured;
    private long bytesCaptured;
    /** The drain read a frame stamped after the stop: libpcap now hands over traffic that came later. */
    private boolean pastStop;
    private IOException writeFailure;

    // the consumer's frame
    private final FrameRing.Slot slot = new FrameRing.Slot();
    private long consumedBytes;

    private LiveFrameSource(LiveCaptureConfig config, PcapHandle handle, PcapngWriter writer) {
        this.config = config;
        this.handle = handle;
        this.linkType = Pcap4jFileReader.linkTypeOfDlt(handle.getDlt().value());
        this.writer = writer;
        this.thread = new Thread(this::capture, "toktrace-capture-" + config.interfaceName());
        this.thread.setDaemon(true);
    }

    /**
     * Opens the interface, creates the first pcapng file and starts capturing.
     *
     * @throws LiveCaptureUnavailableException with a message saying what to do: libpcap missing, no
     *         permission (per operating system), no such interface, a filter that does not
     *         compile, a file that cannot be written
     */
    public static LiveFrameSource start(LiveCaptureConfig config) throws LiveCaptureUnavailableException {
        CaptureInterfaces.requireLibpcap();
        PcapHandle handle = open(config);
        try {
            if (config.filter() != null && !config.filter().isBlank()) {
                try {
                    handle.setFilter(config.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException | NotOpenException e) {
                    throw new LiveCaptureUnavailableException(LiveCaptureUnavailableException.Reason.BAD_FILTER,
                            "the capture filter does not compile: " + config.filter() + " (" + e.getMessage() + ")", e);
                }
            }
            PcapngWriter writer;
            try {
                writer = new PcapngWriter(config.writeTo(), config.rotateBytes(),
                        Pcap4jFileReader.linkTypeOfDlt(handle.getDlt().value()), config.snaplen(), config.interfaceName());
            } catch (IOException e) {
                throw new LiveCaptureUnavailableException(LiveCaptureUnavailableException.Reason.CANNOT_WRITE,
                        "cannot write the capture file " + config.writeTo() + ": " + e, e);
            }
            LiveFrameSource source = new LiveFrameSource(config, handle, writer);
            source.thread.start();
            return source;
        } catch (LiveCaptureUnavailableException | RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    private static PcapHandle open(LiveCaptureConfig config) throws LiveCaptureUnavailableException {
        String name = config.interfaceName();
        PcapNativeException failure = null;
        // nanoseconds where the platform has them, else microseconds
        for (PcapHandle.TimestampPrecision precision
                : new PcapHandle.TimestampPrecision[] {PcapHandle.TimestampPrecision.NANO, PcapHandle.TimestampPrecision.MICRO}) {
            try {
                return new PcapHandle.Builder(name)
                        .snaplen(config.snaplen())
                        .promiscuousMode(config.promiscuous() ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                                : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                        .timeoutMillis(config.readTimeoutMillis())
                        .bufferSize(config.bufferBytes())
                        .timestampPrecision(precision)
                        .build();
            } catch (PcapNativeException e) {
                String m = String.valueOf(e.getMessage());
                if (Libpcap.isPermissionError(m)) {
                    throw new LiveCaptureUnavailableException(LiveCaptureUnavailableException.Reason.NO_PERMISSION,
                            Libpcap.permissionHint(Libpcap.os(), name), e);
                }
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains("no such device") || lower.contains("doesn't exist")
                        || lower.contains("no such interface")) {
                    throw new LiveCaptureUnavailableException(LiveCaptureUnavailableException.Reason.NO_SUCH_INTERFACE,
                            "no interface named " + name + " (toktrace interfaces lists them)", e);
                }
                if (failure != null || !lower.contains("precision")) {
                    throw new LiveCaptureUnavailableException(LiveCaptureUnavailableException.Reason.FAILED,
                            "cannot capture on " + name + ": " + m, e);
                }
                failure = e;
            } catch (LinkageError e) {
                throw new LiveCaptureUnavailableException(LiveCaptureUnavailableException.Reason.NO_LIBPCAP,
                        "live capture is not available: " + Libpcap.installHint(Libpcap.os()), e);
            }
        }
        throw new LiveCaptureUnavailableException(LiveCaptureUnavailableException.Reason.FAILED, "cannot capture on " + name, failure);
    }

    // ------------------------------------------------------------------ capture thread

    private void capture() {
        RawPacketListener listener = this::onFrame;
        long nextFlush = System.nanoTime() + FLUSH_INTERVAL_NANOS;
        long nextStats = System.nanoTime() + STATS_INTERVAL_NANOS;
        try {
            while (!stopping) {
                try {
                    handle.dispatch(-1, listener);
                } catch (InterruptedException broken) {
                    break; // breakLoop(): stop() was called, or writing failed
                }
                long now = System.nanoTime();
                if (now >= nextFlush) {
                    nextFlush = now + FLUSH_INTERVAL_NANOS;
                    flushQuietly();
                }
                if (now >= nextStats) {
                    nextStats = now + STATS_INTERVAL_NANOS;
                    publishStats();
                }
            }
            drainAfterBreak();
        } catch (PcapNativeException | NotOpenException e) {
            warnings.add(new CaptureWarning(-1, "capture on " + config.interfaceName() + " stopped: " + e.getMessage()));
        } catch (RuntimeException e) {
            warnings.add(new CaptureWarning(-1, "capture on " + config.interfaceName() + " stopped: " + e));
        } finally {
            publishStats();
            if (writeFailure != null) {
                warnings.add(new CaptureWarning(-1, "writing " + config.writeTo() + " failed, the capture stopped: "
                        + writeFailure.getMessage()));
            }
            try {
                writer.close();
            } catch (IOException e) {
                warnings.add(new CaptureWarning(-1, "closing " + config.writeTo() + " failed: " + e.getMessage()));
            }
            handle.close();
            LiveCaptureStats last = stats;
            if (last.dropped() > 0) {
                warnings.add(new CaptureWarning(-1, last.droppedByKernel() + " frame(s) dropped by the kernel or libpcap and "
                        + last.droppedByInterface() + " by the interface: they are neither analysed nor written"));
            }
            ring.end();
        }
    }

    /**
     * After a break, libpcap may still hold frames the kernel has handed over (a TPACKET_V3 block is
     * handed over when full or after the read timeout): read them without blocking until none come,
     * or until one stamped after the stop comes (on a busy interface frames never stop coming, and
     * what came after the stop is not the capture's).
     */
    private void drainAfterBreak() throws PcapNativeException, NotOpenException {
        if (writeFailure != null) {
            return;
        }
        handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        int quiet = 0;
        int rounds = 0;
        while (quiet < 2 && !pastStop && rounds++ < MAX_DRAIN_ROUNDS && writeFailure == null) {
            sleepQuietly(config.readTimeoutMillis() + 20L);
            int n;
            try {
                n = handle.dispatch(-1, this::onFrame);
            } catch (InterruptedException e) {
                n = 0;
            }
            quiet = n > 0 ? 0 : quiet + 1;
        }
    }

    private void onFrame(byte[] frame) {
        if (writeFailure != null) {
            return;
        }
        Timestamp ts = handle.getTimestamp();
        long nanos = nanos(ts);
        if (nanos > stopNanos) {
            pastStop = true; // libpcap hands frames over in order: every later one is past the stop too
            return;
        }
        Integer original = handle.getOriginalLength();
        int originalLength = original == null ? frame.length : original;
        try {
            writer.write(nanos, frame, 0, frame.length, originalLength);
        } catch (IOException e) {
            writeFailure = e;
            stopping = true;
            breakQuietly();
            return;
        }
        framesCaptured++;
        bytesCaptured += frame.length;
        try {
            ring.put(frame, nanos, originalLength);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            breakQuietly();
        }
    }

    private void publishStats() {
        long kernel = stats.droppedByKernel();
        long iface = stats.droppedByInterface();
        try {
            PcapStat s = handle.getStats();
            kernel = s.getNumPacketsDropped();
            iface = s.getNumPacketsDroppedByIf();
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            // not every platform counts; keep the last numbers
        }
        List<String> files = new ArrayList<>();
        for (Path p : writer.files()) {
            files.add(p.toString());
        }
        stats = new LiveCaptureStats(framesCaptured, bytesCaptured, kernel, iface, writer.frames(), files);
    }

    private void flushQuietly() {
        try {
            writer.flush();
        } catch (IOException e) {
            writeFailure = e;
            stopping = true;
        }
    }

    private void breakQuietly() {
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // already closed: nothing to break
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ control

    /**
     * Stops capturing: frames captured so far (stamped up to now) are still delivered by
     * {@link #next()}, which then returns false; later ones are neither written nor delivered.
     * Idempotent; returns at once (the capture thread finishes the file).
     */
    public void stop() {
        if (stopNanos == Long.MAX_VALUE) {
            // the kernel stamps frames with the real-time clock, which Instant.now() reads too
            java.time.Instant now = java.time.Instant.now();
            stopNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
        stopping = true;
        breakQuietly();
    }

    /** Whether the capture has stopped (asked to, or failed). */
    public boolean stopped() {
        return stopping || !thread.isAlive();
    }

    /** Counters so far: frames and bytes captured, drops, frames and files written. */
    public LiveCaptureStats stats() {
        return stats;
    }

    /** The interface captured on. */
    public String interfaceName() {
        return config.interfaceName();
    }

    /**
     * Waits up to {@code nanos} for a frame.
     *
     * @return true when {@link #next()} will not block (a frame is ready, or the stream has ended)
     */
    public boolean awaitFrame(long nanos) throws InterruptedIOException {
        try {
            return ring.await(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for frames");
        }
    }

    /** Waits for the capture thread to have closed the file and the handle (after a stop). */
    public void awaitClosed() throws InterruptedException {
        thread.join();
    }

    // ------------------------------------------------------------------ FrameSource

    @Override
    public boolean next() throws IOException {
        try {
            if (!ring.take(slot)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for frames");
        }
        byte[] data = slot.data;
        hold(data, slot.originalLength, slot.timestampNanos);
        consumedBytes += data.length;
        slot.data = null;
        return true;
    }

    /** Captured bytes read so far. */
    @Override
    public long position() {
        return consumedBytes;
    }

    @Override
    public long size() {
        return -1;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.LIVE;
    }

    @Override
    public List<CaptureWarning> warnings() {
        return List.copyOf(warnings);
    }

    /** Stops the capture if it still runs and waits until the file and the handle are closed. */
    @Override
    public void close() throws IOException {
        stop();
        ring.end(); // nobody reads any more: never leave the capture thread waiting for room
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the capture");
        }
    }
}
