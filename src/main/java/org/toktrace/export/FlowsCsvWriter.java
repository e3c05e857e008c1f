package org.toktrace.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.toktrace.model.Attribution;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.RegionHint;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.ServerNetworks;

/**
 * Writes flows.csv as DESIGN.md section 4 specifies: RFC 4180, a header row, one row per flow.
 * The CLI and the desktop app both export through this class, so their files are identical.
 *
 * <p>The server's network ({@code server_asn}, {@code server_org}, {@code server_country}) and the
 * region hint of a TikTok server's name ({@code server_region_hint}) come after the columns older
 * readers know, and the name the device gave itself ({@code device_name}) after those, so every
 * column keeps its position.
 */
public final class FlowsCsvWriter {

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("flow_id", "device", "first_seen", "last_seen",
            "transport", "client_ip", "client_port", "server_ip", "server_port", "server_name",
            "name_source", "service", "category", "state", "packets_up", "packets_down", "bytes_up",
            "bytes_down", "server_asn", "server_org", "server_country", "server_region_hint", "device_name");

    private final ServerNetworks networks;
    /** Each device to the name it gave itself. */
    private final Map<Device.Id, String> deviceNames;

    /** Writes the network columns from {@code networks}; {@code device_name} stays empty. */
    public FlowsCsvWriter(ServerNetworks networks) {
        this(networks, List.of());
    }

    /**
     * Writes the network columns from {@code networks} and {@code device_name} from {@code devices}
     * (an analysis' {@link org.toktrace.model.AnalysisResult#announcedDevices()}).
     */
    public FlowsCsvWriter(ServerNetworks networks, List<Device> devices) {
        this.networks = Objects.requireNonNull(networks, "networks");
        this.deviceNames = Device.namesById(devices);
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .build();

    public void write(List<FlowRecord> flows, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(flows, out);
        }
    }

    public void write(List<FlowRecord> flows, Appendable out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, FORMAT);
        for (FlowRecord flow : flows) {
            FlowKey key = flow.key();
            Attribution a = flow.attribution();
            ServerNetwork n = networks.network(key.server());
            RegionHint hint = a.isTikTok() ? networks.regionHint(a.serverName()) : null;
            Device.Id device = Device.Id.of(flow);
            csv.printRecord(
                    flow.id(),
                    // the device as every other output names it: its MAC when the capture shows one
                    SpreadsheetSafe.cell(device.label()),
                    Timestamps.isoMicros(flow.firstSeenNanos()),
                    Timestamps.isoMicros(flow.lastSeenNanos()),
                    key.transportName(),
                    SpreadsheetSafe.cell(key.client().toString()),
                    key.clientPort(),
                    SpreadsheetSafe.cell(key.server().toString()),
                    key.serverPort(),
                    SpreadsheetSafe.cell(a.serverName()),
                    a.evidence() == null ? "" : a.evidence().source().label(),
                    SpreadsheetSafe.cell(a.service()),
                    a.category() == null ? "" : a.category().label(),
                    a.state() == null ? "" : a.state().label(),
                    flow.packetsUp(),
                    flow.packetsDown(),
                    flow.bytesUp(),
                    flow.bytesDown(),
                    n.asn() == 0 ? "" : Long.toString(n.asn()),
                    SpreadsheetSafe.cell(n.organisation()),
                    SpreadsheetSafe.cell(n.country()),
                    hint == null ? "" : SpreadsheetSafe.cell(hint.text()),
                    SpreadsheetSafe.cell(deviceNames.getOrDefault(device, "")));
        }
        csv.flush();
    }
}
