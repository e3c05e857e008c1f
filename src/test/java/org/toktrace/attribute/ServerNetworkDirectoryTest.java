package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.toktrace.model.IpAddress;

/** The directory's memory of answers is capped: a capture of millions of servers keeps the heap flat. */
class ServerNetworkDirectoryTest {

    @Test
    void answersAreKeptForAtMostTheCapOfAddressesAndStayRightPastIt() {
        ServerNetworkDirectory d = ServerNetworkDirectory.bundled();
        IpAddress google = new IpAddress(false, 0, (8L << 24) | (8 << 16) | (8 << 8) | 8);
        long asn = d.network(google).asn();
        for (long i = 0; i < ServerNetworkDirectory.MAX_KEPT + 1_000; i++) {
            d.network(new IpAddress(false, 0, (100L << 24) + i));
        }
        assertEquals(ServerNetworkDirectory.MAX_KEPT, d.kept());
        assertEquals(15169, asn);
        assertEquals(asn, d.network(google).asn(), "a kept answer is the same answer");
        assertEquals(d.network(new IpAddress(false, 0, (100L << 24) + ServerNetworkDirectory.MAX_KEPT + 500)),
                d.network(new IpAddress(false, 0, (100L << 24) + ServerNetworkDirectory.MAX_KEPT + 500)),
                "past the cap an address is looked up again, with the same answer");
    }
}
