package org.toktrace.capture;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.toktrace.model.CaptureInterface;
import org.toktrace.model.InterfaceAddress;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LiveCaptureUnavailableException;

/** The interfaces libpcap can capture on, with their addresses and a hotspot hint. */
public final class CaptureInterfaces {

    private CaptureInterfaces() {
    }

    /**
     * Lists the interfaces, likely hotspots first, then in the system's order.
     *
     * @throws LiveCaptureUnavailableException when libpcap cannot be loaded or cannot list the interfaces
     */
    public static List<CaptureInterface> list() throws LiveCaptureUnavailableException {
        requireLibpcap();
        List<PcapNetworkInterface> devices;
        try {
            devices = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw new LiveCaptureUnavailableException(Libpcap.isPermissionError(e.getMessage())
                    ? LiveCaptureUnavailableException.Reason.NO_PERMISSION : LiveCaptureUnavailableException.Reason.FAILED,
                    "cannot list the network interfaces: " + e.getMessage(), e);
        }
        List<CaptureInterface> hotspots = new ArrayList<>();
        List<CaptureInterface> others = new ArrayList<>();
        for (PcapNetworkInterface d : devices) {
            CaptureInterface i = describe(d);
            (i.likelyHotspot() ? hotspots : others).add(i);
        }
        hotspots.addAll(others);
        return hotspots;
    }

    static void requireLibpcap() throws LiveCaptureUnavailableException {
        if (!Libpcap.available()) {
            throw new LiveCaptureUnavailableException(LiveCaptureUnavailableException.Reason.NO_LIBPCAP,
                    "live capture is not available: " + Libpcap.installHint(Libpcap.os())
                            + "; reading capture files still works", null);
        }
    }

    private static CaptureInterface describe(PcapNetworkInterface d) {
        List<InterfaceAddress> addresses = new ArrayList<>();
        for (PcapAddress a : d.getAddresses()) {
            IpAddress ip = toIp(a.getAddress());
            if (ip != null) {
                addresses.add(new InterfaceAddress(ip, prefixLength(a.getNetmask(), ip.v6())));
            }
        }
        String name = d.getName() == null ? "" : d.getName();
        String description = d.getDescription() == null ? "" : d.getDescription();
        return new CaptureInterface(name, description, addresses, d.isLoopBack(), d.isUp(),
                HotspotHints.of(name, description, addresses, d.isLoopBack()));
    }

    static IpAddress toIp(InetAddress a) {
        if (a == null) {
            return null;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address && b.length == 4) {
            return IpAddress.ofV4(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
        }
        if (b.length == 16) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xFF);
                lo = (lo << 8) | (b[8 + i] & 0xFF);
            }
            return IpAddress.ofV6(hi, lo);
        }
        return null;
    }

    /** Leading one bits of a netmask, or -1 when there is none or it is not contiguous. */
    static int prefixLength(InetAddress netmask, boolean v6) {
        if (netmask == null) {
            return -1;
        }
        byte[] b = netmask.getAddress();
        if (b.length != (v6 ? 16 : 4)) {
            return -1;
        }
        int bits = 0;
        boolean zero = false;
        for (byte x : b) {
            for (int i = 7; i >= 0; i--) {
                boolean one = ((x >> i) & 1) != 0;
                if (one && zero) {
                    return -1;
                }
                if (one) {
                    bits++;
                } else {
                    zero = true;
                }
            }
        }
        return bits;
    }
}
