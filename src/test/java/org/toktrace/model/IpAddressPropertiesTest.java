package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Every IPv4 and IPv6 address prints and parses as the JDK does; the examples are in {@link IpAddressTest}. */
class IpAddressPropertiesTest {

    @Property
    void agreesWithTheJdkOnEveryIpv6Address(@ForAll long hi, @ForAll long lo) throws Exception {
        IpAddress a = IpAddress.ofV6(hi, lo);
        byte[] bytes = a.toBytes();
        assertArrayEquals(InetAddress.getByAddress(bytes).getAddress(), bytes);
        assertEquals(a, IpAddress.parse(a.toString()));
        // the JDK's own text form, uncompressed, parses to the same address
        assertEquals(a, IpAddress.parse(InetAddress.getByAddress(bytes).getHostAddress()));
    }

    @Property
    void ipv4RoundTrips(@ForAll int bits) throws Exception {
        IpAddress a = IpAddress.ofV4(bits);
        assertEquals(InetAddress.getByAddress(a.toBytes()).getHostAddress(), a.toString());
        assertEquals(a, IpAddress.parse(a.toString()));
    }
}
