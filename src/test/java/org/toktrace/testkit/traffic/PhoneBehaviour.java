package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.util.List;
import org.toktrace.testkit.traffic.GroundTruth.Activity;
import org.toktrace.testkit.traffic.GroundTruth.Purpose;
import org.toktrace.testkit.traffic.ServerDirectory.Role;
import org.toktrace.testkit.traffic.ServerDirectory.Server;
import org.toktrace.testkit.traffic.TcpConversation.Close;
import org.toktrace.testkit.traffic.TcpConversation.Exchange;

/**
 * A person using a phone: TikTok in the foreground (a video every 5-20 s, images, API calls,
 * telemetry) or in the background (push keepalives, telemetry, now and then one pre-loaded video),
 * plus what the phone does anyway: ARP, NTP, mDNS, the platform's push channel, a ping; with
 * {@link Habits} beyond the standard ones, also a closed app, long looks at one video and other
 * apps' video. Writes no frame itself; it starts the conversations that do, and notes what it does
 * in the capture's truth.
 */
final class PhoneBehaviour extends Conversation {

    private final Hotspot h;
    private final Phone phone;
    private final Scenario scenario;
    private final Habits habits;
    private boolean foreground;
    /** In the background with the app swiped away: nothing but the push connection's keepalives. */
    private boolean closed;
    private long stateEnd;
    private long nextArp;
    private long nextMdns;
    private long nextNtp;
    private long nextPing;

    PhoneBehaviour(Hotspot h, Phone phone, Scenario scenario, long start) {
        this.h = h;
        this.phone = phone;
        this.scenario = scenario;
        this.habits = scenario.habits();
        this.time = start;
        this.foreground = phone.index == 0 ? scenario.durationNanos() == 0 : false;
        this.stateEnd = start + stateLength();
        this.nextArp = start;
        this.nextMdns = start + Hotspot.seconds(h.between(1.0, 20.0));
        this.nextNtp = start + Hotspot.seconds(h.between(2.0, 10.0));
        this.nextPing = start + Hotspot.seconds(h.between(30.0, 240.0));
        // the long connections a phone keeps open: TikTok's own push channel and the platform's
        pushConnection(h, phone, "frontier-va.tiktokv.com", start + Hotspot.seconds(h.between(0.5, 3.0)), 30, 90);
        pushConnection(h, phone, "mtalk.google.com", start + Hotspot.seconds(h.between(0.5, 5.0)), 60, 240);
        closed = closedNow();
        // the app was in this state before the capture began; the truth clips it to the capture
        h.truth.activity(phone, activity(), 0);
    }

    /** Whether a background period starting now is the app closed: a draw only when the habits ask for it. */
    private boolean closedNow() {
        return !foreground && habits.closedShare() > 0 && h.rng.nextDouble() < habits.closedShare();
    }

    private Activity activity() {
        return foreground ? Activity.SCROLLING : closed ? Activity.CLOSED : Activity.MINIMIZED;
    }

    private long stateLength() {
        return foreground ? Hotspot.seconds(h.between(scenario.foregroundMinSeconds(), scenario.foregroundMaxSeconds()))
                : Hotspot.seconds(h.between(scenario.backgroundMinSeconds(), scenario.backgroundMaxSeconds()));
    }

    @Override
    boolean step(FrameSink sink) throws IOException {
        long now = time;
        if (now >= stateEnd) {
            foreground = !foreground;
            closed = closedNow();
            stateEnd = now + stateLength();
            h.truth.activity(phone, activity(), now);
            if (!foreground && habits.leavingEvent()) {
                telemetry(now);
                time = Math.min(now + Hotspot.seconds(h.between(20, 90)), stateEnd);
                return true;
            }
        }
        if (now >= nextArp) {
            arp(h, phone, now);
            nextArp = now + Hotspot.seconds(h.between(60, 180));
        }
        if (now >= nextMdns) {
            mdns(h, phone, now);
            nextMdns = now + Hotspot.seconds(h.between(120, 300));
        }
        if (now >= nextNtp) {
            ntp(h, phone, now);
            nextNtp = now + Hotspot.seconds(h.between(900, 1800));
        }
        if (now >= nextPing) {
            ping(h, phone, now);
            nextPing = now + Hotspot.seconds(h.between(300, 900));
        }
        if (foreground) {
            scrolling(now);
            time = now + Hotspot.seconds(h.between(5, 20));
            if (habits.pauseShare() > 0 && h.rng.nextDouble() < habits.pauseShare()) {
                // a long video, or the comments: the user stays on this one before swiping on
                time = now + Hotspot.seconds(h.between(habits.pauseMinSeconds(), habits.pauseMaxSeconds()));
            }
        } else {
            background(now);
            time = now + Hotspot.seconds(h.between(20, 90));
        }
        if (!foreground && time > stateEnd) {
            time = stateEnd; // start scrolling when the user comes back, not at the next background tick
        }
        return true;
    }

    /** One swipe: the next video, often its cover images and an API call or a log post. */
    private void scrolling(long now) {
        Server video = pick(Role.VIDEO);
        long size = h.between(scenario.videoMinBytes(), scenario.videoMaxBytes());
        double rate = h.between(10e6, 25e6);
        long t = resolve(video, now);
        if (h.rng.nextDouble() < scenario.quicShare()) {
            h.start(new QuicConversation(h, phone, address(video), video.name(), t, size, rate).noted(Purpose.VIDEO, video.name(), t));
        } else {
            tls(video, t, List.of(new Exchange(0, (int) h.between(300, 700), size, rate)), close(), Purpose.VIDEO);
        }
        if (h.rng.nextInt(10) < 6) {
            Server img = pick(Role.IMAGE);
            int n = 1 + h.rng.nextInt(3);
            Exchange[] ex = new Exchange[n];
            for (int i = 0; i < n; i++) {
                ex[i] = new Exchange(Hotspot.ms(h.between(5, 400)), (int) h.between(250, 600), h.between(20_000, 150_000), h.between(8e6, 20e6));
            }
            tls(img, resolve(img, now + Hotspot.ms(h.between(50, 900))), List.of(ex), close(), Purpose.IMAGE);
        }
        if (h.rng.nextInt(2) == 0) {
            api(now + Hotspot.ms(h.between(100, 3000)));
        }
        if (h.rng.nextInt(10) < 3) {
            telemetry(now + Hotspot.ms(h.between(100, 4000)));
        }
        if (h.rng.nextInt(10) == 0) {
            other(now + Hotspot.ms(h.between(100, 4000)));
        }
    }

    /**
     * The app out of sight: mostly logs and sync, rarely a pre-loaded video start; nothing at all when
     * it is closed (its push connection goes on by itself). Meanwhile the user may watch another app's video.
     */
    private void background(long now) {
        if (closed) {
            otherVideo(now);
            return;
        }
        int dice = h.rng.nextInt(100);
        if (dice < 45) {
            telemetry(now);
        } else if (dice < 60) {
            api(now);
        } else if (dice < 60 + habits.preloadPercent()) {
            preload(now);
        } else if (dice < 80) {
            other(now);
        }
        otherVideo(now);
    }

    /** The first seconds of one video, fetched while the app is minimized so it starts at once when opened. */
    private void preload(long now) {
        Server video = pick(Role.VIDEO);
        long t = resolve(video, now);
        if (habits.quicPreloads() && h.rng.nextDouble() < scenario.quicShare()) {
            long size = h.between(200_000, habits.preloadMaxBytes());
            h.start(new QuicConversation(h, phone, address(video), video.name(), t, size, h.between(10e6, 25e6))
                    .noted(Purpose.PRELOAD, video.name(), t));
        } else {
            tls(video, t, List.of(new Exchange(0, (int) h.between(300, 700), h.between(200_000, habits.preloadMaxBytes()),
                    h.between(10e6, 25e6))), close(), Purpose.PRELOAD);
        }
    }

    /** Now and then (as the habits say), a few videos in another app: megabytes that are not TikTok's. */
    private void otherVideo(long now) {
        if (habits.otherVideoShare() <= 0 || h.rng.nextDouble() >= habits.otherVideoShare()) {
            return;
        }
        Server s = h.directory.get(OTHER_VIDEO_SERVER);
        int n = 2 + h.rng.nextInt(4);
        long t = now;
        for (int i = 0; i < n; i++) {
            long at = resolve(s, t);
            long size = h.between(1_000_000, 5_000_000);
            double rate = h.between(10e6, 25e6);
            if (h.rng.nextBoolean()) {
                h.start(new QuicConversation(h, phone, address(s), s.name(), at, size, rate).noted(Purpose.OTHER_VIDEO, s.name(), at));
            } else {
                tls(s, at, List.of(new Exchange(0, (int) h.between(300, 700), size, rate)), close(), Purpose.OTHER_VIDEO);
            }
            t += Hotspot.seconds(h.between(5, 20));
        }
    }

    /** Another app's video CDN. */
    static final String OTHER_VIDEO_SERVER = "rr4---sn-5hne6nzk.googlevideo.com";

    private void api(long t) {
        Server api = pick(Role.API);
        int n = 1 + h.rng.nextInt(3);
        Exchange[] ex = new Exchange[n];
        for (int i = 0; i < n; i++) {
            ex[i] = new Exchange(Hotspot.ms(h.between(10, 800)), (int) h.between(400, 1500), h.between(2_000, 30_000), h.between(5e6, 15e6));
        }
        tls(api, resolve(api, t), List.of(ex), close(), Purpose.API);
    }

    private void telemetry(long t) {
        Server log = pick(Role.TELEMETRY);
        tls(log, resolve(log, t), List.of(new Exchange(0, (int) h.between(1_000, 6_000), h.between(100, 400), 5e6)), close(),
                Purpose.TELEMETRY);
    }

    private void other(long t) {
        Server s = pick(Role.OTHER_WEB);
        tls(s, resolve(s, t), List.of(new Exchange(0, (int) h.between(300, 900), h.between(1_000, 80_000), h.between(5e6, 20e6))), close(),
                Purpose.OTHER_APP);
    }

    /** A long-lived connection to {@code name} that is never closed: a small exchange every {@code minGap}-{@code maxGap} s. */
    static void pushConnection(Hotspot h, Phone phone, String name, long t, double minGap, double maxGap) {
        Server s = h.directory.get(name);
        long start = resolve(h, phone, s, t);
        h.start(new TcpConversation(h, phone, address(h, phone, s), s.port(), s.name(), start, now -> new Exchange(
                Hotspot.seconds(h.between(minGap, maxGap)), (int) h.between(40, 200), h.between(40, 250), 5e6), Close.OPEN)
                .noted(s.tiktok() ? Purpose.PUSH : Purpose.PLATFORM_PUSH, s.name(), start));
    }

    private void tls(Server s, long t, List<Exchange> exchanges, Close close, Purpose purpose) {
        int[] next = {0};
        h.start(new TcpConversation(h, phone, address(s), s.port(), s.name(), t,
                now -> next[0] < exchanges.size() ? exchanges.get(next[0]++) : null, close).noted(purpose, s.name(), t));
    }

    private Close close() {
        int d = h.rng.nextInt(20);
        return d < 15 ? Close.FIN : d < 17 ? Close.RST : Close.OPEN;
    }

    private Server pick(Role role) {
        List<Server> all = h.directory.withRole(role);
        return all.get(h.rng.nextInt(all.size()));
    }

    private Addr address(Server s) {
        return address(h, phone, s);
    }

    /** One of {@code s}'s addresses as {@code phone} would pick it: IPv6 most of the time when both have it. */
    static Addr address(Hotspot h, Phone phone, Server s) {
        if (phone.v6 != null && !s.v6().isEmpty() && h.rng.nextInt(10) < 7) {
            return s.v6().get(h.rng.nextInt(s.v6().size()));
        }
        return s.v4().get(h.rng.nextInt(s.v4().size()));
    }

    /**
     * Looks {@code s} up unless the phone still has it cached: A (and AAAA on a dual-stack phone)
     * through the laptop's resolver; returns when the phone can connect.
     */
    private long resolve(Server s, long t) {
        return resolve(h, phone, s, t);
    }

    /** {@link #resolve(Server, long)} for any conversation that starts connections of {@code phone}. */
    static long resolve(Hotspot h, Phone phone, Server s, long t) {
        if (phone.privateDns) {
            return t + Hotspot.ms(h.between(8, 45)); // a DNS-over-TLS answer on a connection the capture cannot read
        }
        Long expiry = phone.dnsExpiry.get(s.name());
        if (expiry != null && expiry > t) {
            return t + Hotspot.ms(0.5);
        }
        int ttl = 60 + h.rng.nextInt(240);
        phone.dnsExpiry.put(s.name(), t + Hotspot.seconds(ttl));
        ScriptedFrames dns = new ScriptedFrames();
        long answerAt = t + Hotspot.ms(h.between(8, 45));
        FrameEncoder enc = h.enc;
        int idA = phone.nextDnsId();
        int portA = 1024 + h.rng.nextInt(64_000);
        byte[] q = DnsMessages.query(idA, s.name(), DnsMessages.TYPE_A);
        dns.add(t, enc, enc.udp(h.gatewayMac, phone.mac, phone.v4, h.gatewayV4, 64, h.rng.nextInt(0x10000), portA, 53, q, q.length));
        int idAaaa = 0;
        int portAaaa = 0;
        if (phone.v6 != null) {
            idAaaa = phone.nextDnsId();
            portAaaa = 1024 + h.rng.nextInt(64_000);
            q = DnsMessages.query(idAaaa, s.name(), DnsMessages.TYPE_AAAA);
            dns.add(t + Hotspot.ms(0.1), enc, enc.udp(h.gatewayMac, phone.mac, phone.v4, h.gatewayV4, 64,
                    h.rng.nextInt(0x10000), portAaaa, 53, q, q.length));
        }
        byte[] a = DnsMessages.answer(idA, s.name(), DnsMessages.TYPE_A, s.cnames(), s.v4(), ttl);
        dns.add(answerAt, enc, enc.udp(phone.mac, h.gatewayMac, h.gatewayV4, phone.v4, 64, h.rng.nextInt(0x10000), 53, portA, a, a.length));
        if (phone.v6 != null) {
            byte[] aaaa = DnsMessages.answer(idAaaa, s.name(), DnsMessages.TYPE_AAAA, s.cnames(), s.v6(), ttl);
            dns.add(answerAt + Hotspot.ms(h.between(0.2, 6)), enc, enc.udp(phone.mac, h.gatewayMac, h.gatewayV4, phone.v4, 64,
                    h.rng.nextInt(0x10000), 53, portAaaa, aaaa, aaaa.length));
        }
        h.start(dns);
        return dns.lastTime() + Hotspot.ms(h.between(0.3, 2));
    }

    /** An ARP request for the gateway and its reply. */
    static void arp(Hotspot h, Phone phone, long t) {
        FrameEncoder enc = h.enc;
        ScriptedFrames f = new ScriptedFrames();
        f.add(t, enc, arpFrame(enc, 1, phone.mac, phone.v4, 0, h.gatewayV4, 0xFFFF_FFFF_FFFFL));
        f.add(t + Hotspot.ms(h.between(0.5, 4)), enc, arpFrame(enc, 2, h.gatewayMac, h.gatewayV4, phone.mac, phone.v4, phone.mac));
        h.start(f);
    }

    /** An ARP request or reply (RFC 826) for IPv4 over Ethernet; returns its length, 42. */
    private static int arpFrame(FrameEncoder enc, int op, long senderMac, Addr senderIp, long targetMac, Addr targetIp, long dstMac) {
        int o = enc.ethernet(dstMac, senderMac, FrameEncoder.ETHERTYPE_ARP);
        enc.put16(o, 1);
        enc.put16(o + 2, FrameEncoder.ETHERTYPE_IPV4);
        enc.buf[o + 4] = 6;
        enc.buf[o + 5] = 4;
        enc.put16(o + 6, op);
        enc.putMac(o + 8, senderMac);
        senderIp.put(enc.buf, o + 14);
        enc.putMac(o + 18, targetMac);
        targetIp.put(enc.buf, o + 24);
        return o + 28;
    }

    /** An SNTP request and answer (RFC 5905 §7.3) with time.android.com. */
    static void ntp(Hotspot h, Phone phone, long t) {
        Server s = h.directory.get("time.android.com");
        long at = resolve(h, phone, s, t);
        Addr server = s.v4().get(0);
        FrameEncoder enc = h.enc;
        int port = 1024 + h.rng.nextInt(64_000);
        ScriptedFrames f = new ScriptedFrames();
        byte[] req = new Bytes().u8(0x23).u8(0).u8(6).u8(0xE9).zeros(36).bytes(ntpTime(at)).toArray();
        f.add(at, enc, enc.udp(h.gatewayMac, phone.mac, phone.v4, server, 64, h.rng.nextInt(0x10000), port, 123, req, req.length));
        long back = at + Hotspot.ms(h.between(15, 60));
        byte[] resp = new Bytes().u8(0x24).u8(2).u8(6).u8(0xE9).u32(0x0000_0120).u32(0x0000_0310).ascii("GOOG")
                .bytes(ntpTime(back - Hotspot.seconds(40))).bytes(ntpTime(at)).bytes(ntpTime(back - Hotspot.ms(10)))
                .bytes(ntpTime(back - Hotspot.ms(10))).toArray();
        f.add(back, enc, enc.udp(phone.mac, h.gatewayMac, server, phone.v4, 115, h.rng.nextInt(0x10000), 123, port, resp, resp.length));
        h.start(f);
    }

    private static byte[] ntpTime(long epochNanos) {
        long seconds = epochNanos / 1_000_000_000L + 2_208_988_800L;
        long fraction = ((epochNanos % 1_000_000_000L) << 32) / 1_000_000_000L;
        return new Bytes().u32((int) seconds).u32((int) fraction).toArray();
    }

    /** A one-shot mDNS question (RFC 6762) to the link, over IPv6 too on a dual-stack phone. */
    static void mdns(Hotspot h, Phone phone, long t) {
        FrameEncoder enc = h.enc;
        ScriptedFrames f = new ScriptedFrames();
        byte[] q = DnsMessages.mdnsQuery("_googlecast._tcp.local");
        f.add(t, enc, enc.udp(0x0100_5E00_00FBL, phone.mac, phone.v4, Addr.v4(224, 0, 0, 251), 255, 0, 5353, 5353, q, q.length));
        if (phone.v6 != null) {
            Addr linkLocal = linkLocal(phone.mac);
            f.add(t + Hotspot.ms(0.2), enc, enc.udp(0x3333_0000_00FBL, phone.mac, linkLocal,
                    Addr.v6(0xff02, 0, 0, 0, 0, 0, 0, 0xfb), 255, 0, 5353, 5353, q, q.length));
        }
        h.start(f);
    }

    /** The phone's fe80:: address in modified EUI-64 form (RFC 4291 §2.5.1). */
    static Addr linkLocal(long mac) {
        long eui = ((mac >>> 24) << 40) | (0xFFFEL << 24) | (mac & 0xFFFFFF);
        eui ^= 0x0200_0000_0000_0000L;
        return Addr.v6(0xfe80, 0, 0, 0, (int) (eui >>> 48) & 0xFFFF, (int) (eui >>> 32) & 0xFFFF,
                (int) (eui >>> 16) & 0xFFFF, (int) eui & 0xFFFF);
    }

    /** Four ICMP echoes (RFC 792) to the gateway, one a second, as a connectivity check does. */
    static void ping(Hotspot h, Phone phone, long t) {
        FrameEncoder enc = h.enc;
        ScriptedFrames f = new ScriptedFrames();
        int id = h.rng.nextInt(0x10000);
        for (int seq = 1; seq <= 4; seq++) {
            long at = t + Hotspot.seconds(seq - 1);
            f.add(at, enc, echo(h, enc, 8, id, seq, phone.mac, h.gatewayMac, phone.v4, h.gatewayV4, at));
            f.add(at + Hotspot.ms(h.between(1, 6)), enc, echo(h, enc, 0, id, seq, h.gatewayMac, phone.mac, h.gatewayV4, phone.v4, at));
        }
        h.start(f);
    }

    private static int echo(Hotspot h, FrameEncoder enc, int type, int id, int seq, long srcMac, long dstMac, Addr src, Addr dst, long at) {
        int l4 = enc.ip(dstMac, srcMac, src, dst, FrameEncoder.ICMP, 64, h.rng.nextInt(0x10000), 64);
        enc.buf[l4] = (byte) type;
        enc.buf[l4 + 1] = 0;
        enc.put16(l4 + 4, id);
        enc.put16(l4 + 6, seq);
        enc.put32(l4 + 8, (int) (at / 1_000_000_000L));
        enc.put32(l4 + 12, (int) ((at / 1000) % 1_000_000));
        for (int i = 16; i < 64; i++) {
            enc.buf[l4 + i] = (byte) i;
        }
        enc.plainChecksum(l4, 64, l4 + 2);
        return l4 + 64;
    }
}
