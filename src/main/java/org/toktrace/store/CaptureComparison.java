package org.toktrace.store;

import java.util.Objects;

/** Two stored captures side by side (e.g. before and after an app update): their totals, rates and cadence. */
public record CaptureComparison(CaptureFigures a, CaptureFigures b) {

    public CaptureComparison {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }
}
