package org.toktrace.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Objects;

/**
 * The immutable outcome of analysing a capture: its flows in order of first appearance, the packet
 * counters, and the warnings (a damaged file still yields the flows read before the damage).
 *
 * @param learnedNames    what this capture taught about server names (address to name), for the
 *                        name memory of later analyses
 * @param catalogVersion  the version of the service catalog the flows were attributed with
 * @param breakdown       whose the traffic is: TikTok by category, platform push, other services, unnamed
 * @param states          TikTok's foreground/background states per device (only devices with
 *                        TikTok traffic), the most TikTok bytes first
 * @param announcedDevices the devices as DHCP and mDNS announced them, in order of first
 *                        announcement: MAC, the addresses those packets gave, the name it gave
 *                        itself; {@link #hotspotDevices()} joins them to the flows' devices
 */
public record AnalysisResult(
        CaptureInfo capture,
        List<FlowRecord> flows,
        PacketCounters counters,
        List<CaptureWarning> warnings,
        boolean complete,
        List<LearnedName> learnedNames,
        String catalogVersion,
        TrafficBreakdown breakdown,
        List<DeviceStates> states,
        List<Device> announcedDevices) {

    public AnalysisResult {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(counters, "counters");
        // flows kept on disk stay there: a copy would bring every one of them into the heap
        flows = flows instanceof FixedFlowList ? flows : List.copyOf(flows);
        warnings = List.copyOf(warnings);
        learnedNames = List.copyOf(learnedNames);
        Objects.requireNonNull(catalogVersion, "catalogVersion");
        Objects.requireNonNull(breakdown, "breakdown");
        states = List.copyOf(states);
        announcedDevices = List.copyOf(announcedDevices);
    }

    /** An analysis in which no device announced itself (no DHCP or mDNS names seen, or not looked for). */
    public AnalysisResult(CaptureInfo capture, List<FlowRecord> flows, PacketCounters counters,
            List<CaptureWarning> warnings, boolean complete, List<LearnedName> learnedNames, String catalogVersion,
            TrafficBreakdown breakdown, List<DeviceStates> states) {
        this(capture, flows, counters, warnings, complete, learnedNames, catalogVersion, breakdown, states, List.of());
    }

    /** The states summed over all devices (a null device); times are device time, summed too. */
    public DeviceStates totalStates() {
        return DeviceStates.total(states);
    }

    /**
     * Per device (see {@link DeviceTotals}): flows, packets and bytes; the busiest device first.
     */
    public List<DeviceTotals> devices() {
        Map<Device.Id, long[]> sums = new LinkedHashMap<>();
        Map<Device.Id, TreeSet<IpAddress>> addresses = new LinkedHashMap<>();
        for (FlowRecord f : flows) {
            Device.Id device = Device.Id.of(f);
            long[] s = sums.computeIfAbsent(device, d -> new long[5]);
            s[0]++;
            s[1] += f.packetsUp();
            s[2] += f.packetsDown();
            s[3] += f.bytesUp();
            s[4] += f.bytesDown();
            addresses.computeIfAbsent(device, d -> new TreeSet<>()).add(f.device());
        }
        List<DeviceTotals> devices = new ArrayList<>();
        sums.forEach((d, s) -> devices.add(new DeviceTotals(d, new ArrayList<>(addresses.get(d)), s[0], s[1], s[2],
                s[3], s[4])));
        devices.sort(Comparator.comparingLong(DeviceTotals::bytes).reversed()
                .thenComparing(d -> d.addresses().get(0)));
        return devices;
    }

    /**
     * The devices on the hotspot with the names they gave themselves: every device of
     * {@link #devices()}, in its order (the busiest first), with the name and addresses its DHCP or
     * mDNS packets gave; then the devices that only announced themselves, without a flow.
     */
    public List<Device> hotspotDevices() {
        Map<Long, Device> announced = new LinkedHashMap<>();
        for (Device a : announcedDevices) {
            if (a.mac() >= 0) {
                announced.putIfAbsent(a.mac(), a);
            }
        }
        List<Device> out = new ArrayList<>();
        for (DeviceTotals d : devices()) {
            Device a = d.mac() >= 0 ? announced.remove(d.mac()) : null;
            if (a == null) {
                out.add(new Device(d.mac(), d.addresses(), "", ""));
            } else {
                TreeSet<IpAddress> all = new TreeSet<>(d.addresses());
                all.addAll(a.addresses());
                out.add(new Device(d.mac(), new ArrayList<>(all), a.name(), a.nameSource()));
            }
        }
        out.addAll(announced.values());
        return out;
    }

    /** Number of flows per transport name (TCP, UDP, ICMP, ...), most flows first. */
    public Map<String, Long> flowsByTransport() {
        Map<String, Long> counts = new TreeMap<>();
        for (FlowRecord f : flows) {
            counts.merge(f.key().transportName(), 1L, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
