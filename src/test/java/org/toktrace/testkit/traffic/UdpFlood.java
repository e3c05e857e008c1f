package org.toktrace.testkit.traffic;

import java.nio.file.Path;

/**
 * Writes a capture of N distinct UDP flows (one datagram each, from one phone to N servers), for the
 * memory-by-flows benchmark in docs/performance.md:
 * {@code java -cp ... org.toktrace.testkit.traffic.UdpFlood FILE N}.
 */
public final class UdpFlood {
    private UdpFlood() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: UdpFlood FILE FLOWS");
            System.exit(2);
        }
        write(Path.of(args[0]), Integer.parseInt(args[1]), 1);
    }

    /** {@code flows} UDP datagrams from 10.42.0.7, each to another server: one flow each; flow i carries {@code i % sizes} more bytes. */
    public static void write(Path file, int flows, int sizes) throws Exception {
        byte[] frame = new byte[14 + 20 + 8 + 16 + sizes];
        frame[12] = 0x08; // EtherType IPv4
        frame[14] = 0x45; // version 4, 20-byte header
        frame[22] = 64; // TTL
        frame[23] = 17; // UDP
        frame[26] = 10; // from 10.42.0.7
        frame[27] = 42;
        frame[29] = 7;
        frame[30] = (byte) 198; // to 198.x.y.z, one server per flow
        frame[36] = 0x01; // to port 443
        frame[37] = (byte) 0xBB;
        long t = 1_700_000_000_000_000_000L;
        try (PcapWriter w = new PcapWriter(file, true)) {
            for (int i = 0; i < flows; i++) {
                int payload = 16 + i % sizes;
                frame[16] = (byte) ((20 + 8 + payload) >>> 8); // total length
                frame[17] = (byte) (20 + 8 + payload);
                frame[38] = (byte) ((8 + payload) >>> 8); // UDP length
                frame[39] = (byte) (8 + payload);
                frame[31] = (byte) (i >>> 16);
                frame[32] = (byte) (i >>> 8);
                frame[33] = (byte) i;
                frame[34] = (byte) ((40_000 + (i & 0x3FF)) >>> 8);
                frame[35] = (byte) (40_000 + (i & 0x3FF));
                w.write(t + i * 10_000L, frame, 0, 14 + 20 + 8 + payload);
            }
        }
    }
}
