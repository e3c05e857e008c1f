package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.toktrace.model.IpAddress;
import org.toktrace.model.ServerNetwork;

class IpNetworksTest {

    private static final IpNetworks BUNDLED = IpNetworks.bundled();

    private static ServerNetwork at(String address) {
        return BUNDLED.lookup(IpAddress.parse(address));
    }

    // spot checks against the registries' own records (issue 17's "done when")
    @Test
    void googleDns() {
        ServerNetwork n = at("8.8.8.8");
        assertEquals(15169, n.asn());
        assertEquals("Google LLC", n.organisation());
        assertEquals("US", n.country());
        assertEquals(ServerNetwork.CLOUD, n.group());
    }

    @Test
    void cloudflareDns() {
        ServerNetwork n = at("1.1.1.1");
        assertEquals(13335, n.asn());
        assertTrue(n.organisation().startsWith("Cloudflare"), n.organisation());
        // APNIC registered 1.1.1.0/24 (lent to Cloudflare for research): the whois country is Australia's
        assertEquals("AU", n.country());
        assertEquals(ServerNetwork.CDN, n.group());
    }

    @Test
    void meta() {
        ServerNetwork n = at("157.240.22.35");
        assertEquals(32934, n.asn());
        // the data still carries the AS's registered name from before the rename to Meta
        assertEquals("Facebook, Inc.", n.organisation());
        assertEquals("US", n.country());
    }

    @Test
    void akamai() {
        ServerNetwork n = at("2.16.4.1");
        assertTrue(n.asn() == 20940 || n.asn() == 16625, n.toString());
        assertTrue(n.organisation().startsWith("Akamai"), n.organisation());
        assertEquals(ServerNetwork.CDN, n.group());
    }

    @Test
    void byteDance() {
        ServerNetwork n = at("71.18.0.1");
        assertEquals(396986, n.asn());
        assertEquals("Bytedance Inc.", n.organisation());
        assertEquals(ServerNetwork.BYTEDANCE, n.group());
    }

    @Test
    void ipv6() {
        ServerNetwork n = at("2001:4860:4860::8888");
        assertEquals(15169, n.asn());
        assertEquals("US", n.country());
        assertEquals(13335, at("2606:4700:4700::1111").asn());
        assertEquals(15169, at("::ffff:8.8.8.8").asn(), "an IPv4-mapped address is its IPv4 address");
        assertEquals(15169, at("64:ff9b::808:808").asn(), "a NAT64 address is the IPv4 address it carries");
        assertEquals("US", at("64:ff9b::808:808").country());
        assertEquals(ServerNetwork.NOT_PUBLIC, at("64:ff9b::c0a8:1").group(), "NAT64 of a private address is private");
        assertEquals(ServerNetwork.NONE, at("64:ff9b:1::808:808"), "the local-use prefix 64:ff9b:1::/48 carries no fixed layout");
    }

    @Test
    void notPublic() {
        assertEquals(ServerNetwork.notPublic("private"), at("10.1.2.3"));
        assertEquals(ServerNetwork.notPublic("private"), at("172.31.255.255"));
        assertEquals(ServerNetwork.notPublic("private"), at("192.168.137.1"));
        assertEquals(ServerNetwork.notPublic("CGNAT"), at("100.64.0.1"));
        assertEquals(ServerNetwork.notPublic("CGNAT"), at("100.127.255.254"));
        assertEquals(ServerNetwork.notPublic("loopback"), at("127.0.0.1"));
        assertEquals(ServerNetwork.notPublic("link-local"), at("169.254.10.1"));
        assertEquals(ServerNetwork.notPublic("multicast"), at("224.0.0.251"));
        assertEquals(ServerNetwork.notPublic("broadcast"), at("255.255.255.255"));
        assertEquals(ServerNetwork.notPublic("documentation"), at("203.0.113.53"));
        assertEquals(ServerNetwork.notPublic("private"), at("fd12:3456::1"));
        assertEquals(ServerNetwork.notPublic("link-local"), at("fe80::1"));
        assertEquals(ServerNetwork.notPublic("multicast"), at("ff02::fb"));
        assertEquals(ServerNetwork.notPublic("loopback"), at("::1"));
        // just outside the blocks: public again
        assertTrue(at("100.128.0.1").asn() != 0, at("100.128.0.1").toString());
        assertTrue(at("172.32.0.1").asn() != 0, at("172.32.0.1").toString());
    }

    @Test
    void datedAndLarge() {
        assertTrue(BUNDLED.dataDate().matches("20\\d\\d-\\d\\d-\\d\\d"), BUNDLED.dataDate());
        assertTrue(BUNDLED.source().contains("@ip-location-db/asn"), BUNDLED.source());
        assertTrue(BUNDLED.size() > 500_000, "both IP versions are in: " + BUNDLED.size());
    }

    // a small table written as extract-ip-networks.py writes it
    private static byte[] table(boolean rising) throws IOException {
        return table(rising, "Top AS");
    }

    private static byte[] table(boolean rising, String topName) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(raw);
        d.write("TTIPNET1".getBytes(StandardCharsets.US_ASCII));
        d.writeUTF("test 1");
        d.writeUTF("2026-01-02");
        d.writeShort(2);
        d.write("--US".getBytes(StandardCharsets.US_ASCII));
        d.writeInt(2);
        d.writeInt(64500);
        d.writeInt(0xFFFF_FFF0); // a 32-bit AS number above 2^31
        d.writeUTF("Example Net");
        d.writeUTF(topName);
        d.writeInt(3); // 0.0.0.0, 20.0.0.0 (AS64500, US), 21.0.0.0 (nothing)
        d.writeInt(0);
        d.writeInt(0x1400_0000);
        d.writeInt(rising ? 0x0100_0000 : 0);
        d.writeInt(0); // AS columns: a position in the AS table plus one
        d.writeInt(1);
        d.writeInt(0);
        d.writeShort(0);
        d.writeShort(1);
        d.writeShort(0);
        d.writeInt(2); // ::, 2001:: (the high AS)
        d.writeLong(0);
        d.writeLong(0);
        d.writeLong(0x2001_0000_0000_0000L);
        d.writeLong(0);
        d.writeInt(0);
        d.writeInt(2);
        d.writeShort(0);
        d.writeShort(1);
        d.flush();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw.toByteArray());
        }
        return gz.toByteArray();
    }

    private static IpNetworks read(byte[] b) throws IOException {
        return IpNetworks.read(new ByteArrayInputStream(b), "test.bin", Map.of(64500L, ServerNetwork.CDN));
    }

    @Test
    void smallTable() throws IOException {
        IpNetworks t = read(table(true));
        assertEquals(ServerNetwork.NONE, t.lookup(IpAddress.parse("19.255.255.255")));
        assertEquals(new ServerNetwork(64500, "Example Net", "US", ServerNetwork.CDN), t.lookup(IpAddress.parse("20.255.255.255")));
        assertEquals(ServerNetwork.NONE, t.lookup(IpAddress.parse("21.0.0.0")));
        assertEquals(new ServerNetwork(0xFFFF_FFF0L, "Top AS", "US", ServerNetwork.OTHER), t.lookup(IpAddress.parse("2001::1")));
        assertEquals(ServerNetwork.NONE, t.lookup(IpAddress.parse("2000::1")));
        assertEquals("2026-01-02", t.dataDate());
        assertEquals(5, t.size());
    }

    @Test
    void anAsNameMeetsTheRuleForTextFromOutside() throws IOException {
        IpNetworks t = read(table(true, " Top\u202EAS\u0007\n"));
        assertEquals("Top\\u202eAS\\x07\\x0a", t.lookup(IpAddress.parse("2001::1")).organisation(),
                "controls and overrides escaped as everywhere else, the ends stripped");
    }

    @Test
    void everyTruncationFailsAtLoadWithAMessage() throws IOException {
        byte[] whole = table(true);
        // cut the unpacked layout at every length: re-pack each prefix so gzip itself is intact
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(whole)).readAllBytes();
        for (int n = 0; n < raw.length; n++) {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(raw, 0, n);
            }
            int cut = n;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(gz.toByteArray()),
                    "cut at " + cut);
            assertTrue(e.getMessage().startsWith("test.bin"), e.getMessage());
        }
        // and the gzip stream itself cut short
        for (int n = 0; n < whole.length; n++) {
            int cut = n;
            assertThrows(IllegalArgumentException.class, () -> read(Arrays.copyOf(whole, cut)), "gzip cut at " + cut);
        }
    }

    @Test
    void alteredTablesAreRejected() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(table(false)));
        assertTrue(e.getMessage().contains("not rising"), e.getMessage());
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(table(true))).readAllBytes();
        byte[] extra = Arrays.copyOf(raw, raw.length + 1);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(extra);
        }
        e = assertThrows(IllegalArgumentException.class, () -> read(gz.toByteArray()));
        assertTrue(e.getMessage().contains("bytes after"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("not gzip".getBytes(StandardCharsets.US_ASCII)));
        // an AS position past the AS table
        int at = raw.length - 2 * 2 - 4;
        byte[] badAs = raw.clone();
        badAs[at + 3] = 3;
        ByteArrayOutputStream gz2 = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz2)) {
            out.write(badAs);
        }
        e = assertThrows(IllegalArgumentException.class, () -> read(gz2.toByteArray()));
        assertTrue(e.getMessage().contains("AS entry 3 of 2"), e.getMessage());
    }

    @Test
    void groupTable() {
        assertEquals(Map.of(1L, ServerNetwork.CDN), IpNetworks.parseGroups(List.of("1\tcdn\tOne"), "t"));
        assertThrows(IllegalArgumentException.class, () -> IpNetworks.parseGroups(List.of("1\tcdn\tOne", "1\tcloud\tOne"), "t"));
        assertThrows(IllegalArgumentException.class, () -> IpNetworks.parseGroups(List.of("1\tisp\tOne"), "t"));
    }
}
