package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Our AES-128 block and CTR mode on random input, against the JDK's; FIPS-197's examples are in {@link Aes128Test}. */
class Aes128PropertiesTest {

    @Property(tries = 300)
    void blocksMatchTheJdk(@ForAll @Size(16) byte[] key, @ForAll @Size(16) byte[] block) throws Exception {
        Cipher jdk = Cipher.getInstance("AES/ECB/NoPadding");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] ours = new byte[16];
        new Aes128(key).encryptBlock(block, 0, ours, 0);
        assertArrayEquals(jdk.doFinal(block), ours);
    }

    @Property(tries = 200)
    void ctrMatchesTheJdkWhileTheLow32BitsDoNotWrap(@ForAll @Size(16) byte[] key, @ForAll @Size(12) byte[] nonce,
            @ForAll @IntRange(min = 0, max = 2000) int length) throws Exception {
        byte[] counter = new byte[16];
        System.arraycopy(nonce, 0, counter, 0, 12);
        counter[15] = 2; // as QUIC's AES-GCM payloads start
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Cipher jdk = Cipher.getInstance("AES/CTR/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
        byte[] expected = jdk.doFinal(data);
        byte[] counterBefore = counter.clone();
        new Aes128(key).ctr(counter, data, 0, length);
        assertArrayEquals(expected, data);
        assertArrayEquals(counterBefore, counter, "the caller's counter block is left alone");
    }
}
