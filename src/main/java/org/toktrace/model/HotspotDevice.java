package org.toktrace.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client on the hotspot: its link-layer address, the addresses it used, and the name it gave
 * itself, when it did (DHCP host name, mDNS), made printable whatever its source ({@link PrintableText}).
 *
 * @param mac         48-bit MAC address, or -1 when the link type carries none
 * @param addresses   its addresses, ascending (may be empty for a device seen only in DHCP)
 * @param name        e.g. {@code Pixel-7}, or empty when no packet named it. The name comes from a
 *                    packet (or from a library a packet filled), so it is never trusted: the
 *                    constructor passes it through {@link PrintableText} (control characters, line
 *                    breaks and right-to-left overrides escaped), at most {@link #MAX_NAME} characters
 * @param nameSource  {@code dhcp} or {@code mdns}, or empty with an empty name; escaped the same way
 */
public record HotspotDevice(long mac, List<IpAddress> addresses, String name, String nameSource) {

    /** Characters of a name kept, escapes included; the same as the parser keeps of a packet's. */
    public static final int MAX_NAME = 63;
    private static final int MAX_SOURCE = 16;

    public HotspotDevice {
        addresses = List.copyOf(addresses);
        name = PrintableText.of(Objects.requireNonNull(name, "name"), MAX_NAME);
        nameSource = PrintableText.of(Objects.requireNonNull(nameSource, "nameSource"), MAX_SOURCE);
    }

    /** The MAC address as text, or empty when unknown. */
    public String macText() {
        return mac < 0 ? "" : DeviceTotals.formatMac(mac);
    }

    /** The key states and totals use for this device ({@link DeviceTotals#label()}). */
    public String label() {
        return mac >= 0 || addresses.isEmpty() ? macText() : addresses.get(0).toString();
    }

    /**
     * How to name the device to a person: {@code Pixel-7 · 0a:33:ef:6f:f8:6c} when it gave itself a
     * name, else its {@link #label()}. The label stays in so two phones both called "iPhone" differ.
     */
    public String title() {
        if (name.isEmpty()) {
            return label();
        }
        return label().isEmpty() ? name : name + " \u00b7 " + label();
    }

    /**
     * The names of those of {@code devices} that gave themselves one, by {@link #label()}: the
     * {@code device_name} of flows.csv and timeline.csv beside their {@code device} key.
     */
    public static Map<String, String> namesByLabel(List<HotspotDevice> devices) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HotspotDevice d : devices) {
            if (!d.name().isEmpty() && !d.label().isEmpty()) {
                out.putIfAbsent(d.label(), d.name());
            }
        }
        return out;
    }

    /** {@code devices} by {@link #label()}, in their order; the first of two with one label wins. */
    public static Map<String, HotspotDevice> byLabel(List<HotspotDevice> devices) {
        Map<String, HotspotDevice> out = new LinkedHashMap<>();
        for (HotspotDevice d : devices) {
            out.putIfAbsent(d.label(), d);
        }
        return out;
    }
}
