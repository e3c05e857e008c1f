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
import static org.toktrace.store.CaptureLibrary.placeholders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.LearnedName;
import org.toktrace.model.ServiceTotals;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TikTokBins;
import org.toktrace.model.TrafficBreakdown;
import org.toktrace.store.CaptureLibrary.SaveProgress;

/**
 * The child rows of one {@link CaptureLibrary} save (flows, timeline, states, breakdown, warnings,
 * names, devices), written in JDBC batches with progress after each.
 */
final class ChildRows {
    private final Connection c;
    private final long id;
    private final AnalysisResult r;
    private final SaveProgress progress;
    private final Map<Device.Id, List<TikTokBins.Bin>> timeline;
    private final long total;
    private long written;

    ChildRows(Connection c, long id, AnalysisResult r, SaveProgress progress) {
        this.c = c;
        this.id = id;
        this.r = r;
        this.progress = progress;
        this.timeline = TikTokBins.of(r.flows());
        long rows = r.flows().size() + r.warnings().size() + r.learnedNames().size() + r.states().size()
                + breakdownRows(r.breakdown()) + r.announcedDevices().size();
        for (List<TikTokBins.Bin> bins : timeline.values()) {
            rows += bins.size();
        }
        for (DeviceStates d : r.states()) {
            rows += d.intervals().size();
        }
        this.total = rows;
    }

    void write() throws SQLException {
        flows();
        timeline();
        states();
        warnings();
        breakdown();
        learnedNames();
        announcedDevices();
    }

    private void added(PreparedStatement p, int[] pending) throws SQLException {
        p.addBatch();
        if (++pending[0] == BATCH) {
            flush(p, pending);
        }
    }

    private void flush(PreparedStatement p, int[] pending) throws SQLException {
        if (pending[0] > 0) {
            p.executeBatch();
            written += pending[0];
            pending[0] = 0;
            progress.written(written, total);
        }
    }

    private void flows() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO flow (capture_id, " + FLOW_COLUMNS + ") VALUES ("
                + placeholders(30) + ")")) {
            int[] pending = {0};
            int seq = 0;
            for (FlowRecord f : r.flows()) {
                FlowKey k = f.key();
                FlowNames n = f.names();
                Attribution a = f.attribution();
                Evidence e = a.evidence();
                int i = 1;
                p.setLong(i++, id);
                p.setInt(i++, seq++);
                p.setLong(i++, f.id());
                p.setShort(i++, (short) k.protocol());
                p.setBytes(i++, k.client().toBytes());
                p.setInt(i++, k.clientPort());
                p.setBytes(i++, k.server().toBytes());
                p.setInt(i++, k.serverPort());
                p.setLong(i++, f.firstSeenNanos());
                p.setLong(i++, f.lastSeenNanos());
                p.setLong(i++, f.packetsUp());
                p.setLong(i++, f.packetsDown());
                p.setLong(i++, f.bytesUp());
                p.setLong(i++, f.bytesDown());
                p.setString(i++, f.end().name());
                p.setLong(i++, f.clientMac());
                p.setBytes(i++, BinsCodec.encode(f.bins()));
                p.setString(i++, n.serverName());
                p.setString(i++, n.source() == null ? null : n.source().name());
                p.setLong(i++, n.timestampNanos());
                p.setArray(i++, c.createArrayOf("VARCHAR", n.alpn().toArray()));
                p.setInt(i++, n.quicVersion());
                p.setBoolean(i++, n.encryptedClientHello());
                p.setString(i++, e == null ? null : e.source().name());
                p.setString(i++, e == null ? null : e.name());
                if (e == null) {
                    p.setNull(i++, Types.BIGINT);
                } else {
                    p.setLong(i++, e.timestampNanos());
                }
                p.setString(i++, e == null ? null : e.detail());
                p.setString(i++, a.service());
                p.setString(i++, a.category() == null ? null : a.category().name());
                p.setString(i++, a.state() == null ? null : a.state().name());
                added(p, pending);
            }
            flush(p, pending);
        }
    }

    private void timeline() throws SQLException {
        Map<Device.Id, DeviceStates> states = new HashMap<>();
        for (DeviceStates d : r.states()) {
            states.put(d.device(), d);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO timeline_bin (capture_id, device_seq, device, "
                + "bin_start_ns, state, bytes_up, bytes_down, packets) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int[] pending = {0};
            int deviceSeq = 0;
            for (Map.Entry<Device.Id, List<TikTokBins.Bin>> e : timeline.entrySet()) {
                DeviceStates d = states.get(e.getKey());
                for (TikTokBins.Bin b : e.getValue()) {
                    AppState s = d == null ? null : d.stateAt(b.binStartNanos());
                    p.setLong(1, id);
                    p.setInt(2, deviceSeq);
                    p.setString(3, e.getKey().label());
                    p.setLong(4, b.binStartNanos());
                    p.setString(5, s == null ? null : s.name());
                    p.setLong(6, b.bytesUp());
                    p.setLong(7, b.bytesDown());
                    p.setLong(8, b.packets());
                    added(p, pending);
                }
                deviceSeq++;
            }
            flush(p, pending);
        }
    }

    private void states() throws SQLException {
        try (PreparedStatement ds = c.prepareStatement("INSERT INTO device_state (capture_id, seq, device, "
                + "foreground_bytes, background_bytes, foreground_ns, background_ns) VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement si = c.prepareStatement("INSERT INTO state_interval (capture_id, device_seq, seq, "
                        + "state, start_ns, end_ns, confidence, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int[] pendingDevices = {0};
            int[] pendingIntervals = {0};
            int deviceSeq = 0;
            for (DeviceStates d : r.states()) {
                ds.setLong(1, id);
                ds.setInt(2, deviceSeq);
                ds.setString(3, d.device().label());
                ds.setLong(4, d.foregroundBytes());
                ds.setLong(5, d.backgroundBytes());
                ds.setLong(6, d.foregroundNanos());
                ds.setLong(7, d.backgroundNanos());
                added(ds, pendingDevices);
                int seq = 0;
                for (StateInterval i : d.intervals()) {
                    si.setLong(1, id);
                    si.setInt(2, deviceSeq);
                    si.setInt(3, seq++);
                    si.setString(4, i.state().name());
                    si.setLong(5, i.startNanos());
                    si.setLong(6, i.endNanos());
                    si.setDouble(7, i.confidence());
                    si.setString(8, i.reason());
                    si.addBatch();
                    pendingIntervals[0]++;
                }
                deviceSeq++;
            }
            // the devices first: the intervals refer to them
            flush(ds, pendingDevices);
            flush(si, pendingIntervals);
        }
    }

    private void warnings() throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO capture_warning (capture_id, seq, file_offset, message) VALUES (?, ?, ?, ?)")) {
            int[] pending = {0};
            int seq = 0;
            for (CaptureWarning w : r.warnings()) {
                p.setLong(1, id);
                p.setInt(2, seq++);
                p.setLong(3, w.fileOffset());
                p.setString(4, w.message());
                added(p, pending);
            }
            flush(p, pending);
        }
    }

    private void breakdown() throws SQLException {
        TrafficBreakdown b = r.breakdown();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO breakdown_row (capture_id, seq, part, name, "
                + "flows, packets, bytes_up, bytes_down) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int[] pending = {0};
            int[] seq = {0};
            Row row = (part, t) -> {
                p.setLong(1, id);
                p.setInt(2, seq[0]++);
                p.setString(3, part);
                p.setString(4, t.name());
                p.setLong(5, t.flows());
                p.setLong(6, t.packets());
                p.setLong(7, t.bytesUp());
                p.setLong(8, t.bytesDown());
                added(p, pending);
            };
            row.add(TIKTOK, b.tiktok());
            for (ServiceTotals t : b.tiktokByCategory()) {
                row.add(TIKTOK_CATEGORY, t);
            }
            for (Map.Entry<String, Long> e : b.tiktokNameSources().entrySet()) {
                row.add(TIKTOK_NAME_SOURCE, new ServiceTotals(e.getKey(), e.getValue(), 0, 0, 0));
            }
            for (ServiceTotals t : b.platformPush()) {
                row.add(PLATFORM_PUSH, t);
            }
            for (ServiceTotals t : b.otherServices()) {
                row.add(OTHER_SERVICE, t);
            }
            row.add(UNKNOWN_NAMES, b.unknownNames());
            for (ServiceTotals t : b.unnamedByReason()) {
                row.add(UNNAMED_REASON, t);
            }
            for (String note : b.notes()) {
                row.add(NOTE, ServiceTotals.empty(note));
            }
            flush(p, pending);
        }
    }

    private void learnedNames() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO capture_learned_name (capture_id, seq, address, "
                + "name, source, first_seen_ns, last_seen_ns, capture) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int[] pending = {0};
            int seq = 0;
            for (LearnedName n : r.learnedNames()) {
                p.setLong(1, id);
                p.setInt(2, seq++);
                p.setBytes(3, n.address().toBytes());
                p.setString(4, n.name());
                p.setString(5, n.source().name());
                p.setLong(6, n.firstSeenNanos());
                p.setLong(7, n.lastSeenNanos());
                p.setString(8, n.capture());
                added(p, pending);
            }
            flush(p, pending);
        }
    }

    private void announcedDevices() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO capture_device (capture_id, seq, mac, addresses, "
                + "name, name_source) VALUES (?, ?, ?, ?, ?, ?)")) {
            int[] pending = {0};
            int seq = 0;
            for (Device d : r.announcedDevices()) {
                Object[] addresses = new Object[d.addresses().size()];
                for (int i = 0; i < addresses.length; i++) {
                    addresses[i] = d.addresses().get(i).toBytes();
                }
                p.setLong(1, id);
                p.setInt(2, seq++);
                p.setLong(3, d.mac());
                p.setArray(4, c.createArrayOf("VARBINARY", addresses));
                p.setString(5, d.name());
                p.setString(6, d.nameSource());
                added(p, pending);
            }
            flush(p, pending);
        }
    }

    private static long breakdownRows(TrafficBreakdown b) {
        return 2L + b.tiktokByCategory().size() + b.tiktokNameSources().size() + b.platformPush().size()
                + b.otherServices().size() + b.unnamedByReason().size() + b.notes().size();
    }

    @FunctionalInterface
    private interface Row {
        void add(String part, ServiceTotals totals) throws SQLException;
    }
}
