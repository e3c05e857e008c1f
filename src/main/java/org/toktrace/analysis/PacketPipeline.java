package org.toktrace.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.toktrace.capture.FrameSource;
import org.toktrace.attribute.Attributor;
import org.toktrace.attribute.InMemoryNameMemory;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.dissect.DnsListener;
import org.toktrace.dissect.PayloadDissectors;
import org.toktrace.flow.FlowSink;
import org.toktrace.flow.FlowTable;
import org.toktrace.flow.FlowTableConfig;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.FlowRecord;
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
    private final List<FlowRecord> finished = new ArrayList<>();
    private final Attributor attributor;

    private long frames;
    private long capturedBytes;
    private long ipPackets;
    private long ipBytes;
    private long nonIp;
    private long malformed;
    private long unsupportedLink;
    private final TreeMap<Integer, Long> unsupportedByLinkType = new TreeMap<>();
    private final BitSet linkTypesSeen = new BitSet(1 << 16);
    private long firstNanos;
    private long lastNanos;

    PacketPipeline(AnalysisOptions options, String captureLabel) {
        this.attributor = Attributor.withBundledData(new InMemoryNameMemory(options.knownNames()), captureLabel);
        this.table = new FlowTable(FlowTableConfig.defaults()
                .withMaxFlows(options.maxFlows())
                .withBinNanos(options.bin().toNanos()), this, new PayloadDissectors(this));
    }

    /**
     * Reads the source to its end, or until {@code cancelled} says so.
     *
     * @return false when cancelled
     */
    boolean run(FrameSource source, AnalysisListener listener, BooleanSupplier cancelled) throws IOException {
        long nextReport = System.nanoTime() + PROGRESS_INTERVAL_NANOS;
        while (source.next()) {
            onFrame(source);
            if ((frames & (CHECK_EVERY - 1)) == 0) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                long now = System.nanoTime();
                if (now >= nextReport) {
                    nextReport = now + PROGRESS_INTERVAL_NANOS;
                    listener.progress(progress(source));
                }
            }
        }
        return true;
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
                table.onPacket(view, buffer, ts);
            }
            case NOT_IP -> nonIp++;
            case MALFORMED -> malformed++;
            case UNSUPPORTED_LINK -> {
                unsupportedLink++;
                unsupportedByLinkType.merge(linkType, 1L, Long::sum);
            }
        }
    }

    AnalysisProgress progress(FrameSource source) {
        return new AnalysisProgress(source.position(), source.size(), frames, table.activeFlows(), finished.size());
    }

    /** Finishes every open flow; call once, after {@link #run}. */
    void finish() {
        table.finishAll();
    }

    /** A finished flow gets its attribution from what is known now: DNS answers seen so far, memory, ranges. */
    @Override
    public void flowFinished(FlowRecord flow) {
        finished.add(flow.withAttribution(attributor.attribute(flow)));
    }

    @Override
    public void dnsAnswer(DnsAnswer answer) {
        attributor.onDnsAnswer(answer);
    }

    /** What this capture taught the name memory. */
    List<LearnedName> learnedNames() {
        return attributor.learnedNames();
    }

    String catalogVersion() {
        return attributor.catalog().version();
    }

    /** The flows, in order of first appearance (their ids). */
    List<FlowRecord> flows() {
        List<FlowRecord> flows = new ArrayList<>(finished);
        flows.sort((a, b) -> Long.compare(a.id(), b.id()));
        return flows;
    }

    PacketCounters counters() {
        return new PacketCounters(frames, capturedBytes, ipPackets, ipBytes, nonIp, malformed,
                unsupportedLink, table.fragments(), table.orphanFragments());
    }

    List<Integer> linkTypes() {
        return linkTypesSeen.stream().boxed().toList();
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
        unsupportedByLinkType.forEach((linkType, count) -> warnings.add(new CaptureWarning(-1,
                count + " frame(s) of link type " + linkType + " (" + LinkTypeNames.name(linkType)
                        + ") skipped: TokTrace does not decode that link type")));
        return warnings;
    }
}
