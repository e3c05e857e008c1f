package org.toktrace.attribute;

import org.toktrace.model.DeviceTotals;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;

/**
 * Which device asked a DNS question or opened a flow: its link-layer address when the capture has
 * one (a dual-stack phone asks over IPv4 and connects over IPv6 from one MAC), else its IP address.
 *
 * @param mac     the 48-bit link-layer address, or -1 when unknown
 * @param address the client address when {@code mac} is unknown, else null
 */
public record DeviceKey(long mac, IpAddress address) {

    public DeviceKey {
        if ((mac >= 0) == (address != null)) {
            throw new IllegalArgumentException("a device is a MAC or, without one, an address");
        }
    }

    /** The device of a client known by {@code mac} (or -1) and {@code client}. */
    public static DeviceKey of(long mac, IpAddress client) {
        return mac >= 0 ? new DeviceKey(mac, null) : new DeviceKey(-1, client);
    }

    public static DeviceKey of(FlowRecord flow) {
        return of(flow.clientMac(), flow.key().client());
    }

    public static DeviceKey of(DnsAnswer answer) {
        return of(answer.clientMac(), answer.client());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceKey k && mac == k.mac && java.util.Objects.equals(address, k.address);
    }

    @Override
    public int hashCode() {
        return address != null ? address.hashCode() : Long.hashCode(mac);
    }

    @Override
    public String toString() {
        if (address != null) {
            return address.toString();
        }
        return DeviceTotals.formatMac(mac);
    }
}
