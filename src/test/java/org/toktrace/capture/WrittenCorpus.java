package org.toktrace.capture;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.CaptureFileWriter.Frame;
import org.toktrace.testkit.CaptureFileWriter.Interface;
import org.toktrace.testkit.CaptureFileWriter.TsResolution;

/**
 * Captures written by {@link CaptureFileWriter} in every variant the readers handle, with the
 * frames a correct reader returns, and whether libpcap can read them as well.
 */
final class WrittenCorpus {

    static final int ETHERNET = 1;
    static final int NULL = 0;
    static final int RAW = 101;
    static final int SLL = 113;
    static final int SLL2 = 276;

    /** 2023-11-14T22:13:20Z plus a nanosecond part that no resolution keeps whole. */
    static final long T0 = 1_700_000_000_123_456_789L;

    private WrittenCorpus() {
    }

    /**
     * @param libpcapReadable whether libpcap reads it with the same frames (single link type,
     *                        one byte order, no Simple Packet Blocks)
     */
    record Capture(String name, byte[] bytes, List<Frame> frames, boolean libpcapReadable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Capture> all() {
        List<Capture> c = new ArrayList<>();
        c.add(pcap("pcap-us-le-ethernet", CaptureFileWriter.pcap(ETHERNET), 1));
        c.add(pcap("pcap-us-be-raw", CaptureFileWriter.pcap(RAW).byteOrder(BIG_ENDIAN), 2));
        c.add(pcap("pcap-ns-le-sll", CaptureFileWriter.pcap(SLL).nanosecond(), 3));
        c.add(pcap("pcap-ns-be-sll2", CaptureFileWriter.pcap(SLL2).nanosecond().byteOrder(BIG_ENDIAN), 4));
        c.add(pcap("pcap-null-snap100", CaptureFileWriter.pcap(NULL).snapLength(100), 5));
        c.add(pcap("pcap-fcs-bits", CaptureFileWriter.pcap(ETHERNET).linkTypeField(ETHERNET | 0x0400_0000 | (4 << 28)), 6));
        c.add(pcap("pcap-snap0", CaptureFileWriter.pcap(ETHERNET).snapLength(0).nanosecond(), 7));

        c.add(ng("pcapng-le-us", CaptureFileWriter.pcapng().iface(ETHERNET), 1, 11, true));
        c.add(ng("pcapng-be-ns", CaptureFileWriter.pcapng().section(BIG_ENDIAN)
                .iface(Interface.of(ETHERNET).resolution(TsResolution.NANOS).name("en0")), 1, 12, true));
        c.add(ng("pcapng-ms", CaptureFileWriter.pcapng().iface(Interface.of(RAW).resolution(TsResolution.decimal(3))), 1, 13, true));
        c.add(ng("pcapng-ps", CaptureFileWriter.pcapng().iface(Interface.of(RAW).resolution(TsResolution.decimal(12))), 1, 14, true));
        c.add(ng("pcapng-2^-20", CaptureFileWriter.pcapng().iface(Interface.of(SLL).resolution(TsResolution.binary(20))), 1, 15, true));
        c.add(ng("pcapng-2^-32", CaptureFileWriter.pcapng().section(BIG_ENDIAN)
                .iface(Interface.of(SLL).resolution(TsResolution.binary(32))), 1, 16, true));
        c.add(ng("pcapng-tsoffset", CaptureFileWriter.pcapng().iface(Interface.of(ETHERNET).tsOffsetSeconds(3600)), 1, 17, true));
        // libpcap stops at the first packet longer than its interface's snap length; we cut it.
        c.add(ng("pcapng-snaplen", CaptureFileWriter.pcapng().iface(Interface.of(ETHERNET).snapLength(96)), 1, 18, false));
        c.add(ng("pcapng-two-ifaces-one-link", CaptureFileWriter.pcapng().iface(ETHERNET)
                .iface(Interface.of(ETHERNET).resolution(TsResolution.NANOS)), 2, 19, true));

        // Sections of one byte order, with other blocks in between that a reader skips.
        Random r = new Random(20);
        CaptureFileWriter.Pcapng sections = CaptureFileWriter.pcapng().section(BIG_ENDIAN).iface(ETHERNET);
        sections.block(4, new byte[] {0, 1, 0, 4, 10, 0, 0, 1, 0, 0, 0, 0}) // a Name Resolution Block
                .epb(0, T0, frame(r, 60))
                .block(0x0000_0BAD, new byte[] {1, 2, 3}) // a custom block of an unknown type
                .packetBlock(0, T0 + 1_000_000, 90, frame(r, 90))
                .section(BIG_ENDIAN).iface(Interface.of(ETHERNET).resolution(TsResolution.NANOS))
                .block(5, new byte[20]) // an Interface Statistics Block
                .epb(0, T0 + 2_000_000, 1514, frame(r, 1514))
                .packetBlock(0, T0 + 3_000_001, 1, frame(r, 1));
        c.add(new Capture("pcapng-sections-and-other-blocks", sections.toBytes(), sections.frames(), true));

        // What only the built-in reader handles.
        r = new Random(30);
        CaptureFileWriter.Pcapng mixed = CaptureFileWriter.pcapng()
                .section(LITTLE_ENDIAN)
                .iface(Interface.of(ETHERNET).resolution(TsResolution.binary(30)))
                .iface(Interface.of(RAW).resolution(TsResolution.decimal(9)).snapLength(64))
                .iface(Interface.of(SLL2).tsOffsetSeconds(-7200))
                .epb(0, T0, frame(r, 60)).epb(1, T0 + 5, frame(r, 200)).epb(2, T0 + 10, frame(r, 3))
                .spb(61, frame(r, 61))
                .section(BIG_ENDIAN)
                .iface(Interface.of(NULL).resolution(TsResolution.binary(0)))
                .iface(Interface.of(RAW).resolution(TsResolution.decimal(0)))
                .epb(1, T0 + 7_000_000_000L, frame(r, 40)).epb(0, T0 + 9_999_999_999L, frame(r, 41))
                .packetBlock(1, T0 + 11_000_000_000L, 1500, frame(r, 100))
                .section(LITTLE_ENDIAN)
                .iface(Interface.of(ETHERNET).snapLength(20))
                .spb(1500, frame(r, 100)) // cut to the snap length 20
                .spb(2, frame(r, 3)) // the original length is shorter than the padded data
                .epb(0, T0 + 12_000_000_000L, frame(r, 19));
        c.add(new Capture("pcapng-mixed-links-orders-spb", mixed.toBytes(), mixed.frames(), false));

        // Extreme resolutions with timestamps that fit them.
        CaptureFileWriter.Pcapng extreme = CaptureFileWriter.pcapng()
                .iface(Interface.of(RAW).resolution(TsResolution.binary(63)))
                .iface(Interface.of(RAW).resolution(TsResolution.binary(100)))
                .iface(Interface.of(RAW).resolution(TsResolution.decimal(19)))
                .iface(Interface.of(RAW).resolution(TsResolution.decimal(18)))
                .iface(Interface.of(RAW).resolution(TsResolution.binary(33)))
                .epb(0, 999_999_999L, frame(r, 10)).epb(0, 123_456_789L, frame(r, 10))
                .epb(1, 7L, frame(r, 10)).epb(2, 1_700_000_000L, frame(r, 10))
                .epb(3, T0, frame(r, 10)).epb(4, T0, frame(r, 10)).epb(4, 0, frame(r, 10));
        c.add(new Capture("pcapng-extreme-resolutions", extreme.toBytes(), extreme.frames(), false));
        return c;
    }

    private static Capture pcap(String name, CaptureFileWriter.Pcap w, long seed) {
        Random r = new Random(seed);
        long ts = T0;
        for (int k = 0; k < 40; k++) {
            int len = k < 4 ? k : 14 + r.nextInt(1500);
            byte[] f = frame(r, len);
            w.frame(ts, k % 7 == 3 ? len + 100 : len, f);
            ts += r.nextInt(50_000_000) + 1;
        }
        return new Capture(name, w.toBytes(), w.frames(), true);
    }

    private static Capture ng(String name, CaptureFileWriter.Pcapng w, int interfaces, long seed, boolean libpcap) {
        Random r = new Random(seed);
        long ts = T0;
        for (int k = 0; k < 40; k++) {
            int len = k < 4 ? k : 14 + r.nextInt(1500);
            w.epb(k % interfaces, ts, k % 7 == 3 ? len + 100 : len, frame(r, len));
            ts += r.nextInt(50_000_000) + 1;
        }
        return new Capture(name, w.toBytes(), w.frames(), libpcap);
    }

    static byte[] frame(Random r, int length) {
        byte[] b = new byte[length];
        r.nextBytes(b);
        return b;
    }
}
