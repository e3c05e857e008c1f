package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Our AES-128 against FIPS-197's worked examples; random input is in {@link Aes128PropertiesTest}. */
class Aes128Test {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void fips197AppendixC1() {
        assertArrayEquals(HEX.parseHex("69c4e0d86a7b0430d8cdb78070b4c55a"),
                encrypt("000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff"));
    }

    @Test
    void fips197AppendixB() {
        assertArrayEquals(HEX.parseHex("3925841d02dc09fbdc118597196a0b32"),
                encrypt("2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734"));
    }

    @Test
    void onlySixteenByteKeys() {
        assertThrows(IllegalArgumentException.class, () -> new Aes128(new byte[24]));
    }

    @Test
    void ctrCountsOnlyTheLast32BitsLikeGcm() {
        byte[] key = new byte[16];
        Aes128 aes = new Aes128(key);
        byte[] counter = HEX.parseHex("000000000000000000000000ffffffff");
        byte[] data = new byte[32];
        aes.ctr(counter, data, 0, 32);
        byte[] second = new byte[16];
        aes.encryptBlock(HEX.parseHex("00000000000000000000000000000000"), 0, second, 0);
        assertArrayEquals(second, java.util.Arrays.copyOfRange(data, 16, 32), "inc32 wraps within the low word");
    }

    private static byte[] encrypt(String key, String block) {
        byte[] out = new byte[16];
        new Aes128(HEX.parseHex(key)).encryptBlock(HEX.parseHex(block), 0, out, 0);
        return out;
    }
}
