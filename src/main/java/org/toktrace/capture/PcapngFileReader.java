package org.toktrace.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.toktrace.model.CaptureFormat;

/**
 * Reads pcapng (draft-ietf-opsawg-pcapng): every section with its own byte order and interfaces,
 * and the packets of Enhanced, Simple and obsolete Packet Blocks, streaming, without allocating
 * per frame. A Simple Packet Block, which has no timestamp, gets the timestamp of the frame before it.
 */
final class PcapngFileReader extends FileFrameReader {

    /*
     * Section 3.1: every block is type, total length, body, total length again; the length is a
     * multiple of 4 and at least 12. Section 4.1: a Section Header Block starts a section, and its
     * byte-order magic sets the byte order of every block up to the next one, so a file
     * concatenated from captures of different machines switches order mid-file; interface ids are
     * numbered per section. Section 4.2: an Interface Description Block gives the link type, snap
     * length and the options if_tsresol (units of 10^-n s, or 2^-n s with the high bit set;
     * default 10^-6) and if_tsoffset (seconds added to every timestamp). Sections 4.3, 4.4 and
     * appendix: packets come in Enhanced Packet Blocks, Simple Packet Blocks (no interface id,
     * no timestamp, no captured length) and the obsolete Packet Block. Every other block type is
     * skipped by its length, as the spec asks of readers that do not know a block.
     */
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    static final int PACKET = 0x00000002;
    static final int SIMPLE_PACKET = 0x00000003;
    static final int ENHANCED_PACKET = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private static final int OPT_END = 0;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    private static final int MIN_SECTION_HEADER = 28;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** How an interface's timestamp units become nanoseconds. */
    private static final byte MULTIPLY = 0;
    private static final byte DIVIDE = 1;
    private static final byte BINARY = 2;

    // Interfaces of the current section, as parallel arrays so next() touches no objects.
    private int interfaceCount;
    private int[] ifLinkType = new int[4];
    private int[] ifSnapLength = new int[4];
    private byte[] ifTsKind = new byte[4];
    private long[] ifTsParameter = new long[4];
    private long[] ifTsOffsetNanos = new long[4];

    /**
     * Simple Packet Blocks carry no timestamp. They get the timestamp of the packet before them
     * (0 when there is none) so they land at the right place on a timeline; libpcap gives them 0,
     * which would put them in 1970.
     */
    private long lastTimestamp;

    private boolean notedOverSnapLength;

    PcapngFileReader(Path file, FileChannel channel, long size) throws IOException, CaptureOpenException {
        super(file, channel, size);
        // The first Section Header Block is the file header: it must be whole and sane to say
        // this is a pcapng file at all. next() then reads it again like any other block.
        if (!ensure(12)) {
            throw headerCutShort(file, MIN_SECTION_HEADER);
        }
        if (!readByteOrder()) {
            throw new CaptureOpenException(file, "not a pcap or pcapng capture (unknown pcapng byte-order magic): " + file);
        }
        long length = hdr.getInt(pos + 4) & 0xFFFFFFFFL;
        if (length < MIN_SECTION_HEADER || length % 4 != 0 || length > MAX_RECORD) {
            throw new CaptureOpenException(file, "damaged pcapng section header (impossible length " + length + "): " + file);
        }
        if (!ensure((int) length)) {
            throw headerCutShort(file, length);
        }
    }

    private CaptureOpenException headerCutShort(Path file, long length) {
        return new CaptureOpenException(file,
                "pcapng section header is cut short (" + available() + " of " + length + " bytes): " + file);
    }

    /** Sets the byte order from the Section Header Block at {@link #pos}; false when the magic is unknown. */
    private boolean readByteOrder() {
        int magic = buf.getInt(pos + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            setSwapped(false);
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            setSwapped(true);
        } else {
            return false;
        }
        return true;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    @Override
    public boolean next() throws IOException {
        if (done) {
            return false;
        }
        while (true) {
            if (!ensure(8)) {
                if (available() == 0) {
                    done = true;
                    return false;
                }
                return damage(filePosition(), "capture cut short in the middle of a block");
            }
            int type = buf.getInt(pos); // the Section Header Block type reads the same in both orders
            if (type == SECTION_HEADER) {
                if (!ensure(12)) {
                    return damage(filePosition(), "capture cut short in the middle of a block");
                }
                if (!readByteOrder()) {
                    return damage(filePosition(), "pcapng section header with an unknown byte-order magic");
                }
            } else {
                type = hdr.getInt(pos);
            }
            long length = hdr.getInt(pos + 4) & 0xFFFFFFFFL;
            if (length < 12 || (length & 3) != 0) {
                return damage(filePosition(), "pcapng block with an impossible length " + length);
            }
            if (length > MAX_RECORD) {
                return length > remainingInFile()
                        ? damage(filePosition(), "capture cut short in the middle of a block")
                        : damage(filePosition(), "pcapng block of " + length + " bytes is larger than this reader accepts");
            }
            int len = (int) length;
            if (!ensure(len)) {
                return damage(filePosition(), "capture cut short in the middle of a block");
            }
            int p = pos;
            int trailing = hdr.getInt(p + len - 4);
            if (trailing != len) {
                return damage(filePosition(), "pcapng block whose trailing length " + (trailing & 0xFFFFFFFFL)
                        + " does not match its length " + len);
            }
            switch (type) {
                case ENHANCED_PACKET:
                    if (len < 32) {
                        return damage(filePosition(), "pcapng enhanced packet block with an impossible length " + len);
                    }
                    return packet(p, len, hdr.getInt(p + 8) & 0xFFFFFFFFL, 12, 28);
                case PACKET:
                    if (len < 32) {
                        return damage(filePosition(), "pcapng packet block with an impossible length " + len);
                    }
                    return packet(p, len, hdr.getShort(p + 8) & 0xFFFF, 12, 28);
                case SIMPLE_PACKET:
                    if (len < 16) {
                        return damage(filePosition(), "pcapng simple packet block with an impossible length " + len);
                    }
                    return simplePacket(p, len);
                case INTERFACE_DESCRIPTION:
                    if (len < 20) {
                        return damage(filePosition(), "pcapng interface description block with an impossible length " + len);
                    }
                    addInterface(p, len);
                    break;
                case SECTION_HEADER:
                    if (len < MIN_SECTION_HEADER) {
                        return damage(filePosition(), "pcapng section header with an impossible length " + len);
                    }
                    int major = hdr.getShort(p + 12) & 0xFFFF;
                    if (major != 1) {
                        return damage(filePosition(), "pcapng section of unsupported version " + major + "."
                                + (hdr.getShort(p + 14) & 0xFFFF));
                    }
                    interfaceCount = 0;
                    break;
                default:
                    break;
            }
            pos = p + len;
        }
    }

    /**
     * An Enhanced or obsolete Packet Block at {@code p}: interface id already read, the timestamp
     * (high and low words) at {@code p + tsAt}, captured and original length after it, data from
     * {@code p + dataAt}.
     */
    private boolean packet(int p, int len, long iface, int tsAt, int dataAt) {
        if (iface >= interfaceCount) {
            return damage(filePosition(), "pcapng packet on interface " + iface
                    + ", which no interface description block of its section declares");
        }
        long caplen = hdr.getInt(p + tsAt + 8) & 0xFFFFFFFFL;
        if (caplen > len - dataAt - 4) {
            return damage(filePosition(), "pcapng packet block whose captured length " + caplen
                    + " does not fit in its block");
        }
        int i = (int) iface;
        if (caplen > ifSnapLength[i] && !notedOverSnapLength) {
            // The spec forbids it and libpcap stops there; the bytes are all in the block, so keep
            // the frame, cut to the snap length that decoders may rely on, as libpcap does for pcap.
            notedOverSnapLength = true;
            note(filePosition(), "pcapng packets longer than their interface's snap length " + ifSnapLength[i]
                    + " were cut to it");
        }
        long units = ((long) hdr.getInt(p + tsAt) << 32) | (hdr.getInt(p + tsAt + 4) & 0xFFFFFFFFL);
        long nanos = toNanos(units, ifTsKind[i], ifTsParameter[i]) + ifTsOffsetNanos[i];
        deliver(p, dataAt, (int) Math.min(caplen, ifSnapLength[i]), hdr.getInt(p + tsAt + 12), nanos, i, len);
        return true;
    }

    private boolean simplePacket(int p, int len) {
        if (interfaceCount == 0) {
            return damage(filePosition(), "pcapng simple packet block before any interface description block");
        }
        int original = hdr.getInt(p + 8);
        long caplen = Math.min(original & 0xFFFFFFFFL, Math.min(ifSnapLength[0], len - 16));
        deliver(p, 12, (int) caplen, original, lastTimestamp, 0, len);
        return true;
    }

    private void deliver(int p, int dataAt, int caplen, int original, long nanos, int iface, int len) {
        recordOffset = filePosition();
        frameOffset = p + dataAt;
        capturedLength = caplen;
        originalLength = original;
        timestampNanos = nanos;
        lastTimestamp = nanos;
        interfaceId = iface;
        linkType = ifLinkType[iface];
        pos = p + len;
    }

    /*
     * Exact conversion, no floating point. Powers of ten are a multiplication or an unsigned
     * division by a power of ten. Powers of two are floor(units * 10^9 / 2^e) computed on the
     * 128-bit product, so no resolution from 2^-0 to 2^-127 overflows or rounds twice.
     */
    static long toNanos(long units, byte kind, long parameter) {
        switch (kind) {
            case MULTIPLY:
                return units * parameter;
            case DIVIDE:
                return Long.divideUnsigned(units, parameter);
            default:
                long lo = units * NANOS_PER_SECOND;
                long hi = Math.multiplyHigh(units, NANOS_PER_SECOND) + ((units >> 63) & NANOS_PER_SECOND);
                int e = (int) parameter;
                if (e == 0) {
                    return lo;
                }
                return e < 64 ? (hi << (64 - e)) | (lo >>> e) : hi >>> (e - 64);
        }
    }

    private void addInterface(int p, int len) {
        if (interfaceCount == ifLinkType.length) {
            int n = interfaceCount * 2;
            ifLinkType = Arrays.copyOf(ifLinkType, n);
            ifSnapLength = Arrays.copyOf(ifSnapLength, n);
            ifTsKind = Arrays.copyOf(ifTsKind, n);
            ifTsParameter = Arrays.copyOf(ifTsParameter, n);
            ifTsOffsetNanos = Arrays.copyOf(ifTsOffsetNanos, n);
        }
        ByteBuffer h = hdr;
        int i = interfaceCount++;
        ifLinkType[i] = h.getShort(p + 8) & 0xFFFF;
        long snap = h.getInt(p + 12) & 0xFFFFFFFFL;
        ifSnapLength[i] = snap == 0 || snap > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) snap;
        int tsresol = 6;
        long tsoffset = 0;
        int o = p + 16;
        int optionsEnd = p + len - 4;
        while (o + 4 <= optionsEnd) {
            int code = h.getShort(o) & 0xFFFF;
            int olen = h.getShort(o + 2) & 0xFFFF;
            if (code == OPT_END) {
                break;
            }
            if (o + 4 + olen > optionsEnd) {
                note(filePosition(), "pcapng interface description block whose options run past its end; ignored them");
                break;
            }
            if (code == OPT_IF_TSRESOL && olen >= 1) {
                tsresol = h.get(o + 4) & 0xFF;
            } else if (code == OPT_IF_TSOFFSET && olen >= 8) {
                tsoffset = h.getLong(o + 4);
            }
            o += 4 + ((olen + 3) & ~3);
        }
        setResolution(i, tsresol);
        ifTsOffsetNanos[i] = tsoffset * NANOS_PER_SECOND;
    }

    private void setResolution(int i, int tsresol) {
        if ((tsresol & 0x80) != 0) {
            ifTsKind[i] = BINARY;
            ifTsParameter[i] = tsresol & 0x7F;
        } else if (tsresol <= 9) {
            ifTsKind[i] = MULTIPLY;
            ifTsParameter[i] = pow10(9 - tsresol);
        } else if (tsresol - 9 <= 19) {
            ifTsKind[i] = DIVIDE;
            ifTsParameter[i] = pow10(tsresol - 9); // 10^19 does not fit a signed long but divides unsigned
        } else {
            // Units finer than 10^-28 s: any 64-bit count is less than a nanosecond.
            ifTsKind[i] = MULTIPLY;
            ifTsParameter[i] = 0;
        }
    }

    private static long pow10(int n) {
        long v = 1;
        for (int k = 0; k < n; k++) {
            v *= 10;
        }
        return v;
    }
}
