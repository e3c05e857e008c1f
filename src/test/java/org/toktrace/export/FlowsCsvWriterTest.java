package org.toktrace.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;
import org.toktrace.model.RegionHint;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.ServerNetworks;

class FlowsCsvWriterTest {

    /** Networks that know nothing: every address unknown, no hints. */
    static final ServerNetworks NONE = new ServerNetworks() {
        @Override
        public ServerNetwork network(IpAddress server) {
            return ServerNetwork.NONE;
        }

        @Override
        public RegionHint regionHint(String serverName) {
            return null;
        }

        @Override
        public String source() {
            return "none";
        }

        @Override
        public String dataDate() {
            return "2026-01-01";
        }
    };

    static FlowRecord flow(long id, FlowKey key) {
        return flow(id, key, 0x0200_0000_0001L);
    }

    static FlowRecord flow(long id, FlowKey key, long mac) {
        return new FlowRecord(id, key, 1_774_282_445_123_456_789L, 1_774_282_446_000_000_000L, 10, 20, 1_000,
                30_000, FlowEnd.FIN, mac, FlowBins.empty(1_000_000_000L), FlowNames.NONE, Attribution.NONE);
    }

    @Test
    void writesEveryDesignColumnInOrder() throws IOException {
        FlowKey key = new FlowKey(6, IpAddress.parse("192.168.137.23"), 51234, IpAddress.parse("203.0.113.9"), 443);
        StringBuilder out = new StringBuilder();
        new FlowsCsvWriter(NONE).write(List.of(flow(7, key)), out);
        String[] lines = out.toString().split("\r\n");
        assertEquals("flow_id,device,first_seen,last_seen,transport,client_ip,client_port,server_ip,server_port,"
                + "server_name,name_source,service,category,state,packets_up,packets_down,bytes_up,bytes_down,"
                + "server_asn,server_org,server_country,server_region_hint,device_name", lines[0]);
        // the device is its MAC, as in timeline.csv and the summary; the client's address has its own column
        assertEquals("7,02:00:00:00:00:01,2026-03-23T16:14:05.123456Z,2026-03-23T16:14:06.000000Z,TCP,192.168.137.23,"
                + "51234,203.0.113.9,443,,,,,,10,20,1000,30000,,,,,", lines[1]);
        assertEquals(2, lines.length);
    }

    @Test
    void deviceNameComesLastBesideTheSameKeyAsTimelineCsv() throws IOException {
        FlowKey key = new FlowKey(6, IpAddress.parse("192.168.137.23"), 51234, IpAddress.parse("203.0.113.9"), 443);
        FlowKey other = new FlowKey(6, IpAddress.parse("192.168.137.40"), 40000, IpAddress.parse("203.0.113.9"), 443);
        List<Device> devices = List.of(
                new Device(0x0200_0000_0001L, List.of(IpAddress.parse("192.168.137.23")), "=Pixel-7", "dhcp"),
                new Device(0x0200_0000_0002L, List.of(), "", ""));
        StringBuilder out = new StringBuilder();
        new FlowsCsvWriter(NONE, devices).write(List.of(flow(1, key), flow(2, other, 0x0200_0000_0002L)), out);
        try (CSVParser p = CSVParser.parse(new StringReader(out.toString()), CSVFormat.RFC4180.builder().setHeader().build())) {
            assertEquals("device_name", p.getHeaderNames().get(p.getHeaderNames().size() - 1));
            List<CSVRecord> rows = p.getRecords();
            assertEquals("02:00:00:00:00:01", rows.get(0).get("device"));
            assertEquals("'=Pixel-7", rows.get(0).get("device_name"), "a name from a packet never runs as a formula");
            assertEquals("02:00:00:00:00:02", rows.get(1).get("device"));
            assertEquals("", rows.get(1).get("device_name"), "a device that gave no name has none");
        }
    }

    @Test
    void ipv6AndOtherProtocolsAreWrittenPlainly() throws IOException {
        FlowKey key = new FlowKey(58, IpAddress.parse("2001:db8::23"), 0, IpAddress.parse("2001:db8::1"), 0);
        StringBuilder out = new StringBuilder();
        new FlowsCsvWriter(NONE).write(List.of(flow(1, key, -1)), out); // no MAC: the device is its address
        try (CSVParser p = CSVParser.parse(new StringReader(out.toString()), CSVFormat.RFC4180.builder().setHeader().build())) {
            CSVRecord r = p.getRecords().get(0);
            assertEquals("2001:db8::23", r.get("device"));
            assertEquals("ICMPv6", r.get("transport"));
            assertEquals("0", r.get("client_port"));
        }
    }

    @Test
    void networkColumnsComeLastAndAreDefused() throws IOException {
        ServerNetworks hostile = new ServerNetworks() {
            @Override
            public ServerNetwork network(IpAddress server) {
                return new ServerNetwork(64500, "=HYPERLINK(\"http://x\"), Inc.", "-X", ServerNetwork.OTHER);
            }

            @Override
            public RegionHint regionHint(String serverName) {
                return new RegionHint("alisg", "Singapore (Alibaba Cloud)", "SG", true);
            }

            @Override
            public String source() {
                return "test";
            }

            @Override
            public String dataDate() {
                return "2026-01-01";
            }
        };
        FlowKey key = new FlowKey(6, IpAddress.parse("192.168.137.23"), 51234, IpAddress.parse("198.18.0.9"), 443);
        FlowRecord tiktok = flow(1, key).withAttribution(new Attribution(
                new Evidence(NameSource.TLS_SNI, "api16-normal-c-alisg.tiktokv.com", 0, ""), Attribution.TIKTOK, Category.API));
        StringBuilder out = new StringBuilder();
        new FlowsCsvWriter(hostile).write(List.of(tiktok, flow(2, key)), out);
        try (CSVParser p = CSVParser.parse(new StringReader(out.toString()), CSVFormat.RFC4180.builder().setHeader().build())) {
            List<CSVRecord> rows = p.getRecords();
            assertEquals(FlowsCsvWriter.COLUMNS, p.getHeaderNames());
            assertEquals("64500", rows.get(0).get("server_asn"));
            assertEquals("'=HYPERLINK(\"http://x\"), Inc.", rows.get(0).get("server_org"));
            assertEquals("'-X", rows.get(0).get("server_country"));
            assertEquals("alisg: Singapore (Alibaba Cloud) (inferred)", rows.get(0).get("server_region_hint"));
            assertEquals("", rows.get(1).get("server_region_hint"), "hints are read in TikTok's names only");
        }
    }

    @Test
    void cellsThatWouldRunAsFormulasAreDefused() {
        assertEquals("'=HYPERLINK(\"http://x\")", SpreadsheetSafe.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("'+1", SpreadsheetSafe.cell("+1"));
        assertEquals("'-2", SpreadsheetSafe.cell("-2"));
        assertEquals("'@SUM(A1)", SpreadsheetSafe.cell("@SUM(A1)"));
        assertEquals("'\tx", SpreadsheetSafe.cell("\tx"));
        assertEquals("'\rx", SpreadsheetSafe.cell("\rx"));
        assertEquals("v16-webapp.tiktok.com", SpreadsheetSafe.cell("v16-webapp.tiktok.com"));
        assertEquals("", SpreadsheetSafe.cell(null));
    }

    @Test
    void timestampsAreUtcWithMicroseconds() {
        assertEquals("1970-01-01T00:00:00.000000Z", Timestamps.isoMicros(0));
        assertEquals("1969-12-31T23:59:59.999999Z", Timestamps.isoMicros(-1));
        assertEquals("2026-03-23T16:14:05.000001Z", Timestamps.isoMicros(1_774_282_445_000_001_999L));
    }
}
