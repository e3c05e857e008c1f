package org.toktrace.testkit.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.toktrace.testkit.traffic.GroundTruth.Activity;
import org.toktrace.testkit.traffic.GroundTruth.Purpose;
import org.toktrace.model.DeviceTotals;

/**
 * What the generator did, noted as it plans: every connection a phone opens with its purpose, and
 * every change of what the app is doing. Draws no random numbers, so noting changes no capture byte.
 */
final class TruthLog {

    private record Change(long at, Activity activity) {
    }

    private final List<GroundTruth.Flow> flows = new ArrayList<>();
    private final Map<Phone, List<Change>> changes = new LinkedHashMap<>();

    void connection(Hotspot h, Phone phone, String transport, Addr client, int clientPort, Addr server, int serverPort,
            String serverName, Purpose purpose, long start) {
        ServerDirectory.Server s = h.directory.get(serverName);
        flows.add(new GroundTruth.Flow(device(phone), transport, GroundTruth.toIp(client), clientPort,
                GroundTruth.toIp(server), serverPort, serverName, purpose, start, s.tiktok(),
                s.tiktok() ? GroundTruth.category(s.role()) : null));
    }

    /** From {@code at} on, the app on {@code phone} does {@code activity}. */
    void activity(Phone phone, Activity activity, long at) {
        List<Change> l = changes.computeIfAbsent(phone, p -> new ArrayList<>());
        if (!l.isEmpty() && l.get(l.size() - 1).activity() == activity) {
            return;
        }
        l.add(new Change(at, activity));
    }

    /** The truth of a capture whose frames span {@code [firstNanos, endNanos)}. */
    GroundTruth build(ServerDirectory directory, long firstNanos, long endNanos) {
        List<GroundTruth.Period> periods = new ArrayList<>();
        changes.forEach((phone, l) -> {
            for (int i = 0; i < l.size(); i++) {
                long start = Math.max(l.get(i).at(), firstNanos);
                long end = Math.min(i + 1 < l.size() ? l.get(i + 1).at() : endNanos, endNanos);
                if (end > start) {
                    periods.add(new GroundTruth.Period(device(phone), l.get(i).activity(), start, end));
                }
            }
        });
        return new GroundTruth(directory, flows, periods);
    }

    static String device(Phone phone) {
        return DeviceTotals.formatMac(phone.mac);
    }
}
