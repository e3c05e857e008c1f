package org.toktrace.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes small pcap and pcapng captures for tests, and says which frames a correct reader must
 * return from them (each builder's {@code frames()}: timestamps rounded down to the file's
 * resolution, data cut to the snap length, file offsets of the records).
 *
 * <pre>{@code
 * byte[] pcap = CaptureFileWriter.pcap(1).nanosecond().frame(ts, bytes).toBytes();
 *
 * CaptureFileWriter.Pcapng ng = CaptureFileWriter.pcapng()
 *         .section(ByteOrder.BIG_ENDIAN)
 *         .iface(CaptureFileWriter.Interface.of(1).resolution(TsResolution.binary(20)))
 *         .epb(0, ts, bytes);
 * ng.writeTo(dir.resolve("x.pcapng"));
 * List<CaptureFileWriter.Frame> expected = ng.frames();
 * }</pre>
 *
 * Both builders only record what to write; the bytes are produced by {@code toBytes()}, so the
 * settings can be given in any order. Nothing here validates: a test may write a captured length
 * above the snap length, or timestamps a reader must round, on purpose.
 */
public final class CaptureFileWriter {

    private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);

    private CaptureFileWriter() {
    }

    /** A pcap file (draft-ietf-opsawg-pcap) of one link type; defaults: microseconds, little-endian, snap length 262144. */
    public static Pcap pcap(int linkType) {
        return new Pcap(linkType);
    }

    /** A pcapng file (draft-ietf-opsawg-pcapng); starts with a little-endian section unless {@link Pcapng#section} comes first. */
    public static Pcapng pcapng() {
        return new Pcapng();
    }

    /**
     * A frame as a correct reader returns it.
     *
     * @param recordOffset   file offset of its record or block
     * @param interfaceId    interface index within its pcapng section (0 for pcap)
     * @param data           the captured bytes, after any cut to the snap length
     */
    public record Frame(long recordOffset, int interfaceId, int linkType, long timestampNanos,
                        int originalLength, byte[] data) {

        public Frame {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && recordOffset == f.recordOffset && interfaceId == f.interfaceId
                    && linkType == f.linkType && timestampNanos == f.timestampNanos
                    && originalLength == f.originalLength && Arrays.equals(data, f.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(recordOffset, interfaceId, linkType, timestampNanos, originalLength, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Frame[at " + recordOffset + ", if " + interfaceId + ", link " + linkType + ", ts " + timestampNanos
                    + ", orig " + originalLength + ", " + data.length + " bytes " + hexStart(data) + "]";
        }

        private static String hexStart(byte[] d) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(8, d.length); i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return d.length > 8 ? sb + "…" : sb.toString();
        }
    }

    /** A pcapng timestamp resolution (if_tsresol): units of 10^-digits or 2^-bits seconds. */
    public record TsResolution(int code) {

        public static final TsResolution MICROS = decimal(6);
        public static final TsResolution NANOS = decimal(9);

        public TsResolution {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("if_tsresol is one byte: " + code);
            }
        }

        /** Units of 10^-digits seconds. */
        public static TsResolution decimal(int digits) {
            return new TsResolution(digits);
        }

        /** Units of 2^-bits seconds. */
        public static TsResolution binary(int bits) {
            return new TsResolution(0x80 | bits);
        }

        /** Units per second. */
        BigInteger unitsPerSecond() {
            return (code & 0x80) != 0
                    ? BigInteger.ONE.shiftLeft(code & 0x7F)
                    : BigInteger.TEN.pow(code);
        }
    }

    /**
     * A pcapng interface (Interface Description Block).
     *
     * @param resolution       null to write no if_tsresol option (the default, microseconds)
     * @param tsOffsetSeconds  if_tsoffset; 0 writes no option
     * @param name             if_name, or null for none
     */
    public record Interface(int linkType, int snapLength, TsResolution resolution, long tsOffsetSeconds, String name) {

        /** An interface with no snap length limit (0) and default options. */
        public static Interface of(int linkType) {
            return new Interface(linkType, 0, null, 0, null);
        }

        public Interface snapLength(int snap) {
            return new Interface(linkType, snap, resolution, tsOffsetSeconds, name);
        }

        public Interface resolution(TsResolution r) {
            return new Interface(linkType, snapLength, r, tsOffsetSeconds, name);
        }

        public Interface tsOffsetSeconds(long seconds) {
            return new Interface(linkType, snapLength, resolution, seconds, name);
        }

        public Interface name(String n) {
            return new Interface(linkType, snapLength, resolution, tsOffsetSeconds, n);
        }

        TsResolution effectiveResolution() {
            return resolution == null ? TsResolution.MICROS : resolution;
        }
    }

    /** Builds a pcap file. */
    /** What both formats' writers give: the file's bytes, the frames in it, its record boundaries. */
    public abstract static class Written {

        /** Writes the file; fills {@code frames} and {@code boundaries} (record offsets) when given. */
        abstract byte[] write(List<Frame> frames, List<Long> boundaries);

        public byte[] toBytes() {
            return write(null, null);
        }

        /** The frames a correct reader returns from {@link #toBytes()}. */
        public List<Frame> frames() {
            List<Frame> frames = new ArrayList<>();
            write(frames, null);
            return frames;
        }

        /**
         * File offsets where the header, each record or block starts, and the file's length: a
         * cut at any other offset is a cut in the middle of something.
         */
        public List<Long> boundaries() {
            List<Long> boundaries = new ArrayList<>();
            byte[] bytes = write(null, boundaries);
            boundaries.add((long) bytes.length);
            return boundaries;
        }

        public Path writeTo(Path file) {
            return CaptureFileWriter.writeTo(file, toBytes());
        }
    }

    public static final class Pcap extends Written {
        private int linkTypeField;
        private boolean nanosecond;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        private int snapLength = 262144;
        private final List<long[]> meta = new ArrayList<>();
        private final List<byte[]> data = new ArrayList<>();

        private Pcap(int linkType) {
            this.linkTypeField = linkType;
        }

        /** Nanosecond timestamps (magic a1b23c4d) instead of microseconds. */
        public Pcap nanosecond() {
            this.nanosecond = true;
            return this;
        }

        public Pcap byteOrder(ByteOrder o) {
            this.order = o;
            return this;
        }

        /** The header's snap length; records longer than it are expected back cut to it (0: no limit). */
        public Pcap snapLength(int snap) {
            this.snapLength = snap;
            return this;
        }

        /** Sets the upper bits of the header's LinkType field (FCS length, P bit) as well as the link type. */
        public Pcap linkTypeField(int field) {
            this.linkTypeField = field;
            return this;
        }

        /** Adds a frame captured whole (original length = data length). */
        public Pcap frame(long timestampNanos, byte[] frame) {
            return frame(timestampNanos, frame.length, frame);
        }

        /** Adds a frame of {@code originalLength} on the wire, of which {@code frame} was captured. */
        public Pcap frame(long timestampNanos, int originalLength, byte[] frame) {
            meta.add(new long[] {timestampNanos, originalLength});
            data.add(frame.clone());
            return this;
        }

        @Override
        byte[] write(List<Frame> frames, List<Long> boundaries) {
            Out out = new Out(order);
            note(boundaries, 0);
            out.i32(nanosecond ? 0xA1B23C4D : 0xA1B2C3D4).i16(2).i16(4).i32(0).i32(0).i32(snapLength).i32(linkTypeField);
            for (int k = 0; k < data.size(); k++) {
                long ts = meta.get(k)[0];
                int orig = (int) meta.get(k)[1];
                byte[] d = data.get(k);
                long seconds = Math.floorDiv(ts, 1_000_000_000L);
                long fraction = Math.floorMod(ts, 1_000_000_000L);
                if (!nanosecond) {
                    fraction /= 1000;
                }
                long offset = out.size();
                note(boundaries, offset);
                out.i32((int) seconds).i32((int) fraction).i32(d.length).i32(orig).bytes(d);
                if (frames != null) {
                    int cap = snapLength == 0 ? d.length : Math.min(d.length, snapLength);
                    frames.add(new Frame(offset, 0, linkTypeField & 0xFFFF,
                            seconds * 1_000_000_000L + fraction * (nanosecond ? 1 : 1000), orig, Arrays.copyOf(d, cap)));
                }
            }
            return out.toArray();
        }
    }

    /** Builds a pcapng file: sections, their interfaces, and packet and other blocks in file order. */
    public static final class Pcapng extends Written {
        private final List<Block> blocks = new ArrayList<>();
        private boolean sectionStarted;

        private sealed interface Block permits Section, Idb, Epb, Spb, ObsoletePb, Other {
        }

        private record Section(ByteOrder order) implements Block {
        }

        private record Idb(Interface iface) implements Block {
        }

        private record Epb(int iface, long ts, int orig, byte[] data) implements Block {
        }

        private record Spb(int orig, byte[] data) implements Block {
        }

        private record ObsoletePb(int iface, long ts, int orig, byte[] data) implements Block {
        }

        private record Other(int type, byte[] body) implements Block {
        }

        private Pcapng() {
        }

        /** Starts a new section (Section Header Block) in the given byte order; its interfaces are numbered from 0. */
        public Pcapng section(ByteOrder order) {
            blocks.add(new Section(order));
            sectionStarted = true;
            return this;
        }

        /** Adds an Interface Description Block; its id is the count of interfaces before it in the section. */
        public Pcapng iface(Interface iface) {
            startSection();
            blocks.add(new Idb(iface));
            return this;
        }

        /** Adds an interface with only a link type (microseconds, no snap length). */
        public Pcapng iface(int linkType) {
            return iface(Interface.of(linkType));
        }

        /** Adds an Enhanced Packet Block captured whole. */
        public Pcapng epb(int iface, long timestampNanos, byte[] frame) {
            return epb(iface, timestampNanos, frame.length, frame);
        }

        public Pcapng epb(int iface, long timestampNanos, int originalLength, byte[] frame) {
            startSection();
            blocks.add(new Epb(iface, timestampNanos, originalLength, frame.clone()));
            return this;
        }

        /**
         * Adds a Simple Packet Block (interface 0, no timestamp). A reader returns
         * min(original length, snap length, padded data length) bytes, and the timestamp of the
         * frame before it (0 for none).
         */
        public Pcapng spb(int originalLength, byte[] frame) {
            startSection();
            blocks.add(new Spb(originalLength, frame.clone()));
            return this;
        }

        /** Adds an obsolete Packet Block (type 2). */
        public Pcapng packetBlock(int iface, long timestampNanos, int originalLength, byte[] frame) {
            startSection();
            blocks.add(new ObsoletePb(iface, timestampNanos, originalLength, frame.clone()));
            return this;
        }

        /** Adds a block of any type with the given body (padded to 4 bytes), e.g. one a reader must skip. */
        public Pcapng block(int type, byte[] body) {
            startSection();
            blocks.add(new Other(type, body.clone()));
            return this;
        }

        private void startSection() {
            if (!sectionStarted) {
                section(ByteOrder.LITTLE_ENDIAN);
            }
        }

        @Override
        byte[] write(List<Frame> frames, List<Long> boundaries) {
            Out out = new Out(ByteOrder.LITTLE_ENDIAN);
            List<Interface> ifaces = new ArrayList<>();
            long lastTs = 0;
            for (Block b : blocks) {
                long at = out.size();
                note(boundaries, at);
                if (b instanceof Section s) {
                    out.order(s.order());
                    ifaces.clear();
                    Out body = out.child().i32(0x1A2B3C4D).i16(1).i16(0).i64(-1L);
                    option(body, 4, "toktrace-test".getBytes(StandardCharsets.UTF_8)); // shb_userappl
                    body.i16(0).i16(0);
                    block(out, 0x0A0D0D0A, body);
                } else if (b instanceof Idb idb) {
                    Interface i = idb.iface();
                    ifaces.add(i);
                    Out body = out.child().i16(i.linkType()).i16(0).i32(i.snapLength());
                    if (i.name() != null) {
                        option(body, 2, i.name().getBytes(StandardCharsets.UTF_8));
                    }
                    if (i.resolution() != null) {
                        option(body, 9, new byte[] {(byte) i.resolution().code()});
                    }
                    if (i.tsOffsetSeconds() != 0) {
                        option(body, 14, out.child().i64(i.tsOffsetSeconds()).toArray());
                    }
                    body.i16(0).i16(0);
                    block(out, 1, body);
                } else if (b instanceof Epb p) {
                    long units = units(ifaces, p.iface(), p.ts());
                    Out body = out.child().i32(p.iface()).i32((int) (units >>> 32)).i32((int) units)
                            .i32(p.data().length).i32(p.orig()).padded(p.data());
                    block(out, 6, body);
                    lastTs = expect(frames, at, ifaces, p.iface(), units, p.orig(), p.data());
                } else if (b instanceof ObsoletePb p) {
                    long units = units(ifaces, p.iface(), p.ts());
                    Out body = out.child().i16(p.iface()).i16(0).i32((int) (units >>> 32)).i32((int) units)
                            .i32(p.data().length).i32(p.orig()).padded(p.data());
                    block(out, 2, body);
                    lastTs = expect(frames, at, ifaces, p.iface(), units, p.orig(), p.data());
                } else if (b instanceof Spb p) {
                    Out body = out.child().i32(p.orig()).padded(p.data());
                    block(out, 3, body);
                    if (frames != null && !ifaces.isEmpty()) {
                        byte[] padded = Arrays.copyOf(p.data(), (p.data().length + 3) & ~3);
                        long cap = Math.min(Integer.toUnsignedLong(p.orig()), padded.length);
                        int snap = ifaces.get(0).snapLength();
                        if (snap != 0) {
                            cap = Math.min(cap, Integer.toUnsignedLong(snap));
                        }
                        frames.add(new Frame(at, 0, ifaces.get(0).linkType(), lastTs, p.orig(),
                                Arrays.copyOf(padded, (int) cap)));
                    }
                } else if (b instanceof Other o) {
                    block(out, o.type(), out.child().padded(o.body()));
                }
            }
            return out.toArray();
        }

        private static long units(List<Interface> ifaces, int iface, long ts) {
            if (iface >= ifaces.size()) {
                return ts / 1000; // deliberately undeclared interface: microseconds, whatever
            }
            Interface i = ifaces.get(iface);
            BigInteger since = BigInteger.valueOf(ts).subtract(BigInteger.valueOf(i.tsOffsetSeconds()).multiply(NANOS));
            return floorDiv(since.multiply(i.effectiveResolution().unitsPerSecond()), NANOS).longValue();
        }

        private static long expect(List<Frame> frames, long at, List<Interface> ifaces, int iface, long units,
                                   int orig, byte[] data) {
            if (iface >= ifaces.size()) {
                return 0;
            }
            Interface i = ifaces.get(iface);
            BigInteger unsignedUnits = new BigInteger(Long.toUnsignedString(units));
            long ts = floorDiv(unsignedUnits.multiply(NANOS), i.effectiveResolution().unitsPerSecond())
                    .add(BigInteger.valueOf(i.tsOffsetSeconds()).multiply(NANOS)).longValue();
            if (frames != null) {
                int cap = i.snapLength() == 0 ? data.length : (int) Math.min(data.length, Integer.toUnsignedLong(i.snapLength()));
                frames.add(new Frame(at, iface, i.linkType(), ts, orig, Arrays.copyOf(data, cap)));
            }
            return ts;
        }

        private static void option(Out body, int code, byte[] value) {
            body.i16(code).i16(value.length).padded(value);
        }

        private static void block(Out out, int type, Out body) {
            int length = 12 + body.size();
            out.i32(type).i32(length).bytes(body.toArray()).i32(length);
        }
    }

    private static void note(List<Long> boundaries, long offset) {
        if (boundaries != null) {
            boundaries.add(offset);
        }
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static Path writeTo(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A growable byte sink in a chosen byte order. */
    private static final class Out {
        private ByteBuffer buf = ByteBuffer.allocate(256);

        Out(ByteOrder order) {
            buf.order(order);
        }

        Out order(ByteOrder order) {
            buf.order(order);
            return this;
        }

        Out child() {
            return new Out(buf.order());
        }

        private void room(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(buf.order());
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        Out i16(int v) {
            room(2);
            buf.putShort((short) v);
            return this;
        }

        Out i32(int v) {
            room(4);
            buf.putInt(v);
            return this;
        }

        Out i64(long v) {
            room(8);
            buf.putLong(v);
            return this;
        }

        Out bytes(byte[] b) {
            room(b.length);
            buf.put(b);
            return this;
        }

        Out padded(byte[] b) {
            bytes(b);
            return bytes(new byte[(4 - b.length % 4) % 4]);
        }

        int size() {
            return buf.position();
        }

        byte[] toArray() {
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }
}
