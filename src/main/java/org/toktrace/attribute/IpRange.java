package org.toktrace.attribute;

import java.util.Objects;
import org.toktrace.model.IpAddress;

/**
 * One network of an operator: an inclusive address range, the autonomous system that announces it,
 * and the service its flows are counted for.
 */
public record IpRange(IpAddress first, IpAddress last, long asn, String asName, String service) {

    public IpRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(asName, "asName");
        Objects.requireNonNull(service, "service");
        if (first.v6() != last.v6() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("not a range: " + first + " - " + last);
        }
    }

    public boolean contains(IpAddress a) {
        return a.v6() == first.v6() && first.compareTo(a) <= 0 && a.compareTo(last) <= 0;
    }

    /** The name evidence shows: {@code Bytedance Inc. (AS396986)}. */
    public String displayName() {
        return asName + " (AS" + asn + ")";
    }

    /** {@code 71.18.0.0 - 71.18.5.255}. */
    public String rangeText() {
        return first + " - " + last;
    }
}
