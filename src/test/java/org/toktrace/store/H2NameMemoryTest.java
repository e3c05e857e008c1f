package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LearnedName;
import org.toktrace.model.NameSource;

class H2NameMemoryTest {

    @TempDir
    Path tmp;

    static final IpAddress V4 = IpAddress.parse("23.50.1.10");
    static final IpAddress V6 = IpAddress.parse("2404:9dc0::1");
    static final IpAddress V4_IN_V6 = IpAddress.parse("::1732:10a"); // ::23.50.1.10, not 23.50.1.10

    @Test
    void savesReopensAndLoads() {
        Path p = tmp.resolve("toktrace");
        try (LocalDatabase db = LocalDatabase.open(p)) {
            new H2NameMemory(db).saveAll(List.of(
                    new LearnedName(V4, "v16-webapp.tiktok.com", NameSource.TLS_SNI, 100, 200, "a.pcap"),
                    new LearnedName(V6, "api16-normal-c-alisg.tiktokv.com", NameSource.DNS, 150, 150, "a.pcap"),
                    new LearnedName(V4_IN_V6, "other.example.com", NameSource.QUIC_SNI, 10, 10, "a.pcap")));
        }
        try (LocalDatabase db = LocalDatabase.open(p)) {
            H2NameMemory m = new H2NameMemory(db);
            assertEquals(3, m.count());
            List<LearnedName> all = m.loadAll();
            assertEquals(List.of(
                    new LearnedName(V4_IN_V6, "other.example.com", NameSource.QUIC_SNI, 10, 10, "a.pcap"),
                    new LearnedName(V6, "api16-normal-c-alisg.tiktokv.com", NameSource.DNS, 150, 150, "a.pcap"),
                    new LearnedName(V4, "v16-webapp.tiktok.com", NameSource.TLS_SNI, 100, 200, "a.pcap")), all);
            assertEquals(List.of(new LearnedName(V4, "v16-webapp.tiktok.com", NameSource.TLS_SNI, 100, 200, "a.pcap")), m.lookup(V4));
            assertTrue(m.lookup(IpAddress.parse("1.2.3.4")).isEmpty());
        }
    }

    @Test
    void aKnownMappingIsWidenedAndTakesTheLaterSourceAndCapture() {
        try (LocalDatabase db = LocalDatabase.open(tmp.resolve("toktrace"))) {
            H2NameMemory m = new H2NameMemory(db);
            m.saveAll(List.of(new LearnedName(V4, "x.tiktokv.com", NameSource.DNS, 100, 200, "first.pcap")));
            m.saveAll(List.of(new LearnedName(V4, "x.tiktokv.com", NameSource.TLS_SNI, 300, 400, "second.pcap")));
            m.saveAll(List.of(new LearnedName(V4, "x.tiktokv.com", NameSource.HTTP_HOST, 50, 60, "older.pcap")));
            assertEquals(List.of(new LearnedName(V4, "x.tiktokv.com", NameSource.TLS_SNI, 50, 400, "second.pcap")), m.loadAll());
        }
    }

    @Test
    void thousandsInOneTransaction() {
        List<LearnedName> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(new LearnedName(IpAddress.ofV4(0x0A000000 + i), "h" + i + ".tiktokcdn.com", NameSource.DNS, i, i + 1, "big.pcap"));
        }
        try (LocalDatabase db = LocalDatabase.open(tmp.resolve("toktrace"))) {
            H2NameMemory m = new H2NameMemory(db);
            m.saveAll(many);
            assertEquals(5000, m.count());
            assertEquals(many, m.loadAll());
        }
    }

    @Test
    void addressesRoundTripThroughBytes() {
        assertEquals(V4, H2NameMemory.address(V4.toBytes()));
        assertEquals(V6, H2NameMemory.address(V6.toBytes()));
        assertEquals(IpAddress.parse("255.255.255.255"), H2NameMemory.address(IpAddress.parse("255.255.255.255").toBytes()));
        assertEquals(null, H2NameMemory.address(new byte[5]));
    }
}
