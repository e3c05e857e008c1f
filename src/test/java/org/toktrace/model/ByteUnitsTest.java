package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteUnitsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0 B",
        "999, 999 B",
        "1000, 1.00 kB",
        "1234, 1.23 kB",
        "412000, 412 kB",
        "999949, 1.00 MB",
        "14300000, 14.3 MB",
        "1500000000, 1.50 GB",
    })
    void usesDecimalUnits(long bytes, String expected) {
        assertEquals(expected, ByteUnits.format(bytes));
    }
}
