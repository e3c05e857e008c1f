package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * A client on the hotspot: its link-layer address, the addresses it used, and the name it gave
 * itself, when it did (DHCP host name, mDNS), already made printable.
 *
 * @param mac         48-bit MAC address, or -1 when the link type carries none
 * @param addresses   its addresses, ascending (may be empty for a device seen only in DHCP)
 * @param name        e.g. {@code Pixel-7}, or empty when no packet named it
 * @param nameSource  {@code dhcp} or {@code mdns}, or empty with an empty name
 */
public record HotspotDevice(long mac, List<IpAddress> addresses, String name, String nameSource) {

    public HotspotDevice {
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSource, "nameSource");
    }

    /** The MAC address as text, or empty when unknown. */
    public String macText() {
        return mac < 0 ? "" : DeviceTotals.formatMac(mac);
    }

    /** The key states and totals use for this device ({@link DeviceTotals#label()}). */
    public String label() {
        return mac >= 0 || addresses.isEmpty() ? macText() : addresses.get(0).toString();
    }
}
