package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.IpAddress;

class IpRangesTest {

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    private final IpRanges small = IpRanges.parse(List.of(
            "# source-version: test",
            "10.0.0.0\t10.0.0.255\t1\tOne\tTikTok",
            "10.0.2.0\t10.0.3.255\t2\tTwo\tTikTok",
            "255.255.255.0\t255.255.255.255\t3\tTop\tTikTok",
            "2001:db8::\t2001:db8::ffff\t4\tSix\tTikTok",
            "ffff::\tffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\t5\tHigh\tTikTok"), "test");

    @Test
    void v4Edges() {
        assertTrue(small.lookup(ip("9.255.255.255")).isEmpty());
        assertEquals(1, small.lookup(ip("10.0.0.0")).orElseThrow().asn());
        assertEquals(1, small.lookup(ip("10.0.0.255")).orElseThrow().asn());
        assertTrue(small.lookup(ip("10.0.1.0")).isEmpty());
        assertEquals(2, small.lookup(ip("10.0.2.0")).orElseThrow().asn());
        assertEquals(2, small.lookup(ip("10.0.3.255")).orElseThrow().asn());
        assertTrue(small.lookup(ip("10.0.4.0")).isEmpty());
        assertTrue(small.lookup(ip("0.0.0.0")).isEmpty());
        assertEquals(3, small.lookup(ip("255.255.255.255")).orElseThrow().asn(), "unsigned: the top of the space");
        assertEquals("test", small.sourceVersion());
    }

    @Test
    void v6Edges() {
        assertTrue(small.lookup(ip("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")).isEmpty());
        assertEquals(4, small.lookup(ip("2001:db8::")).orElseThrow().asn());
        assertEquals(4, small.lookup(ip("2001:db8::ffff")).orElseThrow().asn());
        assertTrue(small.lookup(ip("2001:db8::1:0")).isEmpty());
        assertEquals(5, small.lookup(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).orElseThrow().asn());
        assertEquals(5, small.lookup(ip("ffff::1")).orElseThrow().asn());
        assertTrue(small.lookup(ip("::a00:1")).isEmpty(), "::10.0.0.1 is an IPv6 address, not 10.0.0.1");
    }

    @Test
    void overlapsAndBadRowsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> IpRanges.parse(List.of(
                "10.0.0.0\t10.0.0.255\t1\tA\tTikTok", "10.0.0.128\t10.0.1.255\t2\tB\tTikTok"), "t"));
        assertThrows(IllegalArgumentException.class, () -> IpRanges.parse(List.of("10.0.0.9\t10.0.0.1\t1\tA\tTikTok"), "t"));
        assertThrows(IllegalArgumentException.class, () -> IpRanges.parse(List.of("10.0.0.0\t::1\t1\tA\tTikTok"), "t"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpRanges.parse(List.of("#", "10.0.0.0\t10.0.0.1\t1\tA"), "t"));
        assertTrue(e.getMessage().startsWith("t line 2:"));
    }

    @Test
    void bundledRangesHoldByteDanceNetworksAndNotSharedCdns() {
        IpRanges b = IpRanges.bundled();
        assertTrue(b.size() > 50, "ranges: " + b.size());
        IpRange r = b.lookup(ip("71.18.0.1")).orElseThrow();
        assertEquals(396986, r.asn());
        assertEquals("TikTok", r.service());
        assertTrue(b.lookup(ip("2404:9dc0::1")).isPresent(), "TikTok Pte. Ltd. IPv6");
        assertTrue(b.lookup(ip("23.50.1.10")).isEmpty(), "Akamai");
        assertTrue(b.lookup(ip("104.16.0.1")).isEmpty(), "Cloudflare");
        assertTrue(b.lookup(ip("17.57.146.20")).isEmpty(), "Apple (APNs)");
        assertTrue(b.lookup(ip("142.250.10.188")).isEmpty(), "Google (FCM)");
        assertTrue(b.sourceVersion().startsWith("2."), b.sourceVersion());
    }
}
