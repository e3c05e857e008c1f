package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * A network interface that live capture can open, as libpcap lists it, with TokTrace's guess of
 * whether it is the laptop's hotspot (the interface the phone's traffic crosses).
 *
 * @param name         the name to capture on ({@code wlan0}, {@code bridge100}, {@code \Device\NPF_{...}})
 * @param description  the system's description, or empty (Windows puts the friendly name here)
 * @param hotspotHint  why this looks like a hotspot interface, or empty when it does not
 */
public record CaptureInterface(String name, String description, List<InterfaceAddress> addresses, boolean loopback,
        boolean up, String hotspotHint) {

    public CaptureInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(hotspotHint, "hotspotHint");
    }

    public boolean likelyHotspot() {
        return !hotspotHint.isEmpty();
    }

    /**
     * Devices libpcap lists that carry no phone's IP traffic: Bluetooth and USB monitors, netfilter
     * queues and logs, D-Bus, CAN buses. Listed all the same (someone may want them), after the rest.
     */
    private static final java.util.regex.Pattern NOT_A_NETWORK = java.util.regex.Pattern.compile(
            "bluetooth.*|usbmon\\d*|nflog|nfqueue|dbus-.*|v?can\\d+", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Whether this is one of libpcap's devices that are no network interface (see {@link #NOT_A_NETWORK}). */
    public boolean notANetwork() {
        return !loopback && NOT_A_NETWORK.matcher(name).matches();
    }
}
