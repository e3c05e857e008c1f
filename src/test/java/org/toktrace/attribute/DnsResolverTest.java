package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.Device;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.DnsAnswer.Record;
import org.toktrace.model.IpAddress;

class DnsResolverTest {

    static final IpAddress PHONE = IpAddress.parse("192.168.43.20");
    static final IpAddress LAPTOP = IpAddress.parse("192.168.43.30");
    static final IpAddress X = IpAddress.parse("23.50.1.10");
    static final Device.Id PHONE_DEV = Device.Id.of(-1, PHONE);

    static Record cname(String owner, String target) {
        return new Record(owner, 60, target, null);
    }

    static Record a(String owner, IpAddress address) {
        return new Record(owner, 60, null, address);
    }

    static DnsAnswer answer(long t, IpAddress client, long mac, String q, Record... records) {
        return new DnsAnswer(t, client, mac, q, List.of(records));
    }

    @Test
    void followsTheCnameChainBackToTheQuestion() {
        DnsResolver r = new DnsResolver();
        r.onAnswer(answer(100, PHONE, -1, "v16-webapp.tiktok.com",
                cname("v16-webapp.tiktok.com", "v16-webapp.tiktok.com.edgesuite.net"),
                cname("v16-webapp.tiktok.com.edgesuite.net", "a12.dscb.akamai.net"),
                a("a12.dscb.akamai.net", X)));
        DnsResolution res = r.lookup(PHONE_DEV, X, 200).orElseThrow();
        assertEquals("v16-webapp.tiktok.com", res.name());
        assertEquals(List.of("v16-webapp.tiktok.com", "v16-webapp.tiktok.com.edgesuite.net", "a12.dscb.akamai.net"), res.chain());
        assertEquals("v16-webapp.tiktok.com -> v16-webapp.tiktok.com.edgesuite.net -> a12.dscb.akamai.net", res.chainText());
        assertEquals(100, res.answeredAtNanos());
        assertFalse(res.otherDevice());
    }

    @Test
    void tellsEachAddressTakenWithTheNameItsChainLeadsTo() {
        DnsResolver r = new DnsResolver();
        IpAddress y = IpAddress.parse("2001:db8::7");
        List<String> told = new ArrayList<>();
        r.onAnswer(answer(100, PHONE, -1, "v16-webapp.tiktok.com",
                cname("v16-webapp.tiktok.com", "a12.dscb.akamai.net"),
                a("a12.dscb.akamai.net", X), a("a12.dscb.akamai.net", y), a("unrelated.example.net", PHONE)),
                (address, name, t) -> told.add(address + " " + name + " " + t));
        // an A record the chain does not reach is still taken, under its own name (as lookup gives it)
        assertEquals(List.of("23.50.1.10 v16-webapp.tiktok.com 100", "2001:db8::7 v16-webapp.tiktok.com 100",
                "192.168.43.20 unrelated.example.net 100"), told);
        assertEquals("unrelated.example.net", r.lookup(PHONE_DEV, PHONE, 100).orElseThrow().name());
        told.clear();
        r.onAnswer(answer(200, PHONE, -1, "..", a("x.example.net", X)), (address, name, t) -> told.add(name));
        assertTrue(told.isEmpty(), "a junk question is ignored, and nothing told");
    }

    @Test
    void recordsInAnyOrderAndCaseStillChain() {
        DnsResolver r = new DnsResolver();
        r.onAnswer(answer(100, PHONE, -1, "api.tiktokv.com",
                a("B.example.NET.", X), cname("a.example.net", "b.example.net"), cname("API.tiktokv.com", "a.example.net")));
        assertEquals("api.tiktokv.com", r.lookup(PHONE_DEV, X, 100).orElseThrow().name());
    }

    @Test
    void newestAnswerAtOrBeforeTheFlowWins() {
        DnsResolver r = new DnsResolver();
        r.onAnswer(answer(100, PHONE, -1, "old.example.com", a("old.example.com", X)));
        r.onAnswer(answer(200, PHONE, -1, "new.example.com", a("new.example.com", X)));
        r.onAnswer(answer(300, PHONE, -1, "future.example.com", a("future.example.com", X)));
        assertTrue(r.lookup(PHONE_DEV, X, 99).isEmpty());
        assertEquals("old.example.com", r.lookup(PHONE_DEV, X, 150).orElseThrow().name());
        assertEquals("new.example.com", r.lookup(PHONE_DEV, X, 200).orElseThrow().name());
        assertEquals("new.example.com", r.lookup(PHONE_DEV, X, 299).orElseThrow().name());
        assertEquals("future.example.com", r.lookup(PHONE_DEV, X, 1000).orElseThrow().name());
    }

    @Test
    void theDevicesOwnAnswerBeatsANewerOneOfAnotherDevice() {
        DnsResolver r = new DnsResolver();
        r.onAnswer(answer(100, PHONE, -1, "mine.example.com", a("mine.example.com", X)));
        r.onAnswer(answer(150, LAPTOP, -1, "theirs.example.com", a("theirs.example.com", X)));
        assertEquals("mine.example.com", r.lookup(PHONE_DEV, X, 200).orElseThrow().name());
        DnsResolution other = r.lookup(Device.Id.of(-1, IpAddress.parse("192.168.43.99")), X, 200).orElseThrow();
        assertEquals("theirs.example.com", other.name());
        assertTrue(other.otherDevice());
        assertEquals(Device.Id.of(-1, LAPTOP), other.answeredBy());
    }

    @Test
    void devicesAreKeyedByMacWhenKnown() {
        DnsResolver r = new DnsResolver();
        IpAddress v6 = IpAddress.parse("2001:db8::20");
        // asked over IPv4, the flow comes from the phone's IPv6 address: same MAC, same device
        r.onAnswer(answer(100, PHONE, 0x0200_0000_0001L, "x.example.com", a("x.example.com", X)));
        DnsResolution res = r.lookup(Device.Id.of(0x0200_0000_0001L, v6), X, 200).orElseThrow();
        assertFalse(res.otherDevice());
        assertEquals("02:00:00:00:00:01", res.answeredBy().toString());
    }

    @Test
    void cnameLoopsAndBrokenChainsEndSafely() {
        DnsResolver r = new DnsResolver();
        r.onAnswer(answer(100, PHONE, -1, "q.example.com",
                cname("a.example.com", "b.example.com"), cname("b.example.com", "a.example.com"), a("b.example.com", X)));
        DnsResolution res = r.lookup(PHONE_DEV, X, 100).orElseThrow();
        assertEquals(List.of("a.example.com", "b.example.com"), res.chain(), "the loop is cut, the question not reached");
        IpAddress y = IpAddress.parse("23.50.1.11");
        r.onAnswer(answer(100, PHONE, -1, "q.example.com", a("unrelated.example.org", y)));
        assertEquals("unrelated.example.org", r.lookup(PHONE_DEV, y, 100).orElseThrow().name());
    }

    @Test
    void absurdChainsAreCut() {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(cname("n" + i + ".example.com", "n" + (i + 1) + ".example.com"));
        }
        records.add(a("n1000.example.com", X));
        DnsResolver r = new DnsResolver();
        r.onAnswer(new DnsAnswer(100, PHONE, -1, "n0.example.com", records));
        DnsResolution res = r.lookup(PHONE_DEV, X, 100).orElseThrow();
        assertEquals(DnsResolver.MAX_CHAIN, res.chain().size());
        assertEquals("n1000.example.com", res.chain().get(res.chain().size() - 1));
    }

    @Test
    void memoryIsBoundedPerAddressAndInAddresses() {
        DnsResolver r = new DnsResolver(3, 2);
        for (int i = 1; i <= 5; i++) {
            r.onAnswer(answer(i, PHONE, -1, "n" + i + ".example.com", a("n" + i + ".example.com", X)));
        }
        assertEquals("n4.example.com", r.lookup(PHONE_DEV, X, 4).orElseThrow().name());
        assertTrue(r.lookup(PHONE_DEV, X, 3).isEmpty(), "older than the two kept");
        for (int i = 1; i <= 4; i++) {
            r.onAnswer(answer(10 + i, PHONE, -1, "h.example.com", a("h.example.com", IpAddress.ofV4(0x0A000000 + i))));
        }
        assertEquals(3, r.addresses());
        assertEquals(2, r.evictedAddresses());
        assertTrue(r.lookup(PHONE_DEV, X, 100).isEmpty(), "X was answered longest ago: evicted");
        assertTrue(r.lookup(PHONE_DEV, IpAddress.ofV4(0x0A000004), 100).isPresent());
    }

    @Test
    void junkQuestionsAreIgnored() {
        DnsResolver r = new DnsResolver();
        r.onAnswer(answer(1, PHONE, -1, "", a("x.example.com", X)));
        r.onAnswer(answer(1, PHONE, -1, "a..b", a("x.example.com", X)));
        assertTrue(r.lookup(PHONE_DEV, X, 10).isEmpty());
        assertEquals(2, r.answers());
    }
}
