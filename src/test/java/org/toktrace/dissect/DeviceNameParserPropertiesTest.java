package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Any bytes on the DHCP and mDNS ports: never an exception, and every name printable, trimmed and capped. */
class DeviceNameParserPropertiesTest {

    @Property(tries = 500)
    void anyBytesOnTheNamePortsNeverThrow(@ForAll @Size(max = 600) byte[] payload, @ForAll boolean mdns) {
        List<DeviceNameParserTest.Found> found = mdns ? DeviceNameParserTest.parse("10.42.0.23", "224.0.0.251", 5353, 5353, payload)
                : DeviceNameParserTest.parse("0.0.0.0", "255.255.255.255", 68, 67, payload);
        for (DeviceNameParserTest.Found f : found) {
            assertTrue(f.name() == null || (f.name().length() <= DeviceNameParser.MAX_NAME
                    && f.name().chars().allMatch(c -> c >= 0x20 && c < 0x7F)
                    && !f.name().startsWith(" ") && !f.name().endsWith(" ")), f.toString());
        }
    }
}
