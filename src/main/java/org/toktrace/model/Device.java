package org.toktrace.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device on the hotspot as every layer passes it: who it is ({@link Id}: its MAC, or its address
 * without one), the addresses it used, and the name it gave itself, when it did (DHCP host name,
 * mDNS), made printable whatever its source ({@link PrintableText}).
 *
 * <p>Between layers a device is its {@link Id}; its label is text only where text is written (CSV,
 * JSON, HTML cells, view labels) and in the store's tables. Wherever a layer means one device or
 * every device together (a view's device, the totals of a report, a mark about no one device), the
 * {@code Id} is null for every device: {@link #includes} and {@link #labelOf} read it that way.
 *
 * @param id          which device it is
 * @param addresses   its addresses, ascending (may be empty for a device seen only in DHCP)
 * @param name        e.g. {@code Pixel-7}, or empty when no packet named it. The name comes from a
 *                    packet (or from a library a packet filled), so it is never trusted: the
 *                    constructor passes it through {@link PrintableText} (control characters, line
 *                    breaks and right-to-left overrides escaped), at most {@link #MAX_NAME} characters
 * @param nameSource  {@code dhcp} or {@code mdns}, or empty with an empty name; escaped the same way
 */
public record Device(Id id, List<IpAddress> addresses, String name, String nameSource) {

    /** How the pickers, the summary and the marks call every device together (a null {@link Id}). */
    public static final String ALL = "all devices";

    /** Characters of a name kept, escapes included; the same as the parser keeps of a packet's. */
    public static final int MAX_NAME = 63;
    private static final int MAX_SOURCE = 16;
    /** A MAC address as {@link DeviceTotals#formatMac} writes it. */
    private static final Pattern MAC_TEXT = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    /**
     * Which device asked a DNS question or opened a flow: its link-layer address when the capture has
     * one (a dual-stack phone asks over IPv4 and connects over IPv6 from one MAC), else its IP address.
     *
     * @param mac     the 48-bit link-layer address, or -1 when unknown
     * @param address the client address when {@code mac} is unknown, else null
     */
    public record Id(long mac, IpAddress address) {

        public Id {
            if ((mac >= 0) == (address != null)) {
                throw new IllegalArgumentException("a device is a MAC or, without one, an address");
            }
        }

        /** The device of a client known by {@code mac} (or -1) and {@code client}. */
        public static Id of(long mac, IpAddress client) {
            return mac >= 0 ? new Id(mac, null) : new Id(-1, client);
        }

        public static Id of(FlowRecord flow) {
            return of(flow.clientMac(), flow.key().client());
        }

        public static Id of(DnsAnswer answer) {
            return of(answer.clientMac(), answer.client());
        }

        /**
         * The key every output and view uses for the device: its MAC address as text
         * ({@code 0a:33:ef:6f:f8:6c}), or its address without one.
         */
        public String label() {
            return address != null ? address.toString() : DeviceTotals.formatMac(mac);
        }

        /**
         * The device a {@link #label()} names: a MAC address as text, or an IPv4 or IPv6 address.
         *
         * @throws IllegalArgumentException when {@code label} is neither
         */
        public static Id parse(String label) {
            if (MAC_TEXT.matcher(label).matches()) {
                return new Id(Long.parseLong(label.replace(":", ""), 16), null);
            }
            try {
                return new Id(-1, IpAddress.parse(label));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a device: " + label, e);
            }
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** Whether {@code device} is among those {@code only} stands for: itself, or every device for null. */
    public static boolean includes(Id only, Id device) {
        return only == null || only.equals(device);
    }

    /** The text of {@code only}: its {@link Id#label()}, or {@link #ALL} for null (every device). */
    public static String labelOf(Id only) {
        return only == null ? ALL : only.label();
    }

    public Device {
        Objects.requireNonNull(id, "id");
        addresses = List.copyOf(addresses);
        name = PrintableText.of(Objects.requireNonNull(name, "name"), MAX_NAME);
        nameSource = PrintableText.of(Objects.requireNonNull(nameSource, "nameSource"), MAX_SOURCE);
    }

    /**
     * A device known by {@code mac}, or without one (-1) by the first of {@code addresses}.
     *
     * @throws IllegalArgumentException with neither a MAC nor an address
     */
    public Device(long mac, List<IpAddress> addresses, String name, String nameSource) {
        this(Id.of(mac, mac >= 0 || addresses.isEmpty() ? null : addresses.get(0)), addresses, name, nameSource);
    }

    /** The 48-bit MAC address, or -1 when the link type carries none. */
    public long mac() {
        return id.mac();
    }

    /** The MAC address as text, or empty when unknown. */
    public String macText() {
        return id.mac() < 0 ? "" : DeviceTotals.formatMac(id.mac());
    }

    /** The key states and totals use for this device ({@link Id#label()}, {@link DeviceTotals#label()}). */
    public String label() {
        return id.label();
    }

    /**
     * How to name the device to a person: {@code Pixel-7 · 0a:33:ef:6f:f8:6c} when it gave itself a
     * name, else its {@link #label()}. The label stays in so two phones both called "iPhone" differ.
     */
    public String title() {
        return name.isEmpty() ? label() : name + " \u00b7 " + label();
    }

    /**
     * The names of those of {@code devices} that gave themselves one, by {@link #id()}: the
     * {@code device_name} of flows.csv and timeline.csv beside their {@code device} key.
     */
    public static Map<Id, String> namesById(List<Device> devices) {
        Map<Id, String> out = new LinkedHashMap<>();
        for (Device d : devices) {
            if (!d.name().isEmpty()) {
                out.putIfAbsent(d.id(), d.name());
            }
        }
        return out;
    }

    /** {@code devices} by {@link #id()}, in their order; the first of two with one id wins. */
    public static Map<Id, Device> byId(List<Device> devices) {
        Map<Id, Device> out = new LinkedHashMap<>();
        for (Device d : devices) {
            out.putIfAbsent(d.id(), d);
        }
        return out;
    }
}
