package org.toktrace.dissect;

import java.nio.ByteBuffer;
import org.toktrace.decode.PacketView;
import org.toktrace.model.IpAddress;
import org.toktrace.model.IpProtocols;
import org.toktrace.model.PrintableText;

/**
 * Finds the names phones give themselves on the hotspot: the DHCP host name option of a client's
 * request, and the host names a device announces over mDNS. Packet data is hostile: every read is
 * bounds-checked and names are capped and made printable.
 *
 * <pre>
 * RFC 2131 section 2, DHCP message (BOOTP layout, RFC 951):
 *   op(8) htype(8) hlen(8) hops(8) xid(32) secs(16) flags(16) ciaddr(32) yiaddr(32) siaddr(32)
 *   giaddr(32) chaddr(16 bytes) sname(64 bytes) file(128 bytes) | magic cookie 99.130.83.99 | options
 * RFC 2132 section 2: options {code(8) length(8) value}, 0 pad, 255 end; section 3.14: 12 host name;
 *   section 9.1: 50 requested IP address. op 1 is a client's request, 2 a server's reply (yiaddr).
 * RFC 6762 (mDNS, UDP 5353): a response (QR = 1) whose A/AAAA records name "host.local" says that
 *   the sender's link-layer address holds that host name and address.
 * </pre>
 */
public final class DeviceNameParser {

    /** Characters kept of a name; DHCP allows 255, a phone sends a dozen. */
    public static final int MAX_NAME = 63;
    static final int BOOTP_FIXED = 236;
    private static final int MAGIC_COOKIE = 0x63825363;
    private static final int MAX_MDNS_RECORDS = 32;

    private final DnsMessageParser dns = new DnsMessageParser();
    private final DeviceNameListener listener;

    public DeviceNameParser(DeviceNameListener listener) {
        this.listener = listener;
    }

    /** Whether a decoded packet may carry a device name (UDP to or from port 67, 68 or 5353); cheap. */
    public static boolean mayCarryName(PacketView p) {
        if (p.protocol() != IpProtocols.UDP || p.isFragment() && !p.isFirstFragment()) {
            return false;
        }
        int s = p.srcPort();
        int d = p.dstPort();
        return s == 5353 || d == 5353 || s == 67 || d == 67 || s == 68 || d == 68;
    }

    /** Looks at one UDP packet for which {@link #mayCarryName} holds; reports what it finds. */
    public void onPacket(PacketView p, ByteBuffer buf) {
        int off = p.l4PayloadOffset();
        int len = p.l4PayloadLength();
        if (off < 0 || len <= 0 || off > buf.limit() - len) {
            return;
        }
        if (p.srcPort() == 5353 || p.dstPort() == 5353) {
            mdns(buf, off, len, p.linkSrc());
        } else {
            dhcp(buf, off, len);
        }
    }

    void dhcp(ByteBuffer buf, int off, int len) {
        if (len < BOOTP_FIXED + 4 || buf.getInt(off + BOOTP_FIXED) != MAGIC_COOKIE) {
            return;
        }
        int op = buf.get(off) & 0xFF;
        int htype = buf.get(off + 1) & 0xFF;
        int hlen = buf.get(off + 2) & 0xFF;
        if ((op != 1 && op != 2) || htype != 1 || hlen != 6) {
            return; // only Ethernet-style 6-byte hardware addresses name a Wi-Fi client
        }
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = (mac << 8) | (buf.get(off + 28 + i) & 0xFF);
        }
        int ciaddr = buf.getInt(off + 12);
        int yiaddr = buf.getInt(off + 16);
        if (op == 2) {
            // the server's offer or acknowledgement: the address it gives that client
            if (yiaddr != 0) {
                listener.deviceName(mac, IpAddress.ofV4(yiaddr), null, "dhcp");
            }
            return;
        }
        int requested = 0;
        String name = null;
        int end = off + len;
        int p = off + BOOTP_FIXED + 4;
        while (p < end) {
            int code = buf.get(p) & 0xFF;
            if (code == 255) {
                break;
            }
            if (code == 0) {
                p++;
                continue;
            }
            if (p + 2 > end) {
                break;
            }
            int optLen = buf.get(p + 1) & 0xFF;
            int value = p + 2;
            if (value + optLen > end) {
                break; // cut short: keep what was read
            }
            if (code == 12 && optLen > 0 && name == null) {
                name = printable(buf, value, optLen);
            } else if (code == 50 && optLen == 4) {
                requested = buf.getInt(value);
            }
            p = value + optLen;
        }
        int address = ciaddr != 0 ? ciaddr : requested;
        if (name != null || address != 0) {
            listener.deviceName(mac, address == 0 ? null : IpAddress.ofV4(address), name, "dhcp");
        }
    }

    void mdns(ByteBuffer buf, int off, int len, long mac) {
        if (len < DnsMessageParser.HEADER || (ClientHelloParser.u16(buf, off + 2) & 0x8000) == 0) {
            return; // queries name nobody
        }
        int end = off + len;
        int qd = ClientHelloParser.u16(buf, off + 4);
        int records = ClientHelloParser.u16(buf, off + 6) + ClientHelloParser.u16(buf, off + 8)
                + ClientHelloParser.u16(buf, off + 10);
        int p = off + DnsMessageParser.HEADER;
        for (int q = 0; q < qd && q < MAX_MDNS_RECORDS; q++) {
            if (dns.skipName(buf, end, p) < 0 || dns.nameEnd() + 4 > end) {
                return;
            }
            p = dns.nameEnd() + 4;
        }
        for (int r = 0; r < records && r < MAX_MDNS_RECORDS; r++) {
            int nameStart = p;
            if (dns.skipName(buf, end, p) < 0 || dns.nameEnd() + 10 > end) {
                return;
            }
            int h = dns.nameEnd();
            int type = ClientHelloParser.u16(buf, h);
            int rdLength = ClientHelloParser.u16(buf, h + 8);
            int rdata = h + 10;
            if (rdata + rdLength > end) {
                return;
            }
            p = rdata + rdLength;
            IpAddress address = null;
            if (type == DnsMessageParser.TYPE_A && rdLength == 4) {
                address = IpAddress.ofV4(buf.getInt(rdata));
            } else if (type == DnsMessageParser.TYPE_AAAA && rdLength == 16) {
                address = IpAddress.ofV6(buf.getLong(rdata), buf.getLong(rdata + 8));
            }
            if (address == null) {
                continue;
            }
            String owner = dns.name(buf, off, end, nameStart);
            if (owner != null && owner.endsWith(".local") && owner.length() > ".local".length()) {
                String host = owner.substring(0, owner.length() - ".local".length());
                listener.deviceName(mac, address, capped(host), "mdns");
            }
        }
    }

    /** At most {@link #MAX_NAME} characters, never ending inside a {@code \xNN} escape. */
    static String capped(String name) {
        return PrintableText.of(name, MAX_NAME);
    }

    private static String printable(ByteBuffer buf, int off, int len) {
        int n = len;
        // a name padded with NULs (some clients count the terminator) ends at the first one
        for (int i = 0; i < len; i++) {
            if (buf.get(off + i) == 0) {
                n = i;
                break;
            }
        }
        // spaces are kept (a host name like "Anna's Pixel"), but not at either end
        int from = off;
        while (n > 0 && buf.get(from) == ' ') {
            from++;
            n--;
        }
        while (n > 0 && buf.get(from + n - 1) == ' ') {
            n--;
        }
        if (n == 0) {
            return null;
        }
        return capped(PrintableText.ofBytes(buf, from, Math.min(n, MAX_NAME), true));
    }
}
