package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.toktrace.testkit.InteropCaptures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.toktrace.capture.CaptureFiles;
import org.toktrace.capture.FrameSource;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.model.ClientHelloInfo;
import org.toktrace.model.IpAddress;
import org.toktrace.model.IpProtocols;

/**
 * On every real capture in {@code ../shared/interop}, the server name read from each QUIC flow's
 * Initial packets equals the one tshark 4.0.17 shows for that 5-tuple ({@code expected/NAME.sni.tsv}),
 * and no UDP flow gets a name tshark does not show. One assembler per UDP 5-tuple; the client is
 * the sender of the flow's first client Initial.
 */
@Tag("interop")
class QuicInteropTest {

    static Stream<Path> captures() throws IOException {
        return InteropCaptures.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void quicServerNamesEqualTsharks(Path capture) throws Exception {
        Path expectedFile = capture.getParent().resolveSibling("expected").resolve(capture.getFileName() + ".sni.tsv");
        assertTrue(Files.exists(expectedFile), "no tshark expectation for " + capture.getFileName());
        // client endpoint > server endpoint -> the server names tshark shows for that 5-tuple
        Map<String, TreeSet<String>> expected = new TreeMap<>();
        for (String line : Files.readAllLines(expectedFile)) {
            String[] f = line.split("\t", -1);
            if (f.length >= 7 && f[1].equals("quic")) {
                expected.computeIfAbsent(endpoint(IpAddress.parse(f[2]), Integer.parseInt(f[3])) + " > "
                        + endpoint(IpAddress.parse(f[4]), Integer.parseInt(f[5])), k -> new TreeSet<>()).add(f[6]);
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (Map.Entry<String, QuicClientHelloAssembler> e : run(capture).entrySet()) {
            ClientHelloInfo info = e.getValue().clientHello();
            if (info != null) {
                actual.put(e.getKey(), info.serverName() == null ? "" : info.serverName());
            }
        }
        // tshark shows one line per ClientHello; a flow may hold two (quic-29: after a
        // HelloRetryRequest) and TLS requires them to name the same server, so compare the set.
        Map<String, String> wanted = new TreeMap<>();
        expected.forEach((flow, names) -> wanted.put(flow, String.join("|", names)));
        Map<String, String> got = new TreeMap<>();
        for (String flow : wanted.keySet()) {
            got.put(flow, actual.getOrDefault(flow, ""));
        }
        for (Map.Entry<String, String> e : actual.entrySet()) {
            if (!wanted.containsKey(e.getKey()) && !e.getValue().isEmpty()) {
                got.put(e.getKey(), e.getValue()); // a name tshark does not show
            }
        }
        assertEquals(wanted, got, capture.getFileName().toString());
    }

    /** One assembler per UDP 5-tuple, keyed "client > server", fed every client datagram in order. */
    static Map<String, QuicClientHelloAssembler> run(Path capture) throws Exception {
        Map<String, QuicClientHelloAssembler> byClient = new LinkedHashMap<>();
        Map<String, String> clientOf = new TreeMap<>(); // unordered pair -> client side key
        PacketDecoder decoder = new PacketDecoder();
        PacketView view = new PacketView();
        try (FrameSource source = CaptureFiles.open(capture)) {
            while (source.next()) {
                if (decoder.decode(source.buffer(), source.frameOffset(), source.capturedLength(),
                        source.originalLength(), source.linkType(), view) != DecodeStatus.IP
                        || view.protocol() != IpProtocols.UDP || view.isFragment()) {
                    continue;
                }
                String src = endpoint(view.srcAddress(), view.srcPort());
                String dst = endpoint(view.dstAddress(), view.dstPort());
                String pair = src.compareTo(dst) < 0 ? src + " " + dst : dst + " " + src;
                ByteBuffer buf = source.buffer();
                int off = view.l4PayloadOffset();
                int len = view.l4PayloadLength();
                String flow = clientOf.get(pair);
                if (flow == null) {
                    if (len <= 0 || !QuicClientHelloAssembler.looksLikeClientInitial(buf, off, len)) {
                        continue;
                    }
                    flow = src + " > " + dst;
                    clientOf.put(pair, flow);
                    byClient.put(flow, new QuicClientHelloAssembler());
                }
                if (flow.startsWith(src + " > ")) {
                    byClient.get(flow).onDatagram(buf, off, len);
                }
            }
        }
        return byClient;
    }

    private static String endpoint(IpAddress address, int port) {
        return address + "/" + port;
    }
}
