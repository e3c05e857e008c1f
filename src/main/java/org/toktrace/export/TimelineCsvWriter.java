package org.toktrace.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Device;
import org.toktrace.model.TikTokBins;

/**
 * Writes timeline.csv as DESIGN.md section 4 specifies: RFC 4180, a header row, TikTok's traffic in
 * the analysis's fixed bins, one row per device and bin with TikTok traffic (platform push never
 * counts), devices one after the other in order of their first TikTok flow, bins in time order.
 * {@code state} is the device's state in the interval holding the bin; empty when the states were
 * not classified. {@code device} is the key flows.csv uses, {@code device_name} the name the device
 * gave itself (DHCP, mDNS), empty when it gave none; it comes last so older columns keep their place.
 */
public final class TimelineCsvWriter {

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("bin_start", "device", "state", "bytes_up", "bytes_down",
            "packets", "device_name");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .build();

    public void write(AnalysisResult result, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(result, out);
        }
    }

    public void write(AnalysisResult result, Appendable out) throws IOException {
        Map<Device.Id, DeviceStates> states = new HashMap<>();
        for (DeviceStates d : result.states()) {
            states.put(d.device(), d);
        }
        Map<Device.Id, String> names = Device.namesById(result.announcedDevices());
        CSVPrinter csv = new CSVPrinter(out, FORMAT);
        for (Map.Entry<Device.Id, List<TikTokBins.Bin>> e : TikTokBins.of(result.flows()).entrySet()) {
            DeviceStates d = states.get(e.getKey());
            String device = SpreadsheetSafe.cell(e.getKey().label());
            String name = SpreadsheetSafe.cell(names.getOrDefault(e.getKey(), ""));
            for (TikTokBins.Bin b : e.getValue()) {
                AppState s = d == null ? null : d.stateAt(b.binStartNanos());
                csv.printRecord(Timestamps.isoMicros(b.binStartNanos()), device, s == null ? "" : s.label(),
                        b.bytesUp(), b.bytesDown(), b.packets(), name);
            }
        }
        csv.flush();
    }
}
