package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.Frames;

/** Device names from DHCP requests and mDNS announcements, and hostile variants of both. */
public class DeviceNameParserTest {

    public static final long PHONE_MAC = 0x0a33_ef6f_f86cL;

    record Found(long mac, IpAddress address, String name, String source) {
    }

    /** A DHCP message (RFC 2131) from {@code mac} with the given options (code, value) after the cookie. */
    public static byte[] dhcp(int op, long mac, String ciaddr, String yiaddr, byte[]... options) {
        ByteBuffer b = ByteBuffer.allocate(DeviceNameParser.BOOTP_FIXED + 4 + 512);
        b.put((byte) op).put((byte) 1).put((byte) 6).put((byte) 0).putInt(0x1234_5678).putShort((short) 0).putShort((short) 0);
        b.put(IpAddress.parse(ciaddr).toBytes()).put(IpAddress.parse(yiaddr).toBytes()).putInt(0).putInt(0);
        for (int shift = 40; shift >= 0; shift -= 8) {
            b.put((byte) (mac >>> shift));
        }
        b.position(DeviceNameParser.BOOTP_FIXED);
        b.putInt(0x63825363);
        for (byte[] o : options) {
            b.put(o);
        }
        b.put((byte) 255);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    public static byte[] option(int code, byte[] value) {
        byte[] o = new byte[2 + value.length];
        o[0] = (byte) code;
        o[1] = (byte) value.length;
        System.arraycopy(value, 0, o, 2, value.length);
        return o;
    }

    public static byte[] hostName(String name) {
        return option(12, name.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** An mDNS response (RFC 6762) announcing {@code host}.local at {@code address}, with a PTR record first. */
    public static byte[] mdnsAnnouncement(String host, String address) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 0, (byte) 0x84, 0, 0, 0, 0, 2, 0, 0, 0, 0});
        // PTR 23.0.42.10.in-addr.arpa -> host.local: not an address record, skipped
        writeName(b, "23.0.42.10.in-addr.arpa");
        b.writeBytes(new byte[] {0, 12, (byte) 0x80, 1, 0, 0, 0, 120});
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        writeName(target, host + ".local");
        b.writeBytes(new byte[] {0, (byte) target.size()});
        b.writeBytes(target.toByteArray());
        writeName(b, host + ".local");
        IpAddress ip = IpAddress.parse(address);
        b.writeBytes(new byte[] {0, (byte) (ip.v6() ? 28 : 1), (byte) 0x80, 1, 0, 0, 0, 120, 0, (byte) (ip.v6() ? 16 : 4)});
        b.writeBytes(ip.toBytes());
        return b.toByteArray();
    }

    static void writeName(ByteArrayOutputStream b, String name) {
        for (String label : name.split("\\.")) {
            byte[] l = label.getBytes(StandardCharsets.ISO_8859_1);
            b.write(l.length);
            b.writeBytes(l);
        }
        b.write(0);
    }

    static List<Found> parse(String src, String dst, int sport, int dport, byte[] payload) {
        byte[] ip = Frames.ipv4(src, dst).payload(Frames.udp(sport, dport).payload(payload)).build();
        byte[] frame = Frames.ethernet().src(PHONE_MAC).dst(0xFFFF_FFFF_FFFFL).build(ip);
        PacketView view = new PacketView();
        ByteBuffer buf = ByteBuffer.wrap(frame);
        assertEquals(DecodeStatus.IP, new PacketDecoder().decode(buf, 0, frame.length, frame.length, 1, view));
        List<Found> found = new ArrayList<>();
        if (DeviceNameParser.mayCarryName(view)) {
            new DeviceNameParser((mac, a, n, s) -> found.add(new Found(mac, a, n, s))).onPacket(view, buf);
        }
        return found;
    }

    @Test
    void aDhcpRequestNamesTheClientByItsHardwareAddress() {
        byte[] request = dhcp(1, PHONE_MAC, "0.0.0.0", "0.0.0.0", option(53, new byte[] {3}),
                option(50, IpAddress.parse("10.42.0.23").toBytes()), hostName("Pixel-7"));
        assertEquals(List.of(new Found(PHONE_MAC, IpAddress.parse("10.42.0.23"), "Pixel-7", "dhcp")),
                parse("0.0.0.0", "255.255.255.255", 68, 67, request));
    }

    @Test
    void spacesInsideAHostNameAreKeptAndThoseAroundItDropped() {
        List<Found> found = parse("0.0.0.0", "255.255.255.255", 68, 67,
                dhcp(1, PHONE_MAC, "10.42.0.23", "0.0.0.0", hostName("  Anna's Pixel 7 ")));
        assertEquals("Anna's Pixel 7", found.get(0).name());
        List<Found> blank = parse("0.0.0.0", "255.255.255.255", 68, 67,
                dhcp(1, PHONE_MAC, "10.42.0.23", "0.0.0.0", hostName("   ")));
        assertEquals(null, blank.get(0).name(), "a name of spaces is no name");
    }

    @Test
    void aDhcpAckGivesTheAddressOnly() {
        byte[] ack = dhcp(2, PHONE_MAC, "0.0.0.0", "10.42.0.23", option(53, new byte[] {5}));
        assertEquals(List.of(new Found(PHONE_MAC, IpAddress.parse("10.42.0.23"), null, "dhcp")),
                parse("10.42.0.1", "10.42.0.23", 67, 68, ack));
    }

    @Test
    void hostileHostNamesAreEscapedAndCapped() {
        List<Found> control = parse("0.0.0.0", "255.255.255.255", 68, 67,
                dhcp(1, PHONE_MAC, "10.42.0.23", "0.0.0.0", hostName("=cmd|\u001b[2J\nx")));
        assertEquals("=cmd|\\x1b[2J\\x0ax", control.get(0).name());
        List<Found> longName = parse("0.0.0.0", "255.255.255.255", 68, 67,
                dhcp(1, PHONE_MAC, "10.42.0.23", "0.0.0.0", hostName("a".repeat(200))));
        assertEquals(DeviceNameParser.MAX_NAME, longName.get(0).name().length());
        assertEquals(IpAddress.parse("10.42.0.23"), longName.get(0).address(), "ciaddr when the client has one");
        List<Found> nul = parse("0.0.0.0", "255.255.255.255", 68, 67,
                dhcp(1, PHONE_MAC, "10.42.0.23", "0.0.0.0", hostName("iPhone\0\0")));
        assertEquals("iPhone", nul.get(0).name());
        assertEquals("abc", DeviceNameParser.capped("abc"));
        String escaped = "a".repeat(DeviceNameParser.MAX_NAME - 2) + "\\x0a";
        assertEquals("a".repeat(DeviceNameParser.MAX_NAME - 2), DeviceNameParser.capped(escaped), "never half an escape");
    }

    @Test
    void cutShortOrForeignMessagesNameNobody() {
        byte[] request = dhcp(1, PHONE_MAC, "0.0.0.0", "0.0.0.0", hostName("Pixel-7"));
        // the option's length runs past the end: nothing read from it
        byte[] cut = java.util.Arrays.copyOf(request, request.length - 4);
        assertEquals(List.of(), parse("0.0.0.0", "255.255.255.255", 68, 67, cut));
        byte[] noCookie = request.clone();
        noCookie[DeviceNameParser.BOOTP_FIXED] = 0;
        assertEquals(List.of(), parse("0.0.0.0", "255.255.255.255", 68, 67, noCookie));
        assertEquals(List.of(), parse("0.0.0.0", "255.255.255.255", 68, 67, new byte[10]));
        assertEquals(List.of(), parse("10.42.0.23", "192.0.2.1", 40000, 443, request), "not a DHCP port");
    }

    @Test
    void anMdnsAnnouncementNamesTheSender() {
        assertEquals(List.of(new Found(PHONE_MAC, IpAddress.parse("10.42.0.23"), "pixel-7", "mdns")),
                parse("10.42.0.23", "224.0.0.251", 5353, 5353, mdnsAnnouncement("Pixel-7", "10.42.0.23")));
        byte[] query = mdnsAnnouncement("Pixel-7", "10.42.0.23");
        query[2] = 0; // QR = 0: a question names nobody
        assertEquals(List.of(), parse("10.42.0.23", "224.0.0.251", 5353, 5353, query));
        byte[] cut = mdnsAnnouncement("Pixel-7", "10.42.0.23");
        assertEquals(List.of(), parse("10.42.0.23", "224.0.0.251", 5353, 5353, java.util.Arrays.copyOf(cut, cut.length - 3)));
    }
}
