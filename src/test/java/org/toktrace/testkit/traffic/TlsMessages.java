package org.toktrace.testkit.traffic;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * TLS 1.3 handshake messages as browsers and phone apps send them (RFC 8446 §4.1.2, §4.1.3), with
 * the server_name extension of RFC 6066 §3 and ALPN of RFC 7301. Random fields come from the
 * caller's seeded generator.
 */
final class TlsMessages {

    static final int GROUP_X25519 = 0x001D;
    static final int GROUP_X25519_MLKEM768 = 0x11EC;

    private TlsMessages() {
    }

    /**
     * A ClientHello handshake message (type 1 with its 3-byte length, no record header).
     *
     * @param postQuantum with the X25519MLKEM768 key share of current Chrome and Android, which
     *                    makes the message about 1.8 kB (two TCP segments)
     * @param serverName  the server_name to send, or null for a ClientHello without one (as apps that
     *                    connect to an address literal send)
     * @param quicScid    for QUIC: the client's source connection id, put in the transport
     *                    parameters (then the legacy session id is empty); null for TCP
     */
    static byte[] clientHello(RandomGenerator rng, String serverName, List<String> alpn, boolean postQuantum,
            byte[] quicScid) {
        Bytes m = new Bytes();
        m.u8(1);
        int len = m.beginLength(3);
        m.u16(0x0303).random(rng, 32);
        if (quicScid == null) {
            m.u8(32).random(rng, 32);
        } else {
            m.u8(0);
        }
        int[] suites = quicScid == null
                ? new int[] {0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035}
                : new int[] {0x1301, 0x1302, 0x1303};
        m.u16(suites.length * 2);
        for (int s : suites) {
            m.u16(s);
        }
        m.u8(1).u8(0); // compression: null only
        int exts = m.beginLength(2);

        int e;
        int list;
        if (serverName != null) {
            m.u16(0x0000); // server_name
            e = m.beginLength(2);
            list = m.beginLength(2);
            m.u8(0).u16(serverName.length()).ascii(serverName);
            m.endLength(list, 2);
            m.endLength(e, 2);
        }

        m.u16(0x0017).u16(0); // extended_master_secret
        m.u16(0xFF01).u16(1).u8(0); // renegotiation_info

        m.u16(0x000A); // supported_groups
        e = m.beginLength(2);
        int[] groups = postQuantum ? new int[] {GROUP_X25519_MLKEM768, GROUP_X25519, 0x0017, 0x0018}
                : new int[] {GROUP_X25519, 0x0017, 0x0018};
        m.u16(groups.length * 2);
        for (int g : groups) {
            m.u16(g);
        }
        m.endLength(e, 2);

        if (quicScid == null) {
            m.u16(0x000B).u16(2).u8(1).u8(0); // ec_point_formats: uncompressed
            m.u16(0x0023).u16(0); // session_ticket
        }

        if (!alpn.isEmpty()) { // RFC 7301 section 3.1: the list is never empty; a client without ALPN omits it
            m.u16(0x0010); // ALPN
            e = m.beginLength(2);
            list = m.beginLength(2);
            for (String p : alpn) {
                m.u8(p.length()).ascii(p);
            }
            m.endLength(list, 2);
            m.endLength(e, 2);
        }

        m.u16(0x0005).u16(5).u8(1).u16(0).u16(0); // status_request (OCSP)

        m.u16(0x000D); // signature_algorithms
        e = m.beginLength(2);
        int[] sigs = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601};
        m.u16(sigs.length * 2);
        for (int s : sigs) {
            m.u16(s);
        }
        m.endLength(e, 2);

        m.u16(0x0012).u16(0); // signed_certificate_timestamp

        m.u16(0x0033); // key_share
        e = m.beginLength(2);
        list = m.beginLength(2);
        if (postQuantum) {
            m.u16(GROUP_X25519_MLKEM768).u16(1216).random(rng, 1216);
        }
        m.u16(GROUP_X25519).u16(32).random(rng, 32);
        m.endLength(list, 2);
        m.endLength(e, 2);

        m.u16(0x002D).u16(2).u8(1).u8(1); // psk_key_exchange_modes: psk_dhe_ke
        m.u16(0x002B); // supported_versions
        if (quicScid == null) {
            m.u16(5).u8(4).u16(0x0304).u16(0x0303);
        } else {
            m.u16(3).u8(2).u16(0x0304);
        }
        m.u16(0x001B).u16(3).u8(2).u16(0x0002); // compress_certificate: brotli

        if (quicScid != null) {
            m.u16(0x0039); // quic_transport_parameters (RFC 9000 §18)
            e = m.beginLength(2);
            m.varint(0x01).varint(4).varint(30_000); // max_idle_timeout
            m.varint(0x04).varint(4).varint(15_728_640); // initial_max_data
            m.varint(0x05).varint(4).varint(6_291_456); // initial_max_stream_data_bidi_local
            m.varint(0x08).varint(2).varint(100); // initial_max_streams_bidi
            m.varint(0x0F).varint(quicScid.length).bytes(quicScid); // initial_source_connection_id
            m.endLength(e, 2);
        } else if (!postQuantum) {
            // padding (RFC 7685) to the 512-byte hello many stacks send to dodge middlebox bugs
            int target = 508;
            int have = m.size() + 4;
            int pad = Math.max(0, target - have);
            m.u16(0x0015).u16(pad).zeros(pad);
        }
        m.endLength(exts, 2);
        m.endLength(len, 3);
        return m.toArray();
    }

    /** A TLS 1.3 ServerHello handshake message choosing TLS_AES_128_GCM_SHA256 and X25519. */
    static byte[] serverHello(RandomGenerator rng, boolean echoSessionId) {
        Bytes m = new Bytes();
        m.u8(2);
        int len = m.beginLength(3);
        m.u16(0x0303).random(rng, 32);
        if (echoSessionId) {
            m.u8(32).random(rng, 32);
        } else {
            m.u8(0);
        }
        m.u16(0x1301).u8(0);
        int exts = m.beginLength(2);
        m.u16(0x0033).u16(36).u16(GROUP_X25519).u16(32).random(rng, 32);
        m.u16(0x002B).u16(2).u16(0x0304);
        m.endLength(exts, 2);
        m.endLength(len, 3);
        return m.toArray();
    }

    /** Wraps a handshake message into one TLS record (RFC 8446 §5.1). */
    static byte[] handshakeRecord(byte[] message, int legacyVersion) {
        return new Bytes().u8(22).u16(legacyVersion).u16(message.length).bytes(message).toArray();
    }

    /** The middlebox-compatibility ChangeCipherSpec record (RFC 8446 §D.4). */
    static byte[] changeCipherSpec() {
        return new byte[] {20, 3, 3, 0, 1, 1};
    }
}
