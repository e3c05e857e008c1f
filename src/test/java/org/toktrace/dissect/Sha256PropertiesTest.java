package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Our SHA-256 and HMAC on random input, against the JDK's; the published examples are in {@link Sha256Test}. */
class Sha256PropertiesTest {

    @Property(tries = 300)
    void digestsMatchTheJdk(@ForAll @Size(max = 300) byte[] a, @ForAll @Size(max = 200) byte[] b) throws Exception {
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        jdk.update(a);
        jdk.update(b);
        assertArrayEquals(jdk.digest(), Sha256.digest(a, b));
    }

    @Property(tries = 300)
    void hmacsMatchTheJdk(@ForAll @Size(min = 1, max = 150) byte[] key, @ForAll @Size(max = 300) byte[] data)
            throws Exception {
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(key, "HmacSHA256"));
        assertArrayEquals(jdk.doFinal(data), Sha256.hmac(key, data));
    }
}
