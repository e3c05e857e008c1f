package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceTotals;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.NamedDevicesCapture;

/**
 * {@code toktrace analyze} names the devices: the summary's device lines and summary.json give the
 * name each phone gave itself over DHCP or mDNS (its existing keys unchanged), flows.csv does not
 * change, the library's {@code show} gives them back, and a hostile name cannot break a line, a
 * quote or the JSON.
 */
class AnalyzeDeviceNamesCliTest {

    @TempDir
    Path dir;

    @Test
    void theSummaryAndTheJsonNameTheDevices() throws Exception {
        NamedDevicesCapture capture = NamedDevicesCapture.write(dir.resolve("named.pcap"), "Pixel-7", "Galaxy-S23");
        Path json = dir.resolve("summary.json");
        Path csv = dir.resolve("flows.csv");
        Path db = dir.resolve("db").resolve("toktrace");
        CliRun run = CliRun.of("analyze", capture.file().toString(), "--summary-json", json.toString(),
                "--flows-csv", csv.toString(), "--save", "--db", db.toString());
        assertEquals(0, run.exit(), run.err());

        DeviceTotals phone = capture.dhcpPhone();
        DeviceTotals tablet = capture.mdnsPhone();
        String phoneLine = line(run.out(), phone.label());
        assertTrue(phoneLine.matches(" {4}" + Pattern.quote(phone.label()) + " +\\d+ flows .* up  .*"), phoneLine);
        assertTrue(phoneLine.endsWith("  \"Pixel-7\" (dhcp)"), phoneLine);
        assertTrue(phoneLine.contains(phone.addresses().get(0).toString()), phoneLine);
        assertTrue(line(run.out(), tablet.label()).endsWith("  \"galaxy-s23\" (mdns)"), run.out());
        assertTrue(run.out().contains("  devices    2\n"), run.out());

        String summary = Files.readString(json);
        assertTrue(summary.contains("\"mac\": \"" + phone.label() + "\",\n      \"name\": \"Pixel-7\",\n"
                + "      \"name_source\": \"dhcp\",\n      \"addresses\": ["), summary);
        assertTrue(summary.contains("\"name\": \"galaxy-s23\",\n      \"name_source\": \"mdns\""), summary);
        assertTrue(summary.contains("\"devices_without_flows\": []"), summary);
        for (String key : new String[] {"\"flows\": ", "\"packets_up\": ", "\"bytes_down\": ", "\"tiktok_states\": "}) {
            assertTrue(summary.contains(key), key);
        }
        // columns are only ever added at the end, so older readers find theirs where they were
        String header = Files.readAllLines(csv).get(0);
        assertTrue(header.startsWith("flow_id,device,first_seen,last_seen,transport,client_ip,client_port,server_ip,"
                + "server_port,server_name,name_source,service,category,state,packets_up,packets_down,bytes_up,bytes_down,"),
                "flows.csv keeps its columns: " + header);

        // the library gives the same summary back, names included
        Matcher saved = Pattern.compile("as capture (\\d+)").matcher(run.out());
        assertTrue(saved.find(), run.out());
        CliRun show = CliRun.of("library", "show", saved.group(1), "--db", db.toString());
        assertEquals(0, show.exit(), show.err());
        assertEquals(phoneLine, line(show.out(), phone.label()));
    }

    @Test
    void aCaptureWithoutNamesPrintsAsBeforeWithNullNames() throws Exception {
        Path json = dir.resolve("summary.json");
        CliRun run = CliRun.of("analyze", NamedDevicesCapture.SAMPLE.toString(), "--summary-json", json.toString());
        assertEquals(0, run.exit(), run.err());
        assertFalse(run.out().contains("\" ("), run.out());
        String summary = Files.readString(json);
        assertTrue(summary.contains("\"name\": null,\n      \"name_source\": null,"), summary);
    }

    @Test
    void hostileNamesAreEscapedInTheSummaryAndTheJson() throws Exception {
        String hostile = "\"; rm -rf / #\u202Egnp.exe\u001b[2J\n=HYPERLINK(\"http://x\")<script>";
        NamedDevicesCapture capture = NamedDevicesCapture.write(dir.resolve("hostile.pcap"), hostile, "x\u0001\u0085<b>");
        Path json = dir.resolve("summary.json");
        CliRun run = CliRun.of("analyze", capture.file().toString(), "--summary-json", json.toString());
        assertEquals(0, run.exit(), run.err());
        String phoneLine = line(run.out(), capture.dhcpPhone().label());
        // the quote inside the name is escaped by the printer; the rest by the parser, capped at 63 characters
        assertTrue(phoneLine.endsWith("  \"\\x22; rm -rf / #\\xe2\\x80\\xaegnp.exe\\x1b[2J\\x0a"
                + "=HYPERLINK(\\x22http://x\" (dhcp)"), phoneLine);
        assertTrue(run.out().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F)),
                "no control character, no right-to-left override reaches the terminal");
        assertTrue(line(run.out(), capture.mdnsPhone().label()).endsWith("  \"x\\x01\\x85<b>\" (mdns)"), run.out());

        String summary = Files.readString(json);
        assertTrue(summary.contains("\"name\": \"\\\"; rm -rf / #\\\\xe2"), summary);
        assertTrue(summary.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F)), "the JSON is plain ASCII");

        AnalysisResult r = new org.toktrace.analysis.CaptureAnalyzer(org.toktrace.analysis.AnalysisOptions.defaults())
                .analyze(capture.file());
        Device named = Device.byId(r.hotspotDevices()).get(capture.dhcpPhone().id());
        assertTrue(summary.contains("\"name\": " + jsonString(named.name())), "the name, JSON-quoted: " + named.name());
        assertTrue(named.addresses().contains(IpAddress.parse(capture.dhcpPhone().addresses().get(0).toString())));
    }

    /** The summary line that starts with the device's label. */
    private static String line(String out, String label) {
        for (String l : out.split("\n")) {
            if (l.startsWith("    " + label + " ")) {
                return l;
            }
        }
        throw new AssertionError("no line for " + label + " in\n" + out);
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
