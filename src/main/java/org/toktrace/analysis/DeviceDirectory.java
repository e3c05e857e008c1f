package org.toktrace.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.toktrace.dissect.DeviceNameListener;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;

/**
 * The names and addresses devices on the hotspot gave themselves (DHCP, mDNS), by MAC address,
 * bounded because the packets are not to be trusted: at most {@link #MAX_DEVICES} devices with at
 * most {@link #MAX_ADDRESSES} addresses each; past that, new ones are ignored. Written on the
 * packet thread, read by snapshots on another: synchronized (it sees a few packets a minute).
 */
final class DeviceDirectory implements DeviceNameListener {

    static final int MAX_DEVICES = 1024;
    static final int MAX_ADDRESSES = 16;

    private static final class Entry {
        String name = "";
        String source = "";
        final TreeSet<IpAddress> addresses = new TreeSet<>();
    }

    private final Map<Long, Entry> byMac = new LinkedHashMap<>();

    @Override
    public synchronized void deviceName(long mac, IpAddress address, String name, String source) {
        if (mac < 0) {
            return; // a name without a link-layer address cannot be tied to a device
        }
        Entry e = byMac.get(mac);
        if (e == null) {
            if (byMac.size() >= MAX_DEVICES) {
                return;
            }
            e = new Entry();
            byMac.put(mac, e);
        }
        if (address != null && e.addresses.size() < MAX_ADDRESSES) {
            e.addresses.add(address);
        }
        // the DHCP host name is the one the user set; mDNS only fills in when DHCP said nothing
        if (name != null && !name.isEmpty() && (e.name.isEmpty() || ("dhcp".equals(source) && !"dhcp".equals(e.source)))) {
            e.name = name;
            e.source = source;
        }
    }

    /**
     * The devices so far, in order of their first announcement, with the addresses and the name
     * their packets gave ({@link org.toktrace.model.AnalysisResult#announcedDevices()}).
     */
    synchronized List<Device> announced() {
        List<Device> out = new ArrayList<>(byMac.size());
        byMac.forEach((mac, e) -> out.add(new Device(mac, new ArrayList<>(e.addresses), e.name, e.source)));
        return out;
    }
}
