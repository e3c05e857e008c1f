package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.DnsAnswer.Record;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.Frames;

/** DNS responses (RFC 1035 section 4.1) from real captures and built by hand, over UDP and TCP. */
class DnsDissectionTest {

    /** KakaoTalk_chat.pcap frame 117: graph.facebook.com CNAME api.facebook.com CNAME star.c10r.facebook.com A 31.13.68.70. */
    static final String FACEBOOK = "aa87818000010003000000000567726170680866616365626f6f6b03636f6d0000010001c00c0005000100000571"
            + "000603617069c012c0300005000100000576000c04737461720463313072c012c042000100010000001100041f0d4446";
    /** pcapng-multi-interface.pcapng frame 2: www.apple.com through aaplimg, edgekey and akamaiedge; an OPT record follows. */
    static final String APPLE = "4fe88180000100040000000103777777056170706c6503636f6d0000010001c00c000500010000010f001a0d7777"
            + "772d6170706c652d636f6d0176076161706c696d67c016c02b000500010000010f001b03777777056170706c6503636f6d07656467"
            + "656b6579036e657400c051000500010000010f00190565363835380564736365390a616b616d616965646765c067c0780001000100"
            + "000009000417c2651800002904d0000000000000";
    /** pcapng-multi-interface.pcapng frame 6: four AAAA records for google.com. */
    static final String GOOGLE_AAAA = "00058180000100040000000006676f6f676c6503636f6d00001c0001c00c001c00010000007000102607f8b0"
            + "402320070000000000000066c00c001c00010000007000102607f8b040232007000000000000008bc00c001c00010000007000102607"
            + "f8b0402320070000000000000071c00c001c00010000007000102607f8b040232007000000000000008a";

    static final IpAddress PHONE = IpAddress.parse("192.168.43.7");
    static final long PHONE_MAC = 0x0200_0000_0007L;

    private final DnsMessageParser parser = new DnsMessageParser();

    private DnsAnswer parse(byte[] m) {
        return parser.parse(ByteBuffer.wrap(m), 0, m.length, 5, PHONE, PHONE_MAC);
    }

    private static Record cname(String name, long ttl, String target) {
        return new Record(name, ttl, target, null);
    }

    private static Record addr(String name, long ttl, String address) {
        return new Record(name, ttl, null, IpAddress.parse(address));
    }

    @Test
    void realCnameChainWithCompression() {
        DnsAnswer a = parse(ClientHelloParserTest.hex(FACEBOOK));
        assertEquals(new DnsAnswer(5, PHONE, PHONE_MAC, "graph.facebook.com", List.of(
                cname("graph.facebook.com", 1393, "api.facebook.com"),
                cname("api.facebook.com", 1398, "star.c10r.facebook.com"),
                addr("star.c10r.facebook.com", 17, "31.13.68.70"))), a);
    }

    @Test
    void realAkamaiChainAndAnAdditionalOptRecord() {
        DnsAnswer a = parse(ClientHelloParserTest.hex(APPLE));
        assertEquals(List.of(
                cname("www.apple.com", 271, "www-apple-com.v.aaplimg.com"),
                cname("www-apple-com.v.aaplimg.com", 271, "www.apple.com.edgekey.net"),
                cname("www.apple.com.edgekey.net", 271, "e6858.dsce9.akamaiedge.net"),
                addr("e6858.dsce9.akamaiedge.net", 9, "23.194.101.24")), a.records());
    }

    @Test
    void realAaaaRecords() {
        DnsAnswer a = parse(ClientHelloParserTest.hex(GOOGLE_AAAA));
        assertEquals("google.com", a.queryName());
        assertEquals(4, a.records().size());
        assertEquals(addr("google.com", 112, "2607:f8b0:4023:2007::66"), a.records().get(0));
        assertEquals(addr("google.com", 112, "2607:f8b0:4023:2007::8a"), a.records().get(3));
    }

    @Test
    void tiktokCnameChainThroughAkamai() {
        Message m = new Message().question("V16-WebApp.TikTok.com.");
        int q = Message.HEADER_END;
        int edge = m.answerCnameAt(q, 300, "v16-webapp.tiktok.com.edgesuite.net");
        int dscb = m.answerCnameAt(edge, 60, "a12.dscb.akamai.net");
        m.answerAddress(dscb, 20, new byte[] {23, 40, 1, 2});
        m.answerAddress(dscb, 20, IpAddress.parse("2a02:26f0::1").toBytes());
        DnsAnswer a = parse(m.bytes());
        assertEquals("v16-webapp.tiktok.com", a.queryName());
        assertEquals(List.of(
                cname("v16-webapp.tiktok.com", 300, "v16-webapp.tiktok.com.edgesuite.net"),
                cname("v16-webapp.tiktok.com.edgesuite.net", 60, "a12.dscb.akamai.net"),
                addr("a12.dscb.akamai.net", 20, "23.40.1.2"),
                addr("a12.dscb.akamai.net", 20, "2a02:26f0::1")), a.records());
    }

    @Test
    void queriesAreNotResponses() {
        byte[] m = ClientHelloParserTest.hex(FACEBOOK);
        m[2] &= 0x7F; // QR = 0
        assertNull(parse(m));
    }

    @Test
    void errorResponsesNameTheQuestionWithoutRecords() {
        byte[] m = ClientHelloParserTest.hex(FACEBOOK);
        m[3] = (byte) 0x83; // NXDOMAIN
        DnsAnswer a = parse(m);
        assertEquals("graph.facebook.com", a.queryName());
        assertEquals(List.of(), a.records());
    }

    @Test
    void selfAndForwardPointersAreRejected() {
        // the question's name is a pointer to itself
        Message self = new Message().raw(0xC0, Message.HEADER_END).raw(0, 1, 0, 1).counts(1, 0);
        assertNull(parse(self.bytes()));
        // a loop through two pointers: the first points forward to the second, which points back
        Message loop = new Message().raw(0xC0, Message.HEADER_END + 2, 0xC0, Message.HEADER_END).raw(0, 1, 0, 1).counts(1, 0);
        assertNull(parse(loop.bytes()));
        // a CNAME whose target points forward: that record is dropped, the ones before it kept
        Message fwd = new Message().question("a.example");
        fwd.answerAddress(Message.HEADER_END, 5, new byte[] {1, 2, 3, 4});
        fwd.raw(0xC0, Message.HEADER_END).raw(0, 5, 0, 1, 0, 0, 0, 9, 0, 2).raw(0xC0, 0x3F).counts(1, 2);
        DnsAnswer a = parse(fwd.bytes());
        assertEquals(List.of(addr("a.example", 5, "1.2.3.4")), a.records());
    }

    @Test
    void pointersOutOfTheMessageAreRejected() {
        Message m = new Message().raw(0xFF, 0xFF).raw(0, 1, 0, 1).counts(1, 0);
        assertNull(parse(m.bytes()));
    }

    @Test
    void namesLongerThan255BytesAreRejected() {
        String l63 = "a".repeat(63);
        // 3 x (1 + 63) + (1 + 61) + 1 = 255 bytes: the longest legal name
        String longest = l63 + "." + l63 + "." + l63 + "." + "b".repeat(61);
        assertEquals(longest, parse(new Message().question(longest).counts(1, 0).bytes()).queryName());
        assertNull(parse(new Message().question(longest + "c").counts(1, 0).bytes()));
        // too long only through a pointer: 4 labels of 63 + a pointer to the 61-byte label's name
        Message viaPointer = new Message().question("b".repeat(61));
        viaPointer.raw(63).raw(ascii(l63)).raw(63).raw(ascii(l63)).raw(63).raw(ascii(l63)).raw(63).raw(ascii(l63))
                .raw(0xC0, Message.HEADER_END).raw(0, 5, 0, 1, 0, 0, 0, 9, 0, 2).raw(0xC0, Message.HEADER_END).counts(1, 1);
        assertEquals(List.of(), parse(viaPointer.bytes()).records());
    }

    @Test
    void reservedLabelTypesAreRejected() {
        assertNull(parse(new Message().raw(0x41, 'x').raw(0, 0, 1, 0, 1).counts(1, 0).bytes()));
    }

    @Test
    void oddBytesInLabelsAreEscapedAndDotsInsideLabelsToo() {
        Message m = new Message().raw(3, 'a', '.', 'B').raw(2, 0x0A, 0xFF).raw(0, 0, 1, 0, 1).counts(1, 0);
        assertEquals("a\\x2eb.\\x0a\\xff", parse(m.bytes()).queryName());
    }

    @Test
    void truncationAtEveryLengthKeepsWhatWasRead() {
        byte[] full = ClientHelloParserTest.hex(FACEBOOK);
        int before = -1;
        for (int len = 0; len <= full.length; len++) {
            DnsAnswer a = parser.parse(ByteBuffer.wrap(full), 0, len, 0, PHONE, PHONE_MAC);
            if (len < 12 + 20 + 4) {
                assertNull(a, "cut at " + len);
                continue;
            }
            assertNotNull(a, "cut at " + len);
            assertTrue(a.records().size() >= before, "records only grow");
            before = a.records().size();
        }
        assertEquals(3, before);
        // cut inside the second CNAME: the first is kept
        assertEquals(1, parser.parse(ByteBuffer.wrap(full), 0, full.length - 20, 0, PHONE, PHONE_MAC).records().size());
    }

    @Test
    void wrongRdataLengthsAreSkipped() {
        Message m = new Message().question("x.example");
        m.raw(0xC0, Message.HEADER_END).raw(0, 1, 0, 1, 0, 0, 0, 9, 0, 3, 1, 2, 3); // A with 3 bytes
        m.answerAddress(Message.HEADER_END, 9, new byte[] {9, 9, 9, 9});
        m.counts(1, 2);
        assertEquals(List.of(addr("x.example", 9, "9.9.9.9")), parse(m.bytes()).records());
    }

    // ------------------------------------------------------------------ through the dissectors

    private final FlowHarness harness = new FlowHarness();

    private static byte[] udp(String src, int srcPort, String dst, int dstPort, byte[] payload) {
        return Frames.ethernet().src(0x0200_0000_00FEL).dst(PHONE_MAC)
                .build(Frames.ipv4(src, dst).payload(Frames.udp(srcPort, dstPort).payload(payload)).build());
    }

    @Test
    void udpResponseGoesToTheListenerWithTheAskingDevice() {
        byte[] query = ClientHelloParserTest.hex(FACEBOOK);
        query[2] &= 0x7F;
        harness.ethernet(udp("192.168.43.7", 40000, "8.8.8.8", 53, query), 1);
        harness.ethernet(udp("8.8.8.8", 53, "192.168.43.7", 40000, ClientHelloParserTest.hex(FACEBOOK)), 2);
        assertEquals(1, harness.answers.size());
        DnsAnswer a = harness.answers.get(0);
        assertEquals(PHONE, a.client());
        assertEquals(PHONE_MAC, a.clientMac());
        assertEquals(2, a.timestampNanos());
        assertEquals("graph.facebook.com", a.queryName());
    }

    @Test
    void udpFlowsStopAfterTheirBudget() {
        FlowHarness.Flow f = null;
        for (int i = 0; i < PayloadDissectors.MAX_DNS_MESSAGES + 5; i++) {
            harness.ethernet(udp("8.8.8.8", 53, "192.168.43.7", 40000, ClientHelloParserTest.hex(GOOGLE_AAAA)), i);
            f = harness.flows.values().iterator().next();
        }
        assertEquals(PayloadDissectors.MAX_DNS_MESSAGES, harness.answers.size());
        assertFalse(f.inspecting);
        assertTrue(f.inspection.finished());
    }

    @Test
    void otherUdpIsLookedAtOnlyUntilItIsClearlyNotQuic() {
        assertNotNull(harness.dissectors.start(17, 53, 50000));
        assertNull(harness.dissectors.start(1, 0, 0));
        FlowHarness.Flow f = null;
        for (int i = 0; i < PayloadDissectors.MAX_DATAGRAMS_BEFORE_INITIAL; i++) {
            assertTrue(f == null || f.inspecting, "still looking after " + i + " datagrams");
            harness.ethernet(udp("192.168.43.7", 50000, "203.0.113.5", 3478, new byte[] {0, 1, 0, 8, 1, 2, 3, 4}), i);
            f = harness.flows.values().iterator().next();
        }
        assertFalse(f.inspecting, "a UDP flow with no QUIC Initial in its first datagrams is not QUIC");
        assertTrue(f.inspection.finished());
        assertEquals(null, f.inspection.names().serverName());
        assertTrue(harness.answers.isEmpty());
    }

    private FlowHarness.Flow tcp(boolean fromServer, int flags, long seq, byte[] payload, long ts) {
        byte[] ip = fromServer
                ? Frames.ipv4("8.8.8.8", "192.168.43.7").payload(Frames.tcp(53, 40001).flags(flags).seq(seq).payload(payload)).build()
                : Frames.ipv4("192.168.43.7", "8.8.8.8").payload(Frames.tcp(40001, 53).flags(flags).seq(seq).payload(payload)).build();
        harness.ethernet(Frames.ethernet().dst(fromServer ? PHONE_MAC : 0x0200_0000_00FEL).build(ip), ts);
        return harness.flows.values().iterator().next();
    }

    private static byte[] framed(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            out.write(m.length >>> 8);
            out.write(m.length & 0xFF);
            out.writeBytes(m);
        }
        return out.toByteArray();
    }

    @Test
    void tcpTwoMessagesInOneSegmentAndOneSplitOverTwo() {
        byte[] fb = ClientHelloParserTest.hex(FACEBOOK);
        byte[] apple = ClientHelloParserTest.hex(APPLE);
        byte[] aaaa = ClientHelloParserTest.hex(GOOGLE_AAAA);
        tcp(false, Frames.SYN, 100, new byte[0], 1);
        tcp(true, Frames.SYN | Frames.ACK, 9000, new byte[0], 2);
        tcp(false, Frames.ACK | Frames.PSH, 101, framed(new byte[30]), 3); // the query: not read
        byte[] stream = framed(fb, apple, aaaa);
        int split = 2 + fb.length + 2 + apple.length + 30;
        tcp(true, Frames.ACK | Frames.PSH, 9001, java.util.Arrays.copyOfRange(stream, 0, split), 4);
        assertEquals(List.of("graph.facebook.com", "www.apple.com"), harness.answers.stream().map(DnsAnswer::queryName).toList());
        FlowHarness.Flow f = tcp(true, Frames.ACK | Frames.PSH, 9001 + split,
                java.util.Arrays.copyOfRange(stream, split, stream.length), 5);
        assertEquals(3, harness.answers.size());
        DnsAnswer last = harness.answers.get(2);
        assertEquals("google.com", last.queryName());
        assertEquals(4, last.records().size());
        assertEquals(PHONE, last.client());
        assertEquals(PHONE_MAC, last.clientMac());
        assertEquals(5, last.timestampNanos());
        assertTrue(f.inspecting);
    }

    @Test
    void tcpSegmentsOutOfOrder() {
        byte[] stream = framed(ClientHelloParserTest.hex(FACEBOOK));
        tcp(true, Frames.SYN | Frames.ACK, 9000, new byte[0], 1);
        tcp(true, Frames.ACK, 9001 + 40, java.util.Arrays.copyOfRange(stream, 40, stream.length), 2);
        assertEquals(0, harness.answers.size());
        tcp(true, Frames.ACK, 9001, java.util.Arrays.copyOfRange(stream, 0, 40), 3);
        assertEquals(1, harness.answers.size());
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A DNS response written byte by byte: header, then whatever the test appends; counts set last. */
    static final class Message {
        static final int HEADER_END = 12;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int qd = 1;
        private int an;

        Message() {
            raw(0x12, 0x34, 0x81, 0x80, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        Message raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Message raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        int position() {
            return out.size();
        }

        /** Writes a name uncompressed; returns where it starts. */
        int name(String name) {
            int at = position();
            for (String label : name.split("\\.")) {
                if (!label.isEmpty()) {
                    out.write(label.length());
                    out.writeBytes(ascii(label));
                }
            }
            out.write(0);
            return at;
        }

        Message question(String name) {
            name(name);
            raw(0, 1, 0, 1);
            return this;
        }

        /** A CNAME owned by the name at {@code owner} (a pointer); returns where the target starts. */
        int answerCnameAt(int owner, int ttl, String target) {
            raw(0xC0 | (owner >> 8), owner & 0xFF, 0, 5, 0, 1);
            raw(ttl >>> 24, (ttl >>> 16) & 0xFF, (ttl >>> 8) & 0xFF, ttl & 0xFF);
            int len = target.length() + 2;
            raw(len >> 8, len & 0xFF);
            an++;
            return name(target);
        }

        void answerAddress(int owner, int ttl, byte[] address) {
            raw(0xC0 | (owner >> 8), owner & 0xFF, 0, address.length == 4 ? 1 : 28, 0, 1);
            raw(ttl >>> 24, (ttl >>> 16) & 0xFF, (ttl >>> 8) & 0xFF, ttl & 0xFF);
            raw(0, address.length).raw(address);
            an++;
        }

        Message counts(int questions, int answers) {
            qd = questions;
            an = answers;
            return this;
        }

        byte[] bytes() {
            byte[] b = out.toByteArray();
            b[4] = (byte) (qd >> 8);
            b[5] = (byte) qd;
            b[6] = (byte) (an >> 8);
            b[7] = (byte) an;
            return b;
        }
    }
}
