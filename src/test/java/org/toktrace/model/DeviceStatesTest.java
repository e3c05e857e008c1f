package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceStatesTest {
    private final DeviceStates d = new DeviceStates(Device.Id.of(1, null), List.of(
            new StateInterval(AppState.BACKGROUND, 10, 20, 0.9, "quiet"),
            new StateInterval(AppState.FOREGROUND, 20, 50, 0.7, "videos"),
            new StateInterval(AppState.BACKGROUND, 50, 60, 0.8, "quiet")), 900, 100, 30, 20);

    @Test
    void stateAtFindsTheIntervalHoldingAnInstant() {
        assertNull(d.stateAt(9));
        assertEquals(AppState.BACKGROUND, d.stateAt(10));
        assertEquals(AppState.BACKGROUND, d.stateAt(19));
        assertEquals(AppState.FOREGROUND, d.stateAt(20));
        assertEquals(AppState.FOREGROUND, d.stateAt(49));
        assertEquals(AppState.BACKGROUND, d.stateAt(50));
        assertNull(d.stateAt(60));
    }

    @Test
    void totalsAddUpOverDevices() {
        DeviceStates all = DeviceStates.total(List.of(d, d));
        assertEquals(1800, all.foregroundBytes());
        assertEquals(200, all.backgroundBytes());
        assertEquals(60, all.foregroundNanos());
        assertEquals(40, all.backgroundNanos());
        assertEquals(0.9, all.foregroundShare(), 1e-9);
    }
}
