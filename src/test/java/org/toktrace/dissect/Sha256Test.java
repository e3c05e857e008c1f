package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Our SHA-256 and HMAC against FIPS 180-4 and RFC 4231 examples; random input is in {@link Sha256PropertiesTest}. */
class Sha256Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NONE = new byte[0];

    @Test
    void fips180Examples() {
        assertArrayEquals(HEX.parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Sha256.digest(ascii("abc"), NONE));
        assertArrayEquals(HEX.parseHex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
                Sha256.digest(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), NONE));
        assertArrayEquals(HEX.parseHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                Sha256.digest(NONE, NONE));
    }

    @Test
    void rfc4231TestCases1And2And6() {
        byte[] key1 = new byte[20];
        java.util.Arrays.fill(key1, (byte) 0x0b);
        assertArrayEquals(HEX.parseHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Sha256.hmac(key1, ascii("Hi There")));
        assertArrayEquals(HEX.parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Sha256.hmac(ascii("Jefe"), ascii("what do ya want for nothing?")));
        byte[] key6 = new byte[131]; // longer than a block: hashed first
        java.util.Arrays.fill(key6, (byte) 0xaa);
        assertArrayEquals(HEX.parseHex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Sha256.hmac(key6, ascii("Test Using Larger Than Block-Size Key - Hash Key First")));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
