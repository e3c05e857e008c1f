package org.toktrace.store;

import java.util.Objects;
import org.toktrace.model.Device;

/**
 * A moment a person marked during a live capture ("opened TikTok", "locked the phone"), kept with the
 * capture so the chart can show it beside the classifier's states. Re-analysing the capture keeps it.
 *
 * @param atNanos when (epoch ns)
 * @param device  the device it is about, or null for every device
 * @param label   what happened, in the person's words (at most {@value #MAX_LABEL} characters)
 */
public record UserMark(long atNanos, Device.Id device, String label) {

    /** The longest label kept. */
    public static final int MAX_LABEL = 1000;

    public UserMark {
        Objects.requireNonNull(label, "label");
        if (label.isBlank() || label.length() > MAX_LABEL) {
            throw new IllegalArgumentException("a mark has a label of 1 to " + MAX_LABEL + " characters");
        }
    }
}
