package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;

/** Device names and addresses gathered per MAC, DHCP before mDNS, and the table's bounds. */
class DeviceDirectoryTest {

    private static final long MAC = 0x0a33_ef6f_f86cL;
    private static final IpAddress V4 = IpAddress.parse("10.42.0.23");

    @Test
    void theDhcpHostNameWinsAndAddressesMerge() {
        DeviceDirectory d = new DeviceDirectory();
        d.deviceName(MAC, IpAddress.parse("fe80::1"), "pixel-7", "mdns");
        d.deviceName(MAC, V4, "Pixel-7", "dhcp");
        d.deviceName(MAC, null, "other", "mdns");
        d.deviceName(-1, V4, "no-mac", "mdns");
        d.deviceName(0x0200_0000_0002L, IpAddress.parse("10.42.0.99"), null, "dhcp");
        List<Device> devices = d.announced();
        assertEquals(List.of(
                new Device(MAC, List.of(V4, IpAddress.parse("fe80::1")), "Pixel-7", "dhcp"),
                new Device(0x0200_0000_0002L, List.of(IpAddress.parse("10.42.0.99")), "", "")), devices,
                "in order of first announcement; a name without a MAC names nobody");
        assertEquals("0a:33:ef:6f:f8:6c", devices.get(0).label());
    }

    @Test
    void theTableIsBounded() {
        DeviceDirectory d = new DeviceDirectory();
        for (int i = 0; i < DeviceDirectory.MAX_DEVICES + 100; i++) {
            d.deviceName(i, IpAddress.ofV4(i), "n" + i, "mdns");
        }
        for (int i = 0; i < 100; i++) {
            d.deviceName(7, IpAddress.ofV4(0x0A00_0000 + i), null, "mdns");
        }
        List<Device> devices = d.announced();
        assertEquals(DeviceDirectory.MAX_DEVICES, devices.size());
        assertEquals(DeviceDirectory.MAX_ADDRESSES, devices.get(7).addresses().size());
    }
}
