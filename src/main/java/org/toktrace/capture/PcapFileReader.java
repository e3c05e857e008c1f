package org.toktrace.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.toktrace.model.CaptureFormat;

/**
 * Reads the classic pcap format (draft-ietf-opsawg-pcap, sections 4 and 5) with microsecond or
 * nanosecond timestamps in either byte order, streaming, without allocating per frame.
 */
final class PcapFileReader extends FileFrameReader {

    /*
     * File header (section 4): magic, version, two reserved words, SnapLen, then LinkType whose
     * low 16 bits are the link type; the upper bits carry the FCS length and are not part of it.
     * Record header (section 5): seconds, fraction, captured length, original length, all in the
     * byte order the magic reveals. The spec makes seconds unsigned (time runs to 2106); libpcap
     * reads them signed, which only differs for timestamps before 1970 or after 2038.
     */
    static final int HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;

    /**
     * The largest captured length libpcap and Wireshark accept whatever the file's snap length
     * says; anything above both this and the snap length is a damaged length field.
     */
    static final int LIBPCAP_MAX_SNAPLEN = 262144;

    private final long fractionToNanos;
    private final int fileLinkType;
    private final int snapLength;
    private final long maxCapturedLength;
    private boolean notedOverSnapLength;

    PcapFileReader(Path file, FileChannel channel, long size, int window) throws IOException, CaptureOpenException {
        super(file, channel, size, window);
        if (!ensure(HEADER_LENGTH)) {
            throw new CaptureOpenException(file,
                    "pcap header is cut short (" + available() + " of " + HEADER_LENGTH + " bytes): " + file);
        }
        int magic = buf.getInt(0);
        int swappedMagic = Integer.reverseBytes(magic);
        boolean littleEndian;
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            littleEndian = false;
        } else if (swappedMagic == MAGIC_MICROS || swappedMagic == MAGIC_NANOS) {
            littleEndian = true;
            magic = swappedMagic;
        } else {
            throw new CaptureOpenException(file, "not a pcap or pcapng capture: " + file);
        }
        setSwapped(littleEndian);
        fractionToNanos = magic == MAGIC_NANOS ? 1L : 1000L;
        long snap = hdr.getInt(16) & 0xFFFFFFFFL;
        // A snap length of 0 (some writers) means "no limit", as in libpcap.
        snapLength = snap == 0 || snap > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) snap;
        maxCapturedLength = Math.max(snap == 0 ? LIBPCAP_MAX_SNAPLEN : snap, LIBPCAP_MAX_SNAPLEN);
        fileLinkType = hdr.getInt(20) & 0xFFFF;
        linkType = fileLinkType;
        interfaceId = 0;
        pos = HEADER_LENGTH;
    }

    /** The link type from the file header. */
    int fileLinkType() {
        return fileLinkType;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    @Override
    public boolean next() throws IOException {
        if (done) {
            return false;
        }
        if (!ensure(RECORD_HEADER_LENGTH)) {
            if (available() == 0) {
                done = true;
                return false;
            }
            return damage(filePosition(), "capture cut short in the middle of a record header");
        }
        int p = pos;
        long caplen = hdr.getInt(p + 8) & 0xFFFFFFFFL;
        if (caplen > maxCapturedLength || caplen > MAX_RECORD - RECORD_HEADER_LENGTH) {
            return badLength(caplen);
        }
        int recordLength = RECORD_HEADER_LENGTH + (int) caplen;
        if (!ensure(recordLength)) {
            return damage(filePosition(), "capture cut short in the middle of a record");
        }
        p = pos;
        recordOffset = filePosition();
        long seconds = hdr.getInt(p) & 0xFFFFFFFFL;
        long fraction = hdr.getInt(p + 4) & 0xFFFFFFFFL;
        timestampNanos = seconds * 1_000_000_000L + fraction * fractionToNanos;
        originalLength = hdr.getInt(p + 12);
        frameOffset = p + RECORD_HEADER_LENGTH;
        if (caplen > snapLength) {
            cutToSnapLength();
        } else {
            capturedLength = (int) caplen;
        }
        pos = p + recordLength;
        return true;
    }

    // The rare paths of next() live here, with their messages: next() stays under HotSpot's
    // 325-byte limit for inlining a hot method into the packet loop.

    private boolean badLength(long caplen) throws IOException {
        if (caplen > maxCapturedLength) {
            return damage(filePosition(), "pcap record with an impossible captured length " + caplen);
        }
        // Checked before growing any buffer: a bogus length must not cost memory.
        return remainingInFile() >= RECORD_HEADER_LENGTH + caplen
                ? damage(filePosition(), "pcap record of " + caplen + " bytes is larger than this reader accepts")
                : damage(filePosition(), "capture cut short in the middle of a record");
    }

    private void cutToSnapLength() {
        // libpcap hands out no more than the snap length, and decoders may rely on that bound.
        capturedLength = snapLength;
        if (!notedOverSnapLength) {
            notedOverSnapLength = true;
            note(recordOffset, "pcap records longer than the snap length " + snapLength + " were cut to it");
        }
    }
}
