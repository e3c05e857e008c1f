package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DeviceTotalsTest {

    @Test
    void macAddressesAreLowerCaseHexPairsSeparatedByColons() {
        assertEquals("00:00:00:00:00:00", DeviceTotals.formatMac(0));
        assertEquals("0a:ff:90:15:02:80", DeviceTotals.formatMac(0x0AFF90150280L));
        assertEquals("ff:ff:ff:ff:ff:ff", DeviceTotals.formatMac(0xFFFF_FFFF_FFFFL));
    }

    @Property
    void formatsTheLow48BitsLikeTheJdksHexFormat(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFF_FFFFL) long mac) {
        String expected = HexFormat.ofDelimiter(":").formatHex(
                java.nio.ByteBuffer.allocate(8).putLong(mac).array(), 2, 8);
        assertEquals(expected, DeviceTotals.formatMac(mac));
    }
}
