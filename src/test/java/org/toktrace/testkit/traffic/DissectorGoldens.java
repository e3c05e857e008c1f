package org.toktrace.testkit.traffic;

import static org.toktrace.testkit.Frames.ACK;
import static org.toktrace.testkit.Frames.FIN;
import static org.toktrace.testkit.Frames.PSH;
import static org.toktrace.testkit.Frames.SYN;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.Frames;

/**
 * Writes the golden captures of the dissectors (the {@code dissect-*} files of
 * {@code src/test/resources/golden}: a few flows each, one per way a server's name reaches TokTrace)
 * and of the catalog ({@code catalog-categories.pcap}: one flow per kind of name the catalog tells
 * apart), with fixed seeds so the bytes never change. {@code main DIR} rewrites them; then regenerate
 * their tshark totals and listings as {@code GoldenCapturesTest} says.
 */
public final class DissectorGoldens {
    /** 2026-03-23T16:14:05Z. */
    private static final long T0 = 1_774_282_445_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final String PHONE = "192.168.137.23";
    private static final String GATEWAY = "192.168.137.1";

    private DissectorGoldens() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/golden");
        Files.createDirectories(dir);
        tls().writeTo(dir.resolve("dissect-tls.pcap"));
        quic().writeTo(dir.resolve("dissect-quic.pcap"));
        httpAndDns().writeTo(dir.resolve("dissect-http-dns.pcap"));
        smtpStartTls().writeTo(dir.resolve("dissect-smtp-starttls.pcap"));
        dnsOverTcp().writeTo(dir.resolve("dissect-dns-tcp.pcap"));
        catalog().writeTo(dir.resolve("catalog-categories.pcap"));
    }

    /**
     * TLS over TCP: a ClientHello in one segment; one cut into three segments, the last two arriving
     * in reverse order; one without server_name to an address a DNS answer named, through a CNAME.
     */
    static CaptureFileWriter.Pcap tls() {
        SplittableRandom rng = new SplittableRandom(1);
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1);
        long t = T0;
        byte[] whole = TlsMessages.handshakeRecord(
                TlsMessages.clientHello(rng, "v16-webapp-prime.tiktok.com", List.of("h2", "http/1.1"), false, null), 0x0301);
        t = session(w, t, 51001, "203.0.113.11", List.of(whole), List.of(0), 3000);

        byte[] split = TlsMessages.handshakeRecord(
                TlsMessages.clientHello(rng, "api16-normal-c-useast1a.tiktokv.com", List.of("h2"), true, null), 0x0301);
        int a = 40;
        int b = split.length / 2;
        List<byte[]> parts = List.of(Arrays.copyOfRange(split, 0, a), Arrays.copyOfRange(split, a, b),
                Arrays.copyOfRange(split, b, split.length));
        t = session(w, t + 50 * MS, 51002, "203.0.113.12", parts, List.of(0, 2, 1), 2000);

        byte[] query = DnsMessages.query(0x1234, "p16-sign-va.tiktokcdn.com", DnsMessages.TYPE_A);
        byte[] answer = DnsMessages.answer(0x1234, "p16-sign-va.tiktokcdn.com", DnsMessages.TYPE_A,
                List.of("p16-sign-va.tiktokcdn.com.edgekey.net"), List.of(Addr.parse("203.0.113.13")), 60);
        w.frame(t += 50 * MS, eth(Frames.ipv4(PHONE, GATEWAY).payload(Frames.udp(40001, 53).payload(query)).build(), true));
        w.frame(t += 9 * MS, eth(Frames.ipv4(GATEWAY, PHONE).payload(Frames.udp(53, 40001).payload(answer)).build(), false));
        byte[] noName = TlsMessages.handshakeRecord(TlsMessages.clientHello(rng, null, List.of("h2"), false, null), 0x0301);
        session(w, t + 5 * MS, 51003, "203.0.113.13", List.of(noName), List.of(0), 8000);
        return w;
    }

    /** QUIC v1 Initials: a ClientHello in one packet, and one whose CRYPTO data spans two packets. */
    static CaptureFileWriter.Pcap quic() {
        SplittableRandom rng = new SplittableRandom(2);
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1);
        long t = T0;
        byte[] scid = bytes(rng, 8);
        byte[] dcid = bytes(rng, 8);
        byte[] hello = TlsMessages.clientHello(rng, "v19-webapp-prime.us.tiktok.com", List.of("h3"), false, scid);
        byte[] initial = QuicInitial.seal(dcid, true, dcid, scid, 0, QuicInitial.cryptoFrame(hello), 1200);
        w.frame(t, eth(Frames.ipv4(PHONE, "203.0.113.21").payload(Frames.udp(52001, 443).payload(initial)).build(), true));
        t = downloads(w, t, "203.0.113.21", 52001, 4);

        byte[] scid2 = bytes(rng, 8);
        byte[] dcid2 = bytes(rng, 8);
        byte[] big = TlsMessages.clientHello(rng, "v77-webapp-prime.tiktok.com", List.of("h3"), true, scid2);
        int half = big.length / 2;
        byte[] first = QuicInitial.seal(dcid2, true, dcid2, scid2, 0, QuicInitial.cryptoFrame(big, 0, half), 1200);
        byte[] second = QuicInitial.seal(dcid2, true, dcid2, scid2, 1, QuicInitial.cryptoFrame(big, half, big.length - half), 1200);
        w.frame(t += 40 * MS, eth(Frames.ipv4(PHONE, "203.0.113.22").payload(Frames.udp(52002, 443).payload(first)).build(), true));
        w.frame(t += MS, eth(Frames.ipv4(PHONE, "203.0.113.22").payload(Frames.udp(52002, 443).payload(second)).build(), true));
        downloads(w, t, "203.0.113.22", 52002, 4);
        return w;
    }

    /** A cleartext HTTP request with its Host, and a DNS exchange over TCP with its two-byte framing. */
    static CaptureFileWriter.Pcap httpAndDns() {
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1);
        long t = T0;
        byte[] get = ("GET /obj/tos-maliva-p-0068/abc.jpeg HTTP/1.1\r\nHost: p16-sign.tiktokcdn-us.com\r\n"
                + "User-Agent: okhttp/3.12.13\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        t = session(w, t, 53001, "203.0.113.31", 80, List.of(get), List.of(0), 1500);

        byte[] query = framed(DnsMessages.query(0x4321, "log16-normal-c-useast1a.tiktokv.com", DnsMessages.TYPE_A));
        byte[] answer = framed(DnsMessages.answer(0x4321, "log16-normal-c-useast1a.tiktokv.com", DnsMessages.TYPE_A, List.of(),
                List.of(Addr.parse("203.0.113.32")), 300));
        t += 30 * MS;
        w.frame(t, eth(tcp(PHONE, 53002, GATEWAY, 53, SYN, 100, 0, new byte[0]), true));
        w.frame(t += 2 * MS, eth(tcp(GATEWAY, 53, PHONE, 53002, SYN | ACK, 900, 101, new byte[0]), false));
        w.frame(t += MS, eth(tcp(PHONE, 53002, GATEWAY, 53, ACK, 101, 901, new byte[0]), true));
        w.frame(t += MS, eth(tcp(PHONE, 53002, GATEWAY, 53, PSH | ACK, 101, 901, query), true));
        w.frame(t += 8 * MS, eth(tcp(GATEWAY, 53, PHONE, 53002, PSH | ACK, 901, 101 + query.length, answer), false));
        w.frame(t += MS, eth(tcp(PHONE, 53002, GATEWAY, 53, FIN | ACK, 101 + query.length, 901 + answer.length, new byte[0]), true));
        w.frame(t += 2 * MS, eth(tcp(GATEWAY, 53, PHONE, 53002, FIN | ACK, 901 + answer.length, 102 + query.length, new byte[0]), false));
        byte[] noName = TlsMessages.handshakeRecord(TlsMessages.clientHello(new SplittableRandom(3), null, List.of("h2"), false, null),
                0x0301);
        session(w, t + 5 * MS, 53003, "203.0.113.32", List.of(noName), List.of(0), 1200);
        return w;
    }

    /**
     * SMTP with STARTTLS (RFC 3207): the dialogue in cleartext, then the client's ClientHello, whose
     * server name is the flow's. Submission on 587 with the hello in one segment; port 25 in lower
     * case with the hello cut in two segments.
     */
    static CaptureFileWriter.Pcap smtpStartTls() {
        SplittableRandom rng = new SplittableRandom(4);
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1);
        byte[] hello = TlsMessages.handshakeRecord(
                TlsMessages.clientHello(rng, "smtp.gmail.com", List.of(), false, null), 0x0301);
        long t = dialogue(w, T0, 54001, "203.0.113.41", 587, List.of(
                server("220 smtp.gmail.com ESMTP ready\r\n"),
                phone("EHLO [192.168.137.23]\r\n"),
                server("250-smtp.gmail.com at your service\r\n250-SIZE 35882577\r\n250-STARTTLS\r\n250 SMTPUTF8\r\n"),
                phone("STARTTLS\r\n"),
                server("220 2.0.0 Ready to start TLS\r\n"),
                new Turn(true, hello),
                new Turn(false, new byte[1400])));

        byte[] hello2 = TlsMessages.handshakeRecord(
                TlsMessages.clientHello(rng, "mail.example.org", List.of(), false, null), 0x0303);
        int cut = hello2.length / 3;
        dialogue(w, t + 40 * MS, 54002, "203.0.113.42", 25, List.of(
                server("220 mail.example.org ESMTP\r\n"),
                phone("helo phone\r\n"),
                server("250 mail.example.org\r\n"),
                phone("starttls\r\n"),
                server("220 go ahead\r\n"),
                new Turn(true, Arrays.copyOfRange(hello2, 0, cut)),
                new Turn(true, Arrays.copyOfRange(hello2, cut, hello2.length)),
                new Turn(false, new byte[1200])));
        return w;
    }

    /**
     * DNS over TCP (RFC 7766): two queries pipelined on one connection; the first answer (a CNAME
     * chain) spans two segments, the second shares the second segment by its first length byte;
     * then a TLS flow without server_name to each address answered, named by those answers.
     */
    static CaptureFileWriter.Pcap dnsOverTcp() {
        SplittableRandom rng = new SplittableRandom(5);
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1);
        byte[] q1 = framed(DnsMessages.query(0x5101, "v16m.tiktokcdn-us.com", DnsMessages.TYPE_A));
        byte[] q2 = framed(DnsMessages.query(0x5102, "im-ws-va.tiktok.com", DnsMessages.TYPE_A));
        byte[] a1 = framed(DnsMessages.answer(0x5101, "v16m.tiktokcdn-us.com", DnsMessages.TYPE_A,
                List.of("v16m.tiktokcdn-us.com.c.bytefcdn-oversea.com"), List.of(Addr.parse("203.0.113.51")), 120));
        byte[] a2 = framed(DnsMessages.answer(0x5102, "im-ws-va.tiktok.com", DnsMessages.TYPE_A, List.of(),
                List.of(Addr.parse("203.0.113.52")), 60));
        byte[] answers = concat(a1, a2);
        int firstCut = 30;
        int secondCut = a1.length + 1;
        long t = dialogue(w, T0, 53101, GATEWAY, 53, List.of(
                new Turn(true, concat(q1, q2)),
                new Turn(false, Arrays.copyOfRange(answers, 0, firstCut)),
                new Turn(false, Arrays.copyOfRange(answers, firstCut, secondCut)),
                new Turn(false, Arrays.copyOfRange(answers, secondCut, answers.length))));
        byte[] noName = TlsMessages.handshakeRecord(TlsMessages.clientHello(rng, null, List.of("h2"), false, null), 0x0301);
        t = session(w, t + 5 * MS, 53102, "203.0.113.51", List.of(noName), List.of(0), 6000);
        byte[] noName2 = TlsMessages.handshakeRecord(TlsMessages.clientHello(rng, null, List.of("http/1.1"), false, null),
                0x0301);
        session(w, t + 5 * MS, 53103, "203.0.113.52", List.of(noName2), List.of(0), 600);
        return w;
    }

    /**
     * The catalog: one TLS flow per server name, each named by its SNI; TikTok's roles (video,
     * image, API, telemetry, push, live, login, ads, other), TikTok on a shared CDN, names that
     * only look like TikTok's, third parties (analytics, crash reports, ads, ByteDance's ad network),
     * the platform push channels and a service that is not TikTok.
     */
    static CaptureFileWriter.Pcap catalog() {
        SplittableRandom rng = new SplittableRandom(6);
        CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(1);
        String[][] servers = {
            {"v16-webapp-prime.us.tiktok.com", "443"},
            {"V19-WebApp.TikTokCDN-us.com", "443"},
            {"p16-sign-va.tiktokcdn.com", "443"},
            {"p16-tiktokcdn-com.akamaized.net", "443"},
            {"api16-normal-c-useast1a.tiktokv.com", "443"},
            {"log16-normal-c-useast1a.tiktokv.com", "443"},
            {"mon16-normal-useast5.tiktokv.us", "443"},
            {"sdk.bytedapm.com", "443"},
            {"im-ws-va.tiktok.com", "443"},
            {"webcast16-normal-c-useast1a.tiktokv.com", "443"},
            {"sf16-website-login.neutral.ttwstatic.com", "443"},
            {"ads.tiktok.com", "443"},
            {"www.tiktok.com", "443"},
            {"nottiktok.com", "443"},
            {"tiktok.com.example.net", "443"},
            {"app.appsflyer.com", "443"},
            {"graph.facebook.com", "443"},
            {"firebase-settings.crashlytics.com", "443"},
            {"o4504.ingest.sentry.io", "443"},
            {"pagead2.googlesyndication.com", "443"},
            {"api16-access-sg.pangle.io", "443"},
            {"mtalk.google.com", "5228"},
            {"14-courier.push.apple.com", "5223"},
            {"www.google.com", "443"},
        };
        long t = T0;
        for (int i = 0; i < servers.length; i++) {
            byte[] hello = TlsMessages.handshakeRecord(
                    TlsMessages.clientHello(rng, servers[i][0], List.of("h2", "http/1.1"), false, null), 0x0301);
            t = session(w, t + 20 * MS, 55001 + i, "203.0.113." + (101 + i), Integer.parseInt(servers[i][1]), List.of(hello),
                    List.of(0), 1500);
        }
        return w;
    }

    /** One segment of a dialogue: who sends it, and its bytes. */
    private record Turn(boolean fromPhone, byte[] payload) {
    }

    private static Turn phone(String line) {
        return new Turn(true, line.getBytes(StandardCharsets.US_ASCII));
    }

    private static Turn server(String line) {
        return new Turn(false, line.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A TCP session from the phone: handshake, each turn a segment from its side (acknowledged by the
     * other side's next segment), FIN both ways.
     */
    private static long dialogue(CaptureFileWriter.Pcap w, long t, int port, String server, int serverPort, List<Turn> turns) {
        long up = 2000;
        long down = 7000;
        w.frame(t, eth(tcp(PHONE, port, server, serverPort, SYN, up - 1, 0, new byte[0]), true));
        w.frame(t += 20 * MS, eth(tcp(server, serverPort, PHONE, port, SYN | ACK, down - 1, up, new byte[0]), false));
        w.frame(t += MS, eth(tcp(PHONE, port, server, serverPort, ACK, up, down, new byte[0]), true));
        for (Turn turn : turns) {
            t += turn.fromPhone() ? MS : 15 * MS;
            if (turn.fromPhone()) {
                w.frame(t, eth(tcp(PHONE, port, server, serverPort, PSH | ACK, up, down, turn.payload()), true));
                up += turn.payload().length;
            } else {
                w.frame(t, eth(tcp(server, serverPort, PHONE, port, PSH | ACK, down, up, turn.payload()), false));
                down += turn.payload().length;
            }
        }
        w.frame(t += MS, eth(tcp(PHONE, port, server, serverPort, FIN | ACK, up, down, new byte[0]), true));
        w.frame(t += 20 * MS, eth(tcp(server, serverPort, PHONE, port, FIN | ACK, down, up + 1, new byte[0]), false));
        w.frame(t += MS, eth(tcp(PHONE, port, server, serverPort, ACK, up + 1, down + 1, new byte[0]), true));
        return t;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static long session(CaptureFileWriter.Pcap w, long t, int port, String server, List<byte[]> parts, List<Integer> order,
            int down) {
        return session(w, t, port, server, 443, parts, order, down);
    }

    /**
     * A TCP session from the phone: handshake, {@code parts} sent in {@code order} (each at its own
     * sequence number), {@code down} bytes back in full segments, FIN both ways.
     */
    private static long session(CaptureFileWriter.Pcap w, long t, int port, String server, int serverPort, List<byte[]> parts,
            List<Integer> order, int down) {
        long seq = 1000;
        long ack = 5000;
        w.frame(t, eth(tcp(PHONE, port, server, serverPort, SYN, seq - 1, 0, new byte[0]), true));
        w.frame(t += 30 * MS, eth(tcp(server, serverPort, PHONE, port, SYN | ACK, ack - 1, seq, new byte[0]), false));
        w.frame(t += MS, eth(tcp(PHONE, port, server, serverPort, ACK, seq, ack, new byte[0]), true));
        long[] at = new long[parts.size()];
        long s = seq;
        for (int i = 0; i < parts.size(); i++) {
            at[i] = s;
            s += parts.get(i).length;
        }
        for (int i : order) {
            w.frame(t += MS, eth(tcp(PHONE, port, server, serverPort, PSH | ACK, at[i], ack, parts.get(i)), true));
        }
        long up = s;
        long d = ack;
        for (int left = down; left > 0; left -= 1448) {
            byte[] payload = new byte[Math.min(1448, left)];
            w.frame(t += 2 * MS, eth(tcp(server, serverPort, PHONE, port, ACK, d, up, payload), false));
            d += payload.length;
        }
        w.frame(t += MS, eth(tcp(PHONE, port, server, serverPort, ACK, up, d, new byte[0]), true));
        w.frame(t += 5 * MS, eth(tcp(PHONE, port, server, serverPort, FIN | ACK, up, d, new byte[0]), true));
        w.frame(t += 30 * MS, eth(tcp(server, serverPort, PHONE, port, FIN | ACK, d, up + 1, new byte[0]), false));
        w.frame(t += MS, eth(tcp(PHONE, port, server, serverPort, ACK, up + 1, d + 1, new byte[0]), true));
        return t;
    }

    /** {@code n} datagrams of 1252 bytes from {@code server} back to the phone's {@code port}. */
    private static long downloads(CaptureFileWriter.Pcap w, long t, String server, int port, int n) {
        for (int i = 0; i < n; i++) {
            w.frame(t += 20 * MS, eth(Frames.ipv4(server, PHONE).payload(Frames.udp(443, port).payload(1252)).build(), false));
        }
        return t;
    }

    private static byte[] framed(byte[] dns) {
        byte[] out = new byte[dns.length + 2];
        out[0] = (byte) (dns.length >>> 8);
        out[1] = (byte) dns.length;
        System.arraycopy(dns, 0, out, 2, dns.length);
        return out;
    }

    private static byte[] bytes(SplittableRandom rng, int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }

    private static byte[] tcp(String src, int sport, String dst, int dport, int flags, long seq, long ack, byte[] payload) {
        return Frames.ipv4(src, dst).payload(Frames.tcp(sport, dport).flags(flags).seq(seq).ack(ack).payload(payload)).build();
    }

    private static byte[] eth(byte[] ip, boolean fromPhone) {
        return Frames.ethernet()
                .src(fromPhone ? Frames.DEFAULT_SRC_MAC : Frames.DEFAULT_DST_MAC)
                .dst(fromPhone ? Frames.DEFAULT_DST_MAC : Frames.DEFAULT_SRC_MAC)
                .build(ip);
    }
}
