package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any device name, from packets or a library, becomes printable within the cap; the examples are in {@link DeviceTest}. */
class DevicePropertiesTest {

    @Property(tries = 300)
    void anyNameBecomesPrintableWithinTheCapAndStaysSoWhenMadeAgain(@ForAll String raw) {
        String name = DeviceTest.named(raw).name();
        assertTrue(name.length() <= Device.MAX_NAME, name);
        assertTrue(name.chars().noneMatch(c -> Character.getType(c) == Character.CONTROL || c == '\u202E'), name);
        assertEquals(name, DeviceTest.named(name).name(), "idempotent: a stored name reads back as it was");
    }
}
