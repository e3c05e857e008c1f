package org.toktrace.store;

import static org.toktrace.store.CaptureLibrary.BATCH;
import static org.toktrace.store.CaptureLibrary.FLOW_COLUMNS;
import static org.toktrace.store.CaptureLibrary.NOTE;
import static org.toktrace.store.CaptureLibrary.OTHER_SERVICE;
import static org.toktrace.store.CaptureLibrary.PLATFORM_PUSH;
import static org.toktrace.store.CaptureLibrary.TIKTOK;
import static org.toktrace.store.CaptureLibrary.TIKTOK_CATEGORY;
import static org.toktrace.store.CaptureLibrary.TIKTOK_NAME_SOURCE;
import static org.toktrace.store.CaptureLibrary.UNKNOWN_NAMES;
import static org.toktrace.store.CaptureLibrary.UNNAMED_REASON;
import static org.toktrace.store.CaptureLibrary.address;
import static org.toktrace.store.CaptureLibrary.value;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.Category;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LearnedName;
import org.toktrace.model.NameSource;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.ServiceTotals;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TrafficBreakdown;

/**
 * Reads one stored analysis back from its rows into the {@link AnalysisResult} that was saved: the
 * reverse of {@link ChildRows}, apart from the library's list and writes. The caller holds the
 * transaction; a damaged row throws {@link IllegalArgumentException}, which the library reports.
 */
final class StoredAnalysis {

    private StoredAnalysis() {
    }

    static Optional<AnalysisResult> read(Connection c, long id) throws SQLException {
        CaptureInfo info;
        PacketCounters counters;
        boolean complete;
        String catalogVersion;
        try (PreparedStatement p = c.prepareStatement("SELECT source, size_bytes, format, link_types, first_ns, last_ns, "
                + "frames, captured_bytes, ip_packets, ip_bytes, non_ip, malformed, unsupported_link, fragments, "
                + "orphan_fragments, complete, catalog_version FROM capture WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                info = CaptureLibrary.captureInfo(r);
                counters = new PacketCounters(r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11),
                        r.getLong(12), r.getLong(13), r.getLong(14), r.getLong(15));
                complete = r.getBoolean(16);
                catalogVersion = r.getString(17);
            }
        }
        return Optional.of(new AnalysisResult(info, readFlows(c, id), counters, readWarnings(c, id), complete,
                readLearnedNames(c, id), catalogVersion, readBreakdown(c, id), readStates(c, id),
                readAnnouncedDevices(c, id)));
    }

    private static List<FlowRecord> readFlows(Connection c, long id) throws SQLException {
        List<FlowRecord> flows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + FLOW_COLUMNS + " FROM flow WHERE capture_id = ? ORDER BY seq")) {
            p.setLong(1, id);
            p.setFetchSize(BATCH);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    FlowKey key = new FlowKey(r.getShort(3), address(r.getBytes(4)), r.getInt(5), address(r.getBytes(6)),
                            r.getInt(7));
                    String payloadName = r.getString(17);
                    String payloadSource = r.getString(18);
                    FlowNames names = new FlowNames(payloadName,
                            payloadSource == null ? null : value(NameSource.class, payloadSource), r.getLong(19),
                            strings(r.getArray(20)), r.getInt(21), r.getBoolean(22));
                    String evidenceSource = r.getString(23);
                    Evidence evidence = evidenceSource == null ? null : new Evidence(value(NameSource.class, evidenceSource),
                            r.getString(24), r.getLong(25), r.getString(26));
                    String category = r.getString(28);
                    String state = r.getString(29);
                    Attribution a = new Attribution(evidence, r.getString(27),
                            category == null ? null : value(Category.class, category),
                            state == null ? null : value(AppState.class, state));
                    flows.add(new FlowRecord(r.getLong(2), key, r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11),
                            r.getLong(12), r.getLong(13), value(FlowEnd.class, r.getString(14)), r.getLong(15),
                            BinsCodec.decode(r.getBytes(16)), names, a));
                }
            }
        }
        return flows;
    }

    private static List<CaptureWarning> readWarnings(Connection c, long id) throws SQLException {
        List<CaptureWarning> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT file_offset, message FROM capture_warning WHERE capture_id = ? ORDER BY seq")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new CaptureWarning(r.getLong(1), r.getString(2)));
                }
            }
        }
        return out;
    }

    private static List<LearnedName> readLearnedNames(Connection c, long id) throws SQLException {
        List<LearnedName> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT address, name, source, first_seen_ns, last_seen_ns, capture "
                + "FROM capture_learned_name WHERE capture_id = ? ORDER BY seq")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new LearnedName(address(r.getBytes(1)), r.getString(2), value(NameSource.class, r.getString(3)),
                            r.getLong(4), r.getLong(5), r.getString(6)));
                }
            }
        }
        return out;
    }

    /** The devices DHCP and mDNS named; none for a capture saved before the library kept them (schema 3). */
    private static List<Device> readAnnouncedDevices(Connection c, long id) throws SQLException {
        List<Device> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT mac, addresses, name, name_source "
                + "FROM capture_device WHERE capture_id = ? ORDER BY seq")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Array array = r.getArray(2);
                    List<IpAddress> addresses = new ArrayList<>();
                    if (array != null) {
                        for (Object a : (Object[]) array.getArray()) {
                            addresses.add(address((byte[]) a));
                        }
                    }
                    long mac = r.getLong(1);
                    // a row with neither a MAC nor an address names no device (another program may have written the file)
                    if (mac >= 0 || !addresses.isEmpty()) {
                        out.add(new Device(mac, addresses, r.getString(3), r.getString(4)));
                    }
                }
            }
        }
        return out;
    }

    private static TrafficBreakdown readBreakdown(Connection c, long id) throws SQLException {
        ServiceTotals tiktok = null;
        ServiceTotals unknown = null;
        List<ServiceTotals> categories = new ArrayList<>();
        Map<String, Long> sources = new LinkedHashMap<>();
        List<ServiceTotals> push = new ArrayList<>();
        List<ServiceTotals> others = new ArrayList<>();
        List<ServiceTotals> unnamed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT part, name, flows, packets, bytes_up, bytes_down "
                + "FROM breakdown_row WHERE capture_id = ? ORDER BY seq")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ServiceTotals t = new ServiceTotals(r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6));
                    switch (r.getString(1)) {
                        case TIKTOK -> tiktok = t;
                        case TIKTOK_CATEGORY -> categories.add(t);
                        case TIKTOK_NAME_SOURCE -> sources.put(t.name(), t.flows());
                        case PLATFORM_PUSH -> push.add(t);
                        case OTHER_SERVICE -> others.add(t);
                        case UNKNOWN_NAMES -> unknown = t;
                        case UNNAMED_REASON -> unnamed.add(t);
                        case NOTE -> notes.add(t.name());
                        default -> throw new IllegalArgumentException("unknown breakdown part " + r.getString(1));
                    }
                }
            }
        }
        if (tiktok == null || unknown == null) {
            throw new IllegalArgumentException("the traffic breakdown is missing");
        }
        return new TrafficBreakdown(tiktok, categories, sources, push, others, unknown, unnamed, notes);
    }

    private static List<DeviceStates> readStates(Connection c, long id) throws SQLException {
        Map<Integer, List<StateInterval>> intervals = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT device_seq, state, start_ns, end_ns, confidence, reason "
                + "FROM state_interval WHERE capture_id = ? ORDER BY device_seq, seq")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    intervals.computeIfAbsent(r.getInt(1), k -> new ArrayList<>()).add(new StateInterval(
                            value(AppState.class, r.getString(2)), r.getLong(3), r.getLong(4), r.getDouble(5), r.getString(6)));
                }
            }
        }
        List<DeviceStates> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT seq, device, foreground_bytes, background_bytes, "
                + "foreground_ns, background_ns FROM device_state WHERE capture_id = ? ORDER BY seq")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new DeviceStates(Device.Id.parse(r.getString(2)), intervals.getOrDefault(r.getInt(1), List.of()),
                            r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add((String) v);
        }
        return out;
    }
}
