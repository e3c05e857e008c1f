package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A capture that floods the reassembly: many UDP flows whose one client Initial carries a CRYPTO
 * frame starting at offset 1000, so the ClientHello can never be whole and each flow holds its
 * out-of-order bytes; some whose CRYPTO frame lies past any per-flow cap; TCP flows whose first
 * segment after the SYN starts {@link #FLOOD_OFFSET} bytes into the stream; and, among them, ordinary
 * QUIC and TLS-over-TCP flows that must still be named. With {@code plainUdp} the flood flows carry
 * one datagram of filler instead, the same count and sizes, as a baseline.
 *
 * <p>Run {@code main} to write one by hand: {@code ReassemblyFlood OUT.pcap [FLOWS] [quic|udp]}.
 */
public final class ReassemblyFlood {

    /** Where the flood's CRYPTO frames start: past a ClientHello's first bytes, within any cap. */
    public static final int FLOOD_OFFSET = 1000;
    /** Where the over-cap flows' CRYPTO frames start: past the 16 KiB a flow may hold. */
    public static final int OVER_CAP_OFFSET = 20_000;

    private static final long GATEWAY_MAC = 0x0242AC110001L;
    private static final long PHONE_MAC = 0x0242AC110002L;
    private static final long START = 1_700_000_000_000_000_000L;
    private static final long GAP = 100_000L; // 0.1 ms between flows: all of them are alive at once

    /** What a written capture holds, to check an analysis against. */
    public record Contents(int floodFlows, int overCapFlows, int tcpFloodFlows, List<String> quicNames,
            List<String> tlsNames, long frames) {
        public Contents {
            quicNames = List.copyOf(quicNames);
            tlsNames = List.copyOf(tlsNames);
        }
    }

    private ReassemblyFlood() {
    }

    /**
     * Writes the capture.
     *
     * @param floodFlows   flows whose CRYPTO data starts at {@link #FLOOD_OFFSET}
     * @param overCapFlows flows whose CRYPTO data starts at {@link #OVER_CAP_OFFSET}
     * @param normalFlows  ordinary QUIC flows, and as many TLS flows, spread evenly through the flood
     *                     (the first before it, the last after it)
     * @param plainUdp     the flood flows carry filler, not QUIC
     */
    public static Contents write(Path file, int floodFlows, int overCapFlows, int normalFlows, boolean plainUdp)
            throws IOException {
        return write(file, floodFlows, overCapFlows, 0, normalFlows, plainUdp);
    }

    /**
     * Writes the capture with {@code tcpFloodFlows} TCP flows after the QUIC ones, each a SYN and a
     * 200-byte segment at stream offset {@link #FLOOD_OFFSET}: a hole no retransmission fills.
     */
    public static Contents write(Path file, int floodFlows, int overCapFlows, int tcpFloodFlows, int normalFlows,
            boolean plainUdp) throws IOException {
        SplittableRandom rng = new SplittableRandom(16);
        FrameEncoder enc = new FrameEncoder();
        List<String> quicNames = new ArrayList<>();
        List<String> tlsNames = new ArrayList<>();
        Addr phone = Addr.v4(10, 0, 0, 2);
        int hostile = floodFlows + overCapFlows + tcpFloodFlows;
        int every = normalFlows <= 1 ? Integer.MAX_VALUE : Math.max(1, hostile / (normalFlows - 1));
        long t = START;
        int port = 1024;
        try (PcapWriter w = new PcapWriter(file, false)) {
            for (int i = 0; i <= hostile; i++) {
                if (quicNames.size() < normalFlows && (i % every == 0 || i == hostile)) {
                    int n = quicNames.size();
                    String quicName = "normal-quic-" + n + ".example.com";
                    quicFlow(w, enc, rng, t, phone, server(n), nextPort(port++), quicName, 0, -1, false);
                    quicNames.add(quicName);
                    t += GAP;
                    String tlsName = "normal-tls-" + n + ".example.org";
                    tlsFlow(w, enc, rng, t, phone, server(n + 1), nextPort(port++), tlsName);
                    tlsNames.add(tlsName);
                    t += GAP;
                }
                if (i == hostile) {
                    break;
                }
                if (i >= floodFlows + overCapFlows) {
                    int isn = rng.nextInt();
                    Addr server = server(i);
                    int clientPort = nextPort(port++);
                    tcp(w, enc, t, phone, server, clientPort, 443, isn, 0, 0x02, new byte[0], true);
                    byte[] data = new byte[200];
                    data[0] = 22; // the middle of a handshake record, as far as anyone can tell
                    tcp(w, enc, t + GAP / 2, phone, server, clientPort, 443, isn + 1 + FLOOD_OFFSET, 0, 0x18, data, true);
                    t += GAP;
                    continue;
                }
                int offset = i < floodFlows ? FLOOD_OFFSET : OVER_CAP_OFFSET;
                quicFlow(w, enc, rng, t, phone, server(i), nextPort(port++), "flood-" + i + ".example.net", offset,
                        i, plainUdp);
                t += GAP;
            }
            return new Contents(floodFlows, overCapFlows, tcpFloodFlows, quicNames, tlsNames, w.frames());
        }
    }

    /** Client ports cycle through 1024-65535, and the server address changes with every flow. */
    private static int nextPort(int p) {
        return 1024 + (p - 1024) % (65536 - 1024);
    }

    private static Addr server(int i) {
        return Addr.v4(0xCB000000 | (i & 0xFFFFFF)); // 203.x.y.z, one per flow
    }

    /**
     * One client Initial (padded to 1250 bytes, as Chrome does): the whole ClientHello at offset 0
     * when {@code offset} is 0, else the ClientHello's bytes from {@code offset} on (or filler
     * placed there), which leaves a hole that never fills.
     */
    private static void quicFlow(PcapWriter w, FrameEncoder enc, SplittableRandom rng, long t, Addr phone, Addr server,
            int clientPort, String name, int offset, int salt, boolean plainUdp) throws IOException {
        byte[] payload;
        if (plainUdp) {
            payload = new byte[1250];
            rng.nextBytes(payload);
            payload[0] = 0x00; // not a long header: no QUIC here
        } else {
            byte[] dcid = new byte[8];
            byte[] scid = new byte[8];
            rng.nextBytes(dcid);
            rng.nextBytes(scid);
            byte[] hello = TlsMessages.clientHello(rng, name, List.of("h3"), false, scid);
            byte[] frame;
            if (offset == 0) {
                frame = QuicInitial.cryptoFrame(hello);
            } else {
                byte[] data = new byte[200];
                System.arraycopy(hello, 0, data, 0, Math.min(hello.length, data.length));
                frame = new Bytes().varint(0x06).varint(offset).varint(data.length).bytes(data).toArray();
            }
            payload = QuicInitial.seal(dcid, true, dcid, scid, 0, frame, 1250);
        }
        int len = enc.udp(GATEWAY_MAC, PHONE_MAC, phone, server, 64, salt & 0xFFFF, clientPort, 443, payload,
                payload.length);
        w.write(t, enc.buf, 0, len);
    }

    /** A three-way handshake and a ClientHello in one segment (RFC 9293, RFC 8446 section 5.1). */
    private static void tlsFlow(PcapWriter w, FrameEncoder enc, SplittableRandom rng, long t, Addr phone, Addr server,
            int clientPort, String name) throws IOException {
        int isnClient = rng.nextInt();
        int isnServer = rng.nextInt();
        byte[] record = TlsMessages.handshakeRecord(TlsMessages.clientHello(rng, name, List.of("h2"), false, null),
                0x0301);
        tcp(w, enc, t, phone, server, clientPort, 443, isnClient, 0, 0x02, new byte[0], true);
        tcp(w, enc, t + 10_000, server, phone, 443, clientPort, isnServer, isnClient + 1, 0x12, new byte[0], false);
        tcp(w, enc, t + 20_000, phone, server, clientPort, 443, isnClient + 1, isnServer + 1, 0x10, new byte[0], true);
        tcp(w, enc, t + 30_000, phone, server, clientPort, 443, isnClient + 1, isnServer + 1, 0x18, record, true);
    }

    private static void tcp(PcapWriter w, FrameEncoder enc, long t, Addr src, Addr dst, int srcPort, int dstPort,
            int seq, int ack, int flags, byte[] payload, boolean up) throws IOException {
        int l4Len = 20 + payload.length;
        int l4 = up ? enc.ip(GATEWAY_MAC, PHONE_MAC, src, dst, FrameEncoder.TCP, 64, seq & 0xFFFF, l4Len)
                : enc.ip(PHONE_MAC, GATEWAY_MAC, src, dst, FrameEncoder.TCP, 52, ack & 0xFFFF, l4Len);
        enc.put16(l4, srcPort);
        enc.put16(l4 + 2, dstPort);
        enc.put32(l4 + 4, seq);
        enc.put32(l4 + 8, ack);
        enc.put16(l4 + 12, (20 / 4) << 12 | flags);
        enc.put16(l4 + 14, 65535);
        enc.put16(l4 + 16, 0);
        enc.put16(l4 + 18, 0);
        System.arraycopy(payload, 0, enc.buf, l4 + 20, payload.length);
        enc.transportChecksum(l4, l4Len, src, dst, FrameEncoder.TCP);
        w.write(t, enc.buf, 0, l4 + l4Len);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ReassemblyFlood OUT.pcap [FLOWS] [quic|udp]");
            System.exit(2);
        }
        int flows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        boolean udp = args.length > 2 && args[2].equals("udp");
        Contents c = write(Path.of(args[0]), flows, 0, 2, udp);
        System.out.println(args[0] + ": " + c.frames() + " frames, " + flows + (udp ? " plain UDP" : " QUIC CRYPTO")
                + " flood flows, " + Arrays.asList(c.quicNames().size(), c.tlsNames().size()) + " normal QUIC/TLS flows");
    }
}
