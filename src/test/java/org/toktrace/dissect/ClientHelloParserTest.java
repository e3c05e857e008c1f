package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.model.ClientHelloInfo;

/**
 * ClientHello handshake messages captured from real clients (extracted with tshark from the
 * interop captures: {@code tshark -2 -Y 'frame.number==N' -T json -x}, field
 * {@code tls.handshake_raw}), with the server name and ALPN tshark shows for them.
 */
class ClientHelloParserTest {

    /** dump_mtu300.pcap frame 6 (over 3 TCP segments): www.google.com, h2 + http/1.1, 512 bytes. */
    static final String GOOGLE = """
            010001fc0303dbd972da371bd60ec742cc3b216c62bf9c83df9eecf4e1136b46f6e7f5beb3d10000a0c030c02cc028c024c014c00a00a500a300a100
            9f006b006a0069006800390038003700360088008700860085c032c02ec02ac026c00fc005009d003d00350084c02fc02bc027c023c013c00900a400
            a200a0009e00670040003f003e0033003200310030009a0099009800970045004400430042c031c02dc029c025c00ec004009c003c002f00960041c0
            12c008001600130010000dc00dc003000a000700ff0100013300000013001100000e7777772e676f6f676c652e636f6d000b000403000102000a000a
            00080017001900180016000d0020001e060106020603050105020503040104020403030103020303020102020203000f000101337400000010000e00
            0c02683208687474702f312e31001500c300000000000000000000000000000000000000000000000000000000000000000000000000000000000000
            000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
            000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000000
            """;

    /** reddit.pcap frame 13 (IPv6, Chrome with GREASE and padding): www.reddit.com, h2 + http/1.1. */
    static final String REDDIT = """
            010001fc0303cf8a1ddc4c4376da1a13b2d26dfa17726a443cd7e23711e8bc6c21ff4b47cf8120c91e0f863dc11d1216c3a46cb05ceafaf4da0a51e5
            5504ce73bfc8ab23d1d09a00209a9a130113021303c02bc02fc02cc030cca9cca8c013c014009c009d002f003501000193dada000000000013001100
            000e7777772e7265646469742e636f6d00170000ff01000100000a000a0008caca001d00170018000b00020100002300000010000e000c0268320868
            7474702f312e31000500050100000000000d0012001004030804040105030805050108060601001200000033002b0029caca000100001d0020189cf0
            3f4987b207258794f4efc120a84a0d625d0b3d5f7b59afb6967745b402002d00020101002b000b0a6a6a0304030303020301001b0003020002aaaa00
            0100001500ce000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
            000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
            000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000000
            """;

    /** KakaoTalk_chat.pcap frame 44 (Android app): no server_name, no ALPN. */
    static final String KAKAO_NO_SNI = """
            010000af0301553d1f24977e63da48feba4b3fba93a67fef3c5f7a635b7e8780aa8058e64b5f00004600040005002f0035c002c004c005c00cc00ec0
            0fc007c009c00ac011c013c0140033003900320038000ac003c00dc008c01200160013000900150012000300080014001100ff01000040000b000403
            000102000a00340032000e000d0019000b000c00180009000a00160017000800060007001400150004000500120013000100020003000f00100011
            """;

    /** ipv6.pcapng frame 4 (IPv6 over BSD loopback): www.cloudflare.com, h2 + http/1.1. */
    static final String CLOUDFLARE = """
            010000e40303858226c04fbaeddef4246093b4cfdab38f9dcfef145360e417686575cac49c7000005cc030c02cc028c024c014c00a009f006b0039cc
            a9cca8ccaaff8500c400880081009d003d003500c00084c02fc02bc027c023c013c009009e0067003300be0045009c003c002f00ba0041c011c00700
            050004c012c0080016000a00ff0100005f0000001700150000127777772e636c6f7564666c6172652e636f6d000b00020100000a00080006001d0017
            0018000d001c001a06010603efef0501050304010403eeeeeded03010303020102030010000e000c02683208687474702f312e31
            """;

    /** gaijin_mobile_mixed.pcap frame 11: ta-receiver-balancer-xom.crossout.net, no ALPN. */
    static final String CROSSOUT = """
            0100013f030365c4d570eee81a04b0ece0be96eacf606b5a534ef2afe4f760a75c84645d20620000a0cca8cca9ccaac02cc030009fc0adc09fc024c0
            28006bc00ac0140039c0afc0a3c087c08bc07dc073c07700c40088c02bc02f009ec0acc09ec023c0270067c009c0130033c0aec0a2c086c08ac07cc0
            72c07600be0045009dc09d003d0035c032c02ac00fc02ec026c005c0a1c07b00c00084c08dc079c089c075009cc09c003c002fc031c029c00ec02dc0
            25c004c0a0c07a00ba0041c08cc078c088c07400ff010000760000002a002800002574612d72656365697665722d62616c616e6365722d786f6d2e63
            726f73736f75742e6e6574000d0012001006030601050305010403040103030301000a001c001a0019001c0018001b00170016001a00150014001300
            12001d001e000b00020100001600000017000000230000
            """;

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    private static ClientHelloInfo parse(byte[] b) {
        return ClientHelloParser.parse(b, 0, b.length);
    }

    @Test
    void readsServerNameAndAlpnOfRealClientHellos() {
        assertEquals(new ClientHelloInfo("www.google.com", List.of("h2", "http/1.1"), false), parse(hex(GOOGLE)));
        assertEquals(new ClientHelloInfo("www.reddit.com", List.of("h2", "http/1.1"), false), parse(hex(REDDIT)));
        assertEquals(new ClientHelloInfo("www.cloudflare.com", List.of("h2", "http/1.1"), false), parse(hex(CLOUDFLARE)));
        assertEquals(new ClientHelloInfo("ta-receiver-balancer-xom.crossout.net", List.of(), false), parse(hex(CROSSOUT)));
    }

    @Test
    void aClientHelloWithoutServerNameHasNone() {
        assertEquals(new ClientHelloInfo(null, List.of(), false), parse(hex(KAKAO_NO_SNI)));
    }

    @Test
    void readsFromAnOffsetInsideALargerBuffer() {
        byte[] hello = hex(CLOUDFLARE);
        byte[] framed = new byte[hello.length + 20];
        System.arraycopy(hello, 0, framed, 7, hello.length);
        assertEquals("www.cloudflare.com", ClientHelloParser.parse(ByteBuffer.wrap(framed), 7, hello.length).serverName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GOOGLE", "REDDIT", "KAKAO_NO_SNI", "CLOUDFLARE", "CROSSOUT"})
    void everyTruncationIsNullNeverAnException(String fixture) throws Exception {
        byte[] hello = hex((String) ClientHelloParserTest.class.getDeclaredField(fixture).get(null));
        for (int len = 0; len < hello.length; len++) {
            assertNull(ClientHelloParser.parse(hello, 0, len), "cut at " + len);
            // the header still claims the full length even when the buffer is the exact cut
            byte[] cut = java.util.Arrays.copyOf(hello, len);
            assertNull(ClientHelloParser.parse(cut, 0, len), "cut copy at " + len);
        }
        assertNotNull(ClientHelloParser.parse(hello, 0, hello.length));
    }

    @Test
    void lyingLengthsAreNull() {
        byte[] hello = hex(CLOUDFLARE);
        // handshake length one more than there is
        byte[] b = hello.clone();
        b[3]++;
        assertNull(parse(b));
        // session id length beyond the message
        b = hello.clone();
        b[4 + 2 + 32] = (byte) 0xFF;
        assertNull(parse(b));
        // extensions length one more than the message holds
        b = hello.clone();
        int ext = extensionsOffset(b);
        b[ext + 1]++;
        assertNull(parse(b));
        // first extension's length running past the extension block
        b = hello.clone();
        b[ext + 2 + 2] = (byte) 0x7F;
        assertNull(parse(b));
        // not a ClientHello (ServerHello type)
        b = hello.clone();
        b[0] = 2;
        assertNull(parse(b));
        // out-of-range offsets
        assertNull(ClientHelloParser.parse(hello, -1, hello.length));
        assertNull(ClientHelloParser.parse(hello, 1, hello.length));
    }

    @Test
    void everySingleByteCorruptionIsNullOrAResultNeverAnException() {
        byte[] hello = hex(GOOGLE);
        for (int i = 0; i < hello.length; i++) {
            for (int v : new int[] {0, 0x7F, 0xFF}) {
                byte[] b = hello.clone();
                b[i] = (byte) v;
                ClientHelloParser.parse(b, 0, b.length);
            }
        }
    }

    @Test
    void encryptedClientHelloIsNoticed() {
        // an encrypted_client_hello extension (0xfe0d) added to a real hello: outer name kept, flag set
        byte[] ech = withExtension(hex(CLOUDFLARE), 0xfe0d, new byte[] {0, 0, 1, 0, 1, 7, 0, 0, 0, 0});
        ClientHelloInfo info = parse(ech);
        assertEquals("www.cloudflare.com", info.serverName());
        assertTrue(info.encrypted());
        assertFalse(parse(hex(CLOUDFLARE)).encrypted());
    }

    @Test
    void alpnListIsReadInOrderAndEscaped() {
        byte[] protocols = {0, 11, 2, 'h', '3', 5, 'h', '3', '-', '2', '9', 1, 0x07};
        byte[] hello = withExtension(hex(KAKAO_NO_SNI), 16, protocols);
        assertEquals(List.of("h3", "h3-29", "\\x07"), parse(hello).alpn());
    }

    @Test
    void serverNameWithControlBytesIsEscaped() {
        byte[] name = "evil\r\n.example".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer sni = ByteBuffer.allocate(5 + name.length);
        sni.putShort((short) (3 + name.length)).put((byte) 0).putShort((short) name.length).put(name);
        byte[] hello = withExtension(hex(KAKAO_NO_SNI), 0, sni.array());
        assertEquals("evil\\x0d\\x0a.example", parse(hello).serverName());
    }

    /** Where the extensions block's length field lies. */
    static int extensionsOffset(byte[] hello) {
        int p = 4 + 2 + 32;
        p += 1 + (hello[p] & 0xFF);
        p += 2 + (((hello[p] & 0xFF) << 8) | (hello[p + 1] & 0xFF));
        p += 1 + (hello[p] & 0xFF);
        return p;
    }

    /** The hello with one more extension at the end, lengths fixed up. */
    static byte[] withExtension(byte[] hello, int type, byte[] data) {
        int ext = extensionsOffset(hello);
        int add = 4 + data.length;
        ByteBuffer b = ByteBuffer.allocate(hello.length + add);
        b.put(hello);
        b.putShort((short) type).putShort((short) data.length).put(data);
        int msgLen = hello.length - 4 + add;
        b.put(1, (byte) (msgLen >>> 16)).put(2, (byte) (msgLen >>> 8)).put(3, (byte) msgLen);
        int extLen = (((hello[ext] & 0xFF) << 8) | (hello[ext + 1] & 0xFF)) + add;
        b.putShort(ext, (short) extLen);
        return b.array();
    }
}
