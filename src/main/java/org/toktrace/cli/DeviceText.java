package org.toktrace.cli;

import java.util.List;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.model.PrintableText;

/**
 * How the commands print a device on the hotspot: its addresses, and the name it gave itself in
 * quotes with where it came from ({@code "Pixel-7" (dhcp)}). The name comes from a packet: it is
 * printable already ({@link Device}), and a quote inside it is escaped too, so the quotes
 * always show where a name ends.
 */
final class DeviceText {
    private DeviceText() {
    }

    /** {@code "Pixel-7" (dhcp)}, or empty when the device gave no name. */
    static String name(Device d) {
        if (d == null || d.name().isEmpty()) {
            return "";
        }
        return "\"" + PrintableText.of(d.name()).replace("\"", "\\x22") + "\" (" + PrintableText.of(d.nameSource()) + ")";
    }

    /** At most {@code max} addresses, comma-separated, then how many more. */
    static String addresses(List<IpAddress> addresses, int max) {
        List<String> shown = addresses.stream().limit(max).map(Object::toString).toList();
        int more = addresses.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
    }
}
