package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/**
 * {@code toktrace analyze} on the generator's sample hotspot capture: the summary, summary.json and
 * flows.csv say which networks and countries TikTok's traffic went to, per state. The generator's
 * addresses are real address space (its "Akamai" servers sit in 23.32.0.0/12, which the registries
 * give to Akamai; its "ByteDance-fronted" ones in 128.1.0.0/16 and 161.117.0.0/16, which they give
 * to Zenlayer and Alibaba), so the table names those operators.
 */
class AnalyzeDestinationsCliTest {

    @TempDir
    static Path dir;
    static CliRun run;
    static String json;
    static List<CSVRecord> flows;

    @BeforeAll
    static void analyzeTheSample() throws Exception {
        Path capture = dir.resolve("sample.pcap");
        HotspotTrafficGenerator.write(Scenario.sample(), capture);
        Path csv = dir.resolve("flows.csv");
        Path summary = dir.resolve("summary.json");
        run = CliRun.of("analyze", capture.toString(), "--flows-csv", csv.toString(), "--summary-json", summary.toString());
        json = Files.readString(summary);
        try (Reader r = Files.newBufferedReader(csv)) {
            flows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    private static long sum(String array, String field) {
        int start = json.indexOf("\"" + array + "\": [");
        assertTrue(start >= 0, array);
        String part = json.substring(start, json.indexOf(']', start));
        Matcher m = Pattern.compile("\"" + field + "\": (\\d+)").matcher(part);
        long s = 0;
        while (m.find()) {
            s += Long.parseLong(m.group(1));
        }
        return s;
    }

    @Test
    void theSummaryNamesOperatorsAndCountriesPerState() {
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.contains("Where TikTok's traffic goes (network table dated 20"), out);
        assertTrue(out.contains("ByteDance's own networks "), out);
        assertTrue(Pattern.compile("Akamai .*\\(AS(20940|16625)\\) +\\d+ %  foreground .* background").matcher(out).find(), out);
        assertTrue(Pattern.compile("\\n {6}US +\\d+ %  foreground").matcher(out).find(), out);
        assertTrue(out.contains("useast1a") && out.contains("the name says US East"), out);
    }

    @Test
    void theJsonSplitsTikToksBytesByOperatorCountryAndState() {
        assertTrue(json.contains("\"network_data_date\": \"20"), json);
        assertTrue(json.contains("\"operator\": \"Akamai"), json);
        assertTrue(json.contains("\"country\": \"US\""), json);
        long fg = sum("by_operator", "foreground_bytes");
        long bg = sum("by_operator", "background_bytes");
        assertTrue(fg > 0 && bg > 0, fg + " / " + bg);
        assertEquals(fg, sum("by_country", "foreground_bytes"));
        assertEquals(bg, sum("by_country", "background_bytes"));
        assertEquals(fg + bg, sum("by_group", "foreground_bytes") + sum("by_group", "background_bytes"));
        Matcher up = Pattern.compile("\"tiktok\": \\{\"flows\": \\d+, \"packets\": \\d+, \"bytes_up\": (\\d+), \"bytes_down\": (\\d+)")
                .matcher(json.replaceAll("\\s+", " ").replace("{ ", "{"));
        assertTrue(up.find(), json);
        assertEquals(Long.parseLong(up.group(1)) + Long.parseLong(up.group(2)), fg + bg, "every TikTok byte is somewhere");
    }

    @Test
    void everyTikTokFlowToAPublicAddressHasAnOperatorAndCountry() {
        int tiktok = 0;
        for (CSVRecord r : flows) {
            if (r.get("service").equals("TikTok")) {
                tiktok++;
                assertTrue(r.get("server_asn").matches("\\d+"), r.toString());
                assertTrue(!r.get("server_org").isEmpty(), r.toString());
                assertTrue(r.get("server_country").matches("[A-Z]{2}"), r.toString());
            }
            if (r.get("server_ip").startsWith("192.168.")) {
                assertEquals("private", r.get("server_country"), r.toString());
                assertEquals("", r.get("server_asn"), r.toString());
            }
            if (r.get("server_ip").startsWith("23.")) {
                assertTrue(r.get("server_org").startsWith("Akamai"), r.toString());
            }
        }
        assertTrue(tiktok > 10, "TikTok flows: " + tiktok);
    }
}
