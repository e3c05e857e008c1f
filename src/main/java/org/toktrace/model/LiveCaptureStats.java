package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * Counters of a live capture so far.
 *
 * @param framesCaptured      frames libpcap handed to TokTrace
 * @param bytesCaptured       their captured bytes
 * @param droppedByKernel     frames the kernel or libpcap dropped for lack of buffer (pcap_stats ps_drop)
 * @param droppedByInterface  frames the interface or its driver dropped (ps_ifdrop), where the OS tells
 * @param framesWritten       frames written to the pcapng files
 * @param files               the pcapng files written so far, in order (rotation adds one each time)
 */
public record LiveCaptureStats(long framesCaptured, long bytesCaptured, long droppedByKernel, long droppedByInterface,
        long framesWritten, List<String> files) {

    public static final LiveCaptureStats NONE = new LiveCaptureStats(0, 0, 0, 0, 0, List.of());

    public LiveCaptureStats {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }

    public long dropped() {
        return droppedByKernel + droppedByInterface;
    }
}
