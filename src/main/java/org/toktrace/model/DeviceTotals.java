package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * What one device did in a capture, over all its flows. A device is every client address seen
 * behind one link-layer address (a dual-stack phone with IPv4, global and link-local IPv6 is one
 * device), or a single client address where the link type carries no link-layer address.
 *
 * @param id         which device: its link-layer address, or its only client address without one
 * @param addresses  its client addresses, in ascending order
 */
public record DeviceTotals(Device.Id id, List<IpAddress> addresses, long flows, long packetsUp, long packetsDown,
        long bytesUp, long bytesDown) {

    public DeviceTotals {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(addresses, "addresses");
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a device has at least one address");
        }
        addresses = List.copyOf(addresses);
    }

    public long bytes() {
        return bytesUp + bytesDown;
    }

    /** The device's 48-bit link-layer address, or -1 when unknown. */
    public long mac() {
        return id.mac();
    }

    /** The MAC address as text ({@code 02:00:5e:10:00:01}), or empty when unknown. */
    public String macText() {
        return id.mac() < 0 ? "" : formatMac(id.mac());
    }

    /** How to name the device to a person: its {@link Device.Id#label()}. */
    public String label() {
        return id().label();
    }

    /** {@code 0a:ff:90:15:02:80}: the low 48 bits of {@code mac}, lower-case hex, colon-separated. */
    public static String formatMac(long mac) {
        char[] text = new char[17];
        for (int i = 0, shift = 40; shift >= 0; shift -= 8, i += 3) {
            int b = (int) (mac >>> shift) & 0xFF;
            text[i] = HEX[b >>> 4];
            text[i + 1] = HEX[b & 0xF];
            if (shift > 0) {
                text[i + 2] = ':';
            }
        }
        return new String(text);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
