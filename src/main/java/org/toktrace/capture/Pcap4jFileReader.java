package org.toktrace.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureWarning;

/**
 * Reads a capture file through libpcap (pcap4j): the reference the built-in readers are tested
 * against, and the fallback for files whose format they do not know. Slow, and copies every frame.
 */
final class Pcap4jFileReader extends Pcap4jFrameSource {

    private final Path file;
    private final PcapHandle handle;
    private final long size;
    private final List<CaptureWarning> warnings = new ArrayList<>(1);
    private long position;
    private boolean done;

    private Pcap4jFileReader(Path file, PcapHandle handle, long size) {
        this.file = file;
        this.handle = handle;
        this.size = size;
        this.linkType = linkTypeOfDlt(handle.getDlt().value());
        this.position = Math.min(size, 24);
    }

    /** Whether libpcap could be loaded on this machine. */
    static boolean available() {
        return Libpcap.available();
    }

    static FrameSource open(Path file) throws CaptureOpenException {
        if (!Libpcap.available()) {
            throw new CaptureOpenException(file, "cannot read " + file + ": " + Libpcap.installHint(Libpcap.os()));
        }
        try {
            long size = Files.size(file);
            PcapHandle handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
            return new Pcap4jFileReader(file, handle, size);
        } catch (PcapNativeException e) {
            throw new CaptureOpenException(file, "libpcap cannot read " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CaptureOpenException(file, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new CaptureOpenException(file, "cannot read " + file + ": " + Libpcap.installHint(Libpcap.os()), e);
        }
    }

    /*
     * libpcap reports DLT_ values, which differ from the LINKTYPE_ values in files for a few
     * historical types; the contract is LINKTYPE_. These are the differing ones on Linux and the
     * BSDs (libpcap's linktype_to_dlt in reverse).
     */
    static int linkTypeOfDlt(int dlt) {
        switch (dlt) {
            case 11: return 100;  // DLT_ATM_RFC1483
            case 12: return 101;  // DLT_RAW (14 on OpenBSD)
            case 14: return 101;
            case 15: return 102;  // DLT_SLIP_BSDOS
            case 16: return 103;  // DLT_PPP_BSDOS
            case 19: return 106;  // DLT_ATM_CLIP
            default: return dlt;
        }
    }

    @Override
    public boolean next() throws IOException {
        if (done) {
            return false;
        }
        byte[] data;
        try {
            data = handle.getNextRawPacketEx();
        } catch (EOFException e) {
            done = true;
            return false;
        } catch (PcapNativeException e) {
            warnings.add(new CaptureWarning(-1, "libpcap: " + e.getMessage()));
            done = true;
            return false;
        } catch (TimeoutException e) {
            done = true; // never happens for a file
            return false;
        } catch (NotOpenException e) {
            throw new IOException("capture handle closed: " + file, e);
        }
        Timestamp ts;
        try {
            ts = handle.getTimestamp();
        } catch (IllegalArgumentException e) {
            // pcap4j refuses a fraction of a second >= 10^9, which only a damaged file has.
            warnings.add(new CaptureWarning(-1, "libpcap: impossible timestamp: " + e.getMessage()));
            done = true;
            return false;
        }
        hold(data, handle.getOriginalLength(), nanos(ts));
        position = Math.min(size, position + 16 + data.length);
        return true;
    }

    /** An estimate (pcap framing) good enough for a progress bar. */
    @Override
    public long position() {
        return position;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.LIBPCAP;
    }

    @Override
    public List<CaptureWarning> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    @Override
    public void close() {
        done = true;
        handle.close();
    }
}
