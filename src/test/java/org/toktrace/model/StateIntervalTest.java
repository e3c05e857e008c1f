package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StateIntervalTest {

    @Test
    void validates() {
        assertEquals(5, new StateInterval(AppState.BACKGROUND, 10, 15, 0.5, "why").durationNanos());
        assertThrows(IllegalArgumentException.class, () -> new StateInterval(AppState.FOREGROUND, 10, 9, 0.5, "why"));
        assertThrows(IllegalArgumentException.class, () -> new StateInterval(AppState.FOREGROUND, 0, 1, 1.1, "why"));
        assertThrows(IllegalArgumentException.class,
                () -> new StateInterval(AppState.FOREGROUND, 0, 1, Double.NaN, "why"));
        assertThrows(IllegalArgumentException.class, () -> new StateInterval(AppState.FOREGROUND, 0, 1, 0.5, " "));
        assertThrows(NullPointerException.class, () -> new StateInterval(null, 0, 1, 0.5, "why"));
    }

    @Test
    void labels() {
        assertEquals("foreground", AppState.FOREGROUND.label());
        assertEquals("background", AppState.BACKGROUND.label());
    }
}
