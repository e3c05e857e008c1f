package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One QUIC version 1 connection (RFC 9000) on UDP port 443 downloading one object: a real,
 * decryptable client Initial carrying a ClientHello with the server's name (padded to 1250 bytes as
 * Chrome's stack does), the server's Initial with its ServerHello coalesced with a Handshake packet,
 * then short-header 1-RTT packets whose payload is filler (nobody without the keys could read them
 * anyway). The phone acknowledges every second packet, as RFC 9000 §13.2.2 suggests.
 */
final class QuicConversation extends Conversation {

    private static final int CLIENT_INITIAL = 0;
    private static final int SERVER_FLIGHT = 1;
    private static final int HANDSHAKE = 2;
    private static final int SHORT = 3;

    private record Datagram(long t, boolean up, int kind, int len, int index) {
        Datagram(long t, boolean up, int kind, int len) {
            this(t, up, kind, len, 0);
        }
    }

    private final Hotspot h;
    private final Phone phone;
    private final Addr client;
    private final Addr server;
    private final int clientPort;
    private final byte[] originalDcid = new byte[8];
    private final byte[] clientCid = new byte[8];
    private final byte[] serverCid = new byte[8];
    /** The client's first flight: one Initial, or two when a post-quantum ClientHello does not fit in one. */
    private final byte[][] clientInitials;
    private final byte[] serverInitial;
    private final int serverTtl;
    private final long salt;
    private final List<Datagram> plan = new ArrayList<>();
    private int next;
    private int ipIdClient;
    private int ipIdServer;
    private long position;

    /**
     * One response of {@code bytes} at about {@code rate}, requested at {@code atNanos} (or as soon as
     * the previous response is through); the first burst follows the handshake whatever its time.
     */
    record Burst(long atNanos, long bytes, double rateBitsPerSecond) {
    }

    QuicConversation(Hotspot h, Phone phone, Addr server, String serverName, long start, long responseBytes,
            double rateBitsPerSecond) {
        this(h, phone, server, serverName, start, List.of(new Burst(start, responseBytes, rateBitsPerSecond)), Long.MAX_VALUE);
    }

    /**
     * A connection carrying several responses separated by idle time (a video fetched chunk by chunk
     * while it plays). A CONNECTION_CLOSE the client would send after {@code closeBy} comes at
     * {@code closeBy} instead (the app is killed; {@link Long#MAX_VALUE} for never), or right after
     * the last response when that runs past it. With one burst and no {@code closeBy}, the same
     * datagrams and random draws as the one-object constructor.
     */
    QuicConversation(Hotspot h, Phone phone, Addr server, String serverName, long start, List<Burst> bursts, long closeBy) {
        if (bursts.isEmpty()) {
            throw new IllegalArgumentException("a connection carries at least one response");
        }
        this.h = h;
        this.phone = phone;
        this.client = server.v6 ? phone.v6 : phone.v4;
        this.server = server;
        this.clientPort = phone.ephemeralPort();
        h.rng.nextBytes(originalDcid);
        h.rng.nextBytes(clientCid);
        h.rng.nextBytes(serverCid);
        this.serverTtl = 50 + h.rng.nextInt(10);
        this.salt = h.nextSalt();
        this.ipIdClient = h.rng.nextInt(0x10000);
        this.ipIdServer = h.rng.nextInt(0x10000);
        byte[] hello = TlsMessages.clientHello(h.rng, serverName, List.of("h3"), h.rng.nextBoolean(), clientCid);
        int udpPayload = 1250;
        int fits = 1100;
        if (h.shuffledCrypto) {
            this.clientInitials = shuffledInitials(hello, udpPayload);
        } else if (hello.length <= fits) {
            this.clientInitials = new byte[][] {QuicInitial.seal(originalDcid, true, originalDcid, clientCid, 0,
                    QuicInitial.cryptoFrame(hello), udpPayload)};
        } else {
            // Chrome's split: the CRYPTO stream continues in a second Initial, in its own datagram
            this.clientInitials = new byte[][] {
                QuicInitial.seal(originalDcid, true, originalDcid, clientCid, 0, QuicInitial.cryptoFrame(hello, 0, fits), udpPayload),
                QuicInitial.seal(originalDcid, true, originalDcid, clientCid, 1,
                        QuicInitial.cryptoFrame(hello, fits, hello.length - fits), udpPayload)};
        }
        byte[] sh = TlsMessages.serverHello(h.rng, false);
        byte[] frames = concat(QuicInitial.ackFirst(), QuicInitial.cryptoFrame(sh));
        this.serverInitial = QuicInitial.seal(originalDcid, false, clientCid, serverCid, 0, frames, 0);

        long rtt = h.between(Hotspot.ms(20), Hotspot.ms(60));
        long t = start;
        for (int i = 0; i < clientInitials.length; i++) {
            plan.add(new Datagram(t, true, CLIENT_INITIAL, clientInitials[i].length, i));
            t += Hotspot.ms(0.05);
        }
        t += rtt;
        plan.add(new Datagram(t, false, SERVER_FLIGHT, 1200 + h.rng.nextInt(52)));
        t += Hotspot.ms(0.3);
        plan.add(new Datagram(t, false, HANDSHAKE, 900 + h.rng.nextInt(300)));
        t += h.between(Hotspot.ms(0.5), Hotspot.ms(3));
        plan.add(new Datagram(t, true, HANDSHAKE, 80 + h.rng.nextInt(30)));
        t += Hotspot.ms(0.2);
        plan.add(new Datagram(t, true, SHORT, 60 + h.rng.nextInt(80)));
        t += rtt + h.between(Hotspot.ms(2), Hotspot.ms(30));
        int packets = 0;
        List<Datagram> acks = new ArrayList<>();
        for (int i = 0; i < bursts.size(); i++) {
            Burst burst = bursts.get(i);
            if (i > 0) {
                // the next request, once the previous response is through: one short packet up
                t = Math.max(burst.atNanos(), t);
                plan.add(new Datagram(t, true, SHORT, 60 + h.rng.nextInt(80)));
                t += rtt + h.between(Hotspot.ms(2), Hotspot.ms(30));
                packets = 0;
            }
            long remaining = burst.bytes();
            while (remaining > 0) {
                int len = (int) Math.min(1252, remaining + 30);
                remaining -= len - 30;
                plan.add(new Datagram(t, false, SHORT, len));
                packets++;
                if (packets % 2 == 0 || remaining <= 0) {
                    acks.add(new Datagram(t + h.between(Hotspot.ms(0.4), Hotspot.ms(3)), true, SHORT, 30 + h.rng.nextInt(16)));
                }
                t += (long) ((len + 42) * 8 / burst.rateBitsPerSecond() * 1e9 * h.between(0.6, 1.4));
            }
        }
        plan.addAll(acks);
        if (h.rng.nextInt(3) > 0) {
            // CONNECTION_CLOSE after the idle period the app allows itself, or when the app is killed
            long at = t + h.between(Hotspot.seconds(1), Hotspot.seconds(10));
            if (at > closeBy) {
                at = Math.max(t, closeBy);
            }
            plan.add(new Datagram(at, true, SHORT, 40 + h.rng.nextInt(10)));
        }
        plan.sort((a, b) -> Long.compare(a.t(), b.t()));
        this.time = plan.get(0).t();
    }

    /** Notes this connection in the capture's truth as being for {@code purpose}. */
    QuicConversation noted(GroundTruth.Purpose purpose, String serverName, long start) {
        h.truth.connection(h, phone, "UDP", client, clientPort, server, 443, serverName, purpose, start);
        return this;
    }

    /**
     * The ClientHello cut into CRYPTO frames of random sizes, shuffled, with PING frames between them,
     * packed into as many Initials as they need (Chrome's "chaos protection" does this to keep
     * middleboxes from ossifying on a contiguous ClientHello).
     */
    private byte[][] shuffledInitials(byte[] hello, int udpPayload) {
        List<byte[]> pieces = new ArrayList<>();
        int off = 0;
        while (off < hello.length) {
            int len = Math.min(hello.length - off, 60 + h.rng.nextInt(500));
            pieces.add(QuicInitial.cryptoFrame(hello, off, len));
            off += len;
        }
        for (int i = pieces.size() - 1; i > 0; i--) {
            int j = h.rng.nextInt(i + 1);
            byte[] t = pieces.get(i);
            pieces.set(i, pieces.get(j));
            pieces.set(j, t);
        }
        int budget = 1100;
        List<byte[]> packets = new ArrayList<>();
        byte[] frames = new byte[0];
        for (byte[] piece : pieces) {
            if (frames.length > 0 && frames.length + piece.length + 1 > budget) {
                packets.add(frames);
                frames = new byte[0];
            }
            if (h.rng.nextBoolean()) {
                frames = concat(frames, new byte[] {0x01}); // PING
            }
            frames = concat(frames, piece);
        }
        packets.add(frames);
        byte[][] out = new byte[packets.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = QuicInitial.seal(originalDcid, true, originalDcid, clientCid, i, packets.get(i), udpPayload);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Override
    boolean step(FrameSink sink) throws IOException {
        Datagram d = plan.get(next++);
        FrameEncoder enc = h.enc;
        int payloadLen = d.len();
        int l4Len = 8 + payloadLen;
        Addr src = d.up() ? client : server;
        Addr dst = d.up() ? server : client;
        int l4 = d.up()
                ? enc.ip(h.gatewayMac, phone.mac, src, dst, FrameEncoder.UDP, 64, ipIdClient++, l4Len)
                : enc.ip(phone.mac, h.gatewayMac, src, dst, FrameEncoder.UDP, serverTtl, ipIdServer++, l4Len);
        enc.put16(l4, d.up() ? clientPort : 443);
        enc.put16(l4 + 2, d.up() ? 443 : clientPort);
        enc.put16(l4 + 4, l4Len);
        int p = l4 + 8;
        byte[] b = enc.buf;
        switch (d.kind()) {
            case CLIENT_INITIAL -> System.arraycopy(clientInitials[d.index()], 0, b, p, payloadLen);
            case SERVER_FLIGHT -> {
                System.arraycopy(serverInitial, 0, b, p, serverInitial.length);
                longHeader(p + serverInitial.length, payloadLen - serverInitial.length, false);
            }
            case HANDSHAKE -> longHeader(p, payloadLen, d.up());
            default -> {
                byte[] dcid = d.up() ? serverCid : clientCid;
                b[p] = (byte) (0x40 | (position & 0x1F));
                System.arraycopy(dcid, 0, b, p + 1, dcid.length);
                int rest = payloadLen - 1 - dcid.length;
                h.filler.fill(salt + position, b, p + 1 + dcid.length, rest);
                position += rest;
            }
        }
        enc.transportChecksum(l4, l4Len, src, dst, FrameEncoder.UDP);
        sink.frame(d.t(), b, l4 + l4Len);
        if (next < plan.size()) {
            time = plan.get(next).t();
            return true;
        }
        return false;
    }

    /** A Handshake packet (RFC 9000 §17.2.4) of {@code len} bytes whose protected part is filler. */
    private void longHeader(int p, int len, boolean up) {
        byte[] b = h.enc.buf;
        byte[] dcid = up ? serverCid : clientCid;
        byte[] scid = up ? clientCid : serverCid;
        b[p] = (byte) (0xE0 | (position & 0x0F));
        h.enc.put32(p + 1, 1);
        int o = p + 5;
        b[o++] = (byte) dcid.length;
        System.arraycopy(dcid, 0, b, o, dcid.length);
        o += dcid.length;
        b[o++] = (byte) scid.length;
        System.arraycopy(scid, 0, b, o, scid.length);
        o += scid.length;
        int rest = len - (o - p) - 2;
        h.enc.put16(o, 0x4000 | rest);
        o += 2;
        h.filler.fill(salt + position, b, o, rest);
        position += rest;
    }
}
