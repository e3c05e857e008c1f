package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** MAC addresses on any 48 bits, against the JDK's hex format; the examples are in {@link DeviceTotalsTest}. */
class DeviceTotalsPropertiesTest {

    @Property
    void formatsTheLow48BitsLikeTheJdksHexFormat(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFF_FFFFL) long mac) {
        String expected = HexFormat.ofDelimiter(":").formatHex(
                java.nio.ByteBuffer.allocate(8).putLong(mac).array(), 2, 8);
        assertEquals(expected, DeviceTotals.formatMac(mac));
    }
}
