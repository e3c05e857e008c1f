package org.toktrace.dissect;

import org.toktrace.model.IpAddress;

/** Receives the names devices on the link give themselves, as {@link DeviceNameParser} finds them. */
@FunctionalInterface
public interface DeviceNameListener {

    /**
     * @param mac      the device's 48-bit link-layer address, or -1 when unknown
     * @param address  an address the device holds or asked for, or null
     * @param name     its name, printable and at most {@link DeviceNameParser#MAX_NAME} characters of
     *                 the original, or null when the packet only tells the address
     * @param source   {@code dhcp} or {@code mdns}
     */
    void deviceName(long mac, IpAddress address, String name, String source);
}
