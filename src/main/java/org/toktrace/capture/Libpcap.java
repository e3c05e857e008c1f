package org.toktrace.capture;

import java.util.Locale;
import org.pcap4j.core.Pcaps;

/**
 * Whether libpcap (Npcap on Windows) can be loaded, probed once, and what to tell the user on each
 * operating system when it cannot, or when the user may not capture.
 */
final class Libpcap {

    private Libpcap() {
    }

    /**
     * Probed once: when the native library is missing the first pcap4j call throws
     * UnsatisfiedLinkError and every later one NoClassDefFoundError, which would no longer say what
     * is wrong.
     */
    private static final class Probe {
        static final String PROBLEM = probe();

        private static String probe() {
            try {
                Pcaps.libVersion();
                return null;
            } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
                return t.toString();
            }
        }
    }

    /** Why libpcap cannot be used, or null when it can. */
    static String problem() {
        return Probe.PROBLEM;
    }

    static boolean available() {
        return Probe.PROBLEM == null;
    }

    enum Os { LINUX, MACOS, WINDOWS, OTHER }

    static Os os() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return Os.LINUX;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return Os.MACOS;
        }
        if (name.startsWith("windows")) {
            return Os.WINDOWS;
        }
        return Os.OTHER;
    }

    /** What to install so that libpcap loads. */
    static String installHint(Os os) {
        return switch (os) {
            case LINUX -> "libpcap is not installed (Debian/Ubuntu: apt-get install libpcap0.8; Fedora: dnf install libpcap)";
            case MACOS -> "libpcap could not be loaded (it comes with macOS: check that /usr/lib/libpcap.dylib is there)";
            case WINDOWS -> "Npcap is not installed: install it from https://npcap.com (tick \"WinPcap API-compatible mode\")";
            case OTHER -> "libpcap is not installed or could not be loaded";
        };
    }

    /** What to do to be allowed to capture on {@code iface}. */
    static String permissionHint(Os os, String iface) {
        String head = "no permission to capture on " + iface + ": ";
        return head + switch (os) {
            case LINUX -> "run as root (sudo), or give a copy of the Java runtime the capture capabilities"
                    + " (cp -r \"$JAVA_HOME\" ~/toktrace-jre && sudo setcap cap_net_raw,cap_net_admin=eip"
                    + " ~/toktrace-jre/bin/java) and run TokTrace with that java";
            case MACOS -> "you need read access to /dev/bpf* (install Wireshark's ChmodBPF package,"
                    + " or run with sudo)";
            case WINDOWS -> "Npcap restricts capture to administrators: run as administrator, or reinstall Npcap"
                    + " without \"Restrict Npcap driver's access to Administrators only\"";
            case OTHER -> "run as a user who may capture packets (e.g. root)";
        };
    }

    /** Whether a libpcap error text says that the user may not capture. */
    static boolean isPermissionError(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("permission") || m.contains("not permitted") || m.contains("access is denied")
                || m.contains("administrator");
    }
}
