package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeviceTotalsTest {

    @Test
    void macAddressesAreLowerCaseHexPairsSeparatedByColons() {
        assertEquals("00:00:00:00:00:00", DeviceTotals.formatMac(0));
        assertEquals("0a:ff:90:15:02:80", DeviceTotals.formatMac(0x0AFF90150280L));
        assertEquals("ff:ff:ff:ff:ff:ff", DeviceTotals.formatMac(0xFFFF_FFFF_FFFFL));
    }
}
