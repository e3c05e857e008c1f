package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "192.168.137.23, 192.168.137.23",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "fe80:0:0:0:8c36:6ff:fe44:acaf, fe80::8c36:6ff:fe44:acaf",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "::ffff:192.0.2.1, ::ffff:c000:201",
    })
    void printsTheCanonicalForm(String in, String expected) {
        assertEquals(expected, IpAddress.parse(in).toString());
    }

    @Test
    void ipv4AndTheSameBitsAsIpv6AreDifferentAddresses() {
        IpAddress v4 = IpAddress.parse("192.0.2.1");
        IpAddress v6 = IpAddress.ofV6(0, v4.lo());
        assertNotEquals(v4, v6);
        assertEquals("::c000:201", v6.toString());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("1.2.3.256"));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("1::2::3"));
        assertThrows(IllegalArgumentException.class, () -> new IpAddress(false, 1, 0));
    }
}
