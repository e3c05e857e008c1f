package org.toktrace.capture;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.toktrace.model.InterfaceAddress;
import org.toktrace.model.IpAddress;

/**
 * Guesses whether an interface is the laptop's hotspot: the one its phones' traffic crosses. A
 * hotspot shares a private IPv4 subnet in which the laptop is the gateway; the operating systems
 * use well-known subnets and interface names for it.
 */
final class HotspotHints {

    private static final Pattern LINUX_WIFI = Pattern.compile("(wlan|wlp|wlx|ap)\\d.*");
    private static final Pattern WINDOWS_HOSTED = Pattern.compile("Local Area Connection\\* ?\\d+.*");

    private HotspotHints() {
    }

    /** Why {@code name} looks like a hotspot interface, or empty when it does not. */
    static String of(String name, String description, List<InterfaceAddress> addresses, boolean loopback) {
        if (loopback) {
            return "";
        }
        InterfaceAddress v4 = null;
        for (InterfaceAddress a : addresses) {
            if (!a.address().v6() && isPrivate(a.address())) {
                v4 = a;
                break;
            }
        }
        if (v4 == null) {
            return "";
        }
        long ip = v4.address().lo();
        if (inSubnet(ip, 10, 42, 0, 24)) {
            return "NetworkManager's hotspot subnet 10.42.0.0/24";
        }
        if (inSubnet(ip, 192, 168, 137, 24)) {
            return "Windows' mobile hotspot subnet 192.168.137.0/24";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("bridge1")) {
            return "macOS Internet Sharing bridge with a private subnet";
        }
        if (WINDOWS_HOSTED.matcher(description).matches() || WINDOWS_HOSTED.matcher(name).matches()) {
            return "Windows hosted network adapter with a private subnet";
        }
        boolean gateway = v4.prefixLength() > 0 && v4.prefixLength() < 31 && (ip & hostMask(v4.prefixLength())) == 1;
        if (LINUX_WIFI.matcher(lower).matches() && gateway) {
            return "Wi-Fi interface that is the gateway (.1) of a private subnet";
        }
        return "";
    }

    static boolean isPrivate(IpAddress a) {
        long ip = a.lo();
        return inSubnet(ip, 10, 0, 0, 8) || inSubnet(ip, 172, 16, 0, 12) || inSubnet(ip, 192, 168, 0, 16);
    }

    private static boolean inSubnet(long ip, int a, int b, int c, int prefix) {
        long net = ((long) a << 24) | (b << 16) | (c << 8);
        long mask = 0xFFFF_FFFFL & ~hostMask(prefix);
        return (ip & mask) == net;
    }

    private static long hostMask(int prefix) {
        return (1L << (32 - prefix)) - 1;
    }
}
