package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.FlowNames;
import org.toktrace.model.NameSource;
import org.toktrace.testkit.Frames;

/**
 * The client's byte stream rebuilt from real-looking TCP segments (built with {@link Frames},
 * decoded by the real decoder): TLS ClientHellos over several segments and records, in order,
 * reversed, retransmitted, with a hole, without the SYN; HTTP Host; SMTP STARTTLS; the budgets.
 */
class TcpStreamDissectionTest {

    static final String CLIENT = "10.0.0.2";
    static final String SERVER = "93.184.216.34";
    static final int CLIENT_PORT = 50000;
    static final long CLIENT_ISN = 1000;
    static final long SERVER_ISN = 777_000;

    /** A modern-sized ClientHello (about 1.8 kB, like one with a post-quantum key share) in one TLS record. */
    static byte[] bigHelloRecord() {
        byte[] hello = ClientHelloParserTest.withExtension(ClientHelloParserTest.hex(ClientHelloParserTest.GOOGLE), 21,
                new byte[1300]);
        return record(hello);
    }

    static byte[] record(byte[] fragment) {
        ByteBuffer b = ByteBuffer.allocate(5 + fragment.length);
        b.put((byte) 22).put((byte) 3).put((byte) 1).putShort((short) fragment.length).put(fragment);
        return b.array();
    }

    private final FlowHarness harness = new FlowHarness();
    private long clock = 1_000_000_000L;
    private long lastTimestamp;

    private FlowHarness.Flow client(int flags, long seq, byte[] payload) {
        byte[] ip = Frames.ipv4(CLIENT, SERVER)
                .payload(Frames.tcp(CLIENT_PORT, 443).flags(flags).seq(seq).ack(SERVER_ISN + 1).payload(payload)).build();
        return feed(ip);
    }

    private FlowHarness.Flow server(int flags, long seq, long ack, byte[] payload) {
        byte[] ip = Frames.ipv4(SERVER, CLIENT)
                .payload(Frames.tcp(443, CLIENT_PORT).flags(flags).seq(seq).ack(ack).payload(payload)).build();
        return feed(ip);
    }

    private FlowHarness.Flow feed(byte[] ip) {
        lastTimestamp = clock += 1_000_000;
        harness.ethernet(Frames.ethernet().build(ip), lastTimestamp);
        return harness.flows.values().iterator().next();
    }

    private void handshake() {
        client(Frames.SYN, CLIENT_ISN, new byte[0]);
        server(Frames.SYN | Frames.ACK, SERVER_ISN, CLIENT_ISN + 1, new byte[0]);
        client(Frames.ACK, CLIENT_ISN + 1, new byte[0]);
    }

    /** {@code stream} cut at the given offsets into segments: [seq, bytes]. */
    private static List<byte[]> cut(byte[] stream, int... at) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int a : at) {
            parts.add(Arrays.copyOfRange(stream, from, a));
            from = a;
        }
        parts.add(Arrays.copyOfRange(stream, from, stream.length));
        return parts;
    }

    private FlowHarness.Flow send(byte[] stream, long firstSeq, int from, int to) {
        return client(Frames.ACK | Frames.PSH, firstSeq + from, Arrays.copyOfRange(stream, from, to));
    }

    private static void assertSni(String name, FlowHarness.Flow flow) {
        assertTrue(flow.inspection.finished(), "finished");
        assertFalse(flow.inspecting, "stopped asking");
        assertEquals(name, flow.inspection.names().serverName());
        assertEquals(NameSource.TLS_SNI, flow.inspection.names().source());
    }

    @Test
    void clientHelloOverThreeSegmentsInOrder() {
        byte[] stream = bigHelloRecord();
        assertTrue(stream.length > 1700);
        handshake();
        send(stream, CLIENT_ISN + 1, 0, 700);
        FlowHarness.Flow f = send(stream, CLIENT_ISN + 1, 700, 1400);
        assertTrue(f.inspecting);
        assertEquals(FlowNames.NONE, f.inspection.names());
        f = send(stream, CLIENT_ISN + 1, 1400, stream.length);
        assertSni("www.google.com", f);
        assertEquals(lastTimestamp, f.inspection.names().timestampNanos(), "time of the completing packet");
        assertEquals(List.of("h2", "http/1.1"), f.inspection.names().alpn());
    }

    @Test
    void clientHelloSegmentsReversed() {
        byte[] stream = bigHelloRecord();
        handshake();
        send(stream, CLIENT_ISN + 1, 1400, stream.length);
        send(stream, CLIENT_ISN + 1, 700, 1400);
        FlowHarness.Flow f = send(stream, CLIENT_ISN + 1, 0, 700);
        assertSni("www.google.com", f);
    }

    @Test
    void retransmittedAndOverlappingSegments() {
        byte[] stream = bigHelloRecord();
        handshake();
        send(stream, CLIENT_ISN + 1, 0, 700);
        send(stream, CLIENT_ISN + 1, 0, 700); // duplicate
        send(stream, CLIENT_ISN + 1, 1200, 1600); // ahead, leaves a hole
        send(stream, CLIENT_ISN + 1, 500, 1300); // overlaps both sides of the hole
        FlowHarness.Flow f = send(stream, CLIENT_ISN + 1, 1000, stream.length); // overlaps, completes
        assertSni("www.google.com", f);
    }

    @Test
    void lostSegmentGivesUpWithinTheBudget() {
        byte[] stream = bigHelloRecord();
        handshake();
        send(stream, CLIENT_ISN + 1, 0, 700);
        FlowHarness.Flow f = send(stream, CLIENT_ISN + 1, 1400, stream.length); // 700..1400 never comes
        int sent = 2;
        while (f.inspecting) {
            f = send(stream, CLIENT_ISN + 1, 1400, stream.length); // the client keeps retransmitting the tail
            sent++;
            assertTrue(sent <= PayloadDissectors.MAX_CLIENT_SEGMENTS, "gave up after " + sent);
        }
        assertTrue(f.inspection.finished());
        assertEquals(FlowNames.NONE, f.inspection.names());
    }

    @Test
    void withoutTheSynTheFirstClientSegmentStartsTheStream() {
        byte[] stream = bigHelloRecord();
        long seq = 4_000_000_000L;
        send(stream, seq, 0, 700);
        send(stream, seq, 700, 1400);
        assertSni("www.google.com", send(stream, seq, 1400, stream.length));
    }

    @Test
    void withoutTheSynALaterSegmentFirstStillWorks() {
        byte[] stream = bigHelloRecord();
        long seq = 55_555;
        send(stream, seq, 700, 1400); // seen first: a guessed start, moved back when the first bytes come
        send(stream, seq, 0, 700);
        assertSni("www.google.com", send(stream, seq, 1400, stream.length));
    }

    @Test
    void theSynAckAloneGivesTheClientsStart() {
        byte[] stream = bigHelloRecord();
        // the SYN was not captured: the flow starts with the SYN+ACK, whose ack is the client's ISN + 1
        server(Frames.SYN | Frames.ACK, SERVER_ISN, CLIENT_ISN + 1, new byte[0]);
        send(stream, CLIENT_ISN + 1, 700, 1400);
        send(stream, CLIENT_ISN + 1, 0, 700);
        assertSni("www.google.com", send(stream, CLIENT_ISN + 1, 1400, stream.length));
    }

    @Test
    void sequenceNumbersWrapAround() {
        byte[] stream = bigHelloRecord();
        long isn = 0xFFFF_FF00L;
        client(Frames.SYN, isn, new byte[0]);
        send(stream, isn + 1, 0, 700);
        send(stream, isn + 1, 1400, stream.length); // past 2^32
        assertSni("www.google.com", send(stream, isn + 1, 700, 1400));
    }

    @Test
    void handshakeMessageSpreadOverRecords() {
        byte[] hello = ClientHelloParserTest.hex(ClientHelloParserTest.CLOUDFLARE);
        // three records, the handshake header itself split between the first two
        byte[] stream = concat(record(Arrays.copyOfRange(hello, 0, 2)), record(Arrays.copyOfRange(hello, 2, 100)),
                record(Arrays.copyOfRange(hello, 100, hello.length)));
        handshake();
        send(stream, CLIENT_ISN + 1, 0, 50);
        assertSni("www.cloudflare.com", send(stream, CLIENT_ISN + 1, 50, stream.length));
    }

    @Test
    void clientHelloWithoutServerNameEndsWithNoName() {
        handshake();
        FlowHarness.Flow f = send(record(ClientHelloParserTest.hex(ClientHelloParserTest.KAKAO_NO_SNI)), CLIENT_ISN + 1, 0,
                ClientHelloParserTest.hex(ClientHelloParserTest.KAKAO_NO_SNI).length + 5);
        assertTrue(f.inspection.finished());
        assertNull(f.inspection.names().serverName());
        assertNull(f.inspection.names().source());
    }

    @Test
    void otherProtocolsAreGivenUpAtOnce() {
        handshake();
        FlowHarness.Flow f = client(Frames.ACK | Frames.PSH, CLIENT_ISN + 1, ascii("SSH-2.0-OpenSSH_9.6\r\n"));
        assertTrue(f.inspection.finished());
        assertFalse(f.inspecting);
        assertEquals(FlowNames.NONE, f.inspection.names());
    }

    @Test
    void aTlsRecordThatIsNotAHandshakeIsGivenUp() {
        handshake();
        FlowHarness.Flow f = client(Frames.ACK | Frames.PSH, CLIENT_ISN + 1, new byte[] {23, 3, 3, 0, 5, 1, 2, 3, 4, 5});
        assertTrue(f.inspection.finished());
    }

    @Test
    void aClientThatNeverSpeaksEndsTheInspectionAfterABudget() {
        handshake();
        FlowHarness.Flow f = null;
        for (int i = 0; i < PayloadDissectors.MAX_TCP_PACKETS; i++) {
            f = server(Frames.ACK, SERVER_ISN + 1 + 100L * i, CLIENT_ISN + 1, new byte[100]);
        }
        assertFalse(f.inspecting);
        assertTrue(f.inspection.finished());
    }

    @Test
    void aResetEndsTheInspection() {
        handshake();
        FlowHarness.Flow f = server(Frames.RST | Frames.ACK, SERVER_ISN + 1, CLIENT_ISN + 1, new byte[0]);
        assertFalse(f.inspecting);
    }

    // ------------------------------------------------------------------ HTTP

    private FlowHarness.Flow http(String... segments) {
        handshake();
        long seq = CLIENT_ISN + 1;
        FlowHarness.Flow f = null;
        for (String s : segments) {
            byte[] b = ascii(s);
            f = client(Frames.ACK | Frames.PSH, seq, b);
            seq += b.length;
        }
        return f;
    }

    private static void assertHost(String host, FlowHarness.Flow f) {
        assertTrue(f.inspection.finished());
        assertEquals(host, f.inspection.names().serverName());
        assertEquals(host == null ? null : NameSource.HTTP_HOST, f.inspection.names().source());
    }

    @Test
    void httpHostHeader() {
        assertHost("v16-webapp.tiktok.com", http("GET /video/1 HTTP/1.1\r\nUser-Agent: x\r\nHost: v16-webapp.tiktok.com\r\nAccept: */*\r\n\r\n"));
    }

    @Test
    void httpHostNameIsCaseInsensitiveWhitespaceTrimmedPortStripped() {
        assertHost("Example.COM", http("POST /api HTTP/1.1\r\nhOsT:\t  Example.COM:8080 \r\n\r\n"));
    }

    @Test
    void httpHostIpv6LiteralKeepsItsBrackets() {
        assertHost("[2001:db8::1]", http("GET / HTTP/1.1\r\nHost: [2001:db8::1]:8080\r\n\r\n"));
    }

    @Test
    void httpBareLineFeedsAreAccepted() {
        assertHost("example.net", http("HEAD / HTTP/1.0\nHost: example.net\n\n"));
    }

    @Test
    void httpWithoutHostHasNoName() {
        assertHost(null, http("GET / HTTP/1.0\r\nAccept: */*\r\n\r\n"));
    }

    @Test
    void httpRequestSplitOverSegments() {
        String[] parts = {"GE", "T / HTTP/1.1\r\nAccept: */*\r\nHo", "st: split.exa"};
        FlowHarness.Flow f = http(parts);
        assertTrue(f.inspecting, "the Host line is not complete yet");
        f = client(Frames.ACK | Frames.PSH, CLIENT_ISN + 1 + String.join("", parts).length(), ascii("mple.org\r\n\r\n"));
        assertHost("split.example.org", f);
        assertEquals(lastTimestamp, f.inspection.names().timestampNanos());
    }

    @Test
    void httpControlBytesInTheHostAreEscaped() {
        assertHost("a\\x1bb", http("GET / HTTP/1.1\r\nHost: a\u001bb\r\n\r\n"));
    }

    @Test
    void httpHeadWithoutEndGivesUpAtItsBound() {
        handshake();
        long seq = CLIENT_ISN + 1;
        FlowHarness.Flow f = client(Frames.ACK, seq, ascii("GET / HTTP/1.1\r\n"));
        seq += 16;
        byte[] header = ascii("X-Filler: " + "y".repeat(1000) + "\r\n");
        while (f.inspecting) {
            f = client(Frames.ACK, seq, header);
            seq += header.length;
        }
        assertEquals(FlowNames.NONE, f.inspection.names());
        assertTrue(seq - CLIENT_ISN <= PayloadDissectors.MAX_HTTP_HEAD + header.length + 16);
    }

    // ------------------------------------------------------------------ SMTP STARTTLS

    @Test
    void smtpStartTlsClientHelloIsRead() {
        byte[] hello = record(ClientHelloParserTest.hex(ClientHelloParserTest.CLOUDFLARE));
        FlowHarness.Flow f = http("EHLO mail.example.org\r\n", "STARTTLS\r\n");
        assertTrue(f.inspecting);
        f = client(Frames.ACK | Frames.PSH, CLIENT_ISN + 1 + 23 + 10, hello);
        assertSni("www.cloudflare.com", f);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
