package org.toktrace.dissect;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.toktrace.dissect.QuicClientHelloAssembler.InitialSecrets;

/**
 * The QUIC Initial key schedule: the initial salt of each version, and the client's Initial
 * secrets derived from the Destination Connection ID with HKDF over {@link Sha256}.
 */
final class QuicKeySchedule {

    /** RFC 9001 section 5.2, initial_salt for QUIC version 1. */
    private static final byte[] SALT_V1 = hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    /** RFC 9369 section 3.3.1, initial_salt for QUIC version 2. */
    private static final byte[] SALT_V2 = hex("0dede3def700a6db819381be6e269dcbf9bd2ed9");
    /** draft-ietf-quic-tls-29 section 5.2, also used unchanged by drafts 30 to 32. */
    private static final byte[] SALT_DRAFT_29 = hex("afbfec289993d24c9e9786f19c6111e04390a899");
    /** draft-ietf-quic-tls-23 section 5.2, used unchanged by drafts 23 to 28 (27 and 28 are accepted here). */
    private static final byte[] SALT_DRAFT_23 = hex("c3eef712c72ebb5a11a7d2432bb46365bef9f502");

    private QuicKeySchedule() {
    }

    /**
     * The initial salt of a version, or null when its Initials cannot be decrypted here. Reserved
     * greasing versions (0x?a?a?a?a, RFC 9000 section 15) have no salt of their own: Wireshark's
     * packet-quic.c ({@code quic_draft_version}) reads them as draft 29, hence with the draft-29
     * salt, and the clients in nDPI's quic_interop_V capture do seal them so (the version 1 salt
     * fails on all 63). Google QUIC (Q0xx, T0xx) and Facebook's mvfst versions are out of scope.
     */
    static byte[] salt(int packetVersion) {
        if (packetVersion == QuicLongHeader.VERSION_1) {
            return SALT_V1;
        }
        if (packetVersion == QuicLongHeader.VERSION_2) {
            return SALT_V2;
        }
        if (packetVersion >= QuicLongHeader.DRAFT_29 && packetVersion <= QuicLongHeader.DRAFT_32) {
            return SALT_DRAFT_29;
        }
        if (packetVersion == QuicLongHeader.DRAFT_27 || packetVersion == QuicLongHeader.DRAFT_28) {
            return SALT_DRAFT_23;
        }
        if ((packetVersion & 0x0F0F0F0F) == 0x0A0A0A0A) {
            return SALT_DRAFT_29;
        }
        return null;
    }

    /*
     * RFC 9001 section 5.2 (RFC 9369 section 3.3.2 for version 2's labels):
     *   initial_secret = HKDF-Extract(initial_salt, client_dst_connection_id)
     *   client_initial_secret = HKDF-Expand-Label(initial_secret, "client in", "", 32)
     *   key = HKDF-Expand-Label(client_initial_secret, "quic key", "", 16)   ("quicv2 key" in v2)
     *   iv  = HKDF-Expand-Label(client_initial_secret, "quic iv", "", 12)    ("quicv2 iv")
     *   hp  = HKDF-Expand-Label(client_initial_secret, "quic hp", "", 16)    ("quicv2 hp")
     * RFC 8446 section 7.1: HkdfLabel { uint16 length; opaque label<7..255> = "tls13 " + Label;
     *   opaque context<0..255> }; every output here fits one HMAC-SHA256 block (RFC 5869 section 2.3).
     */
    static InitialSecrets clientSecrets(int packetVersion, byte[] dcid) throws GeneralSecurityException {
        byte[] salt = salt(packetVersion);
        if (salt == null) {
            throw new GeneralSecurityException("no initial salt for version 0x" + Integer.toHexString(packetVersion));
        }
        String prefix = packetVersion == QuicLongHeader.VERSION_2 ? "quicv2 " : "quic ";
        byte[] initial = initialSecret(salt, dcid);
        byte[] client = expandLabel(initial, "client in", 32);
        Sha256.Hmac underClient = new Sha256.Hmac(client); // three labels under one secret: its pads hashed once
        return new InitialSecrets(client, expandLabel(underClient, prefix + "key", 16),
                expandLabel(underClient, prefix + "iv", 12), expandLabel(underClient, prefix + "hp", 16));
    }

    static byte[] expandLabel(byte[] secret, String label, int length) throws GeneralSecurityException {
        return expandLabel(new Sha256.Hmac(secret), label, length);
    }

    private static byte[] expandLabel(Sha256.Hmac secret, String label, int length) {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + full.length + 1 + 1];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) full.length;
        System.arraycopy(full, 0, info, 3, full.length);
        info[3 + full.length] = 0; // empty context
        info[4 + full.length] = 1; // HKDF-Expand counter of block T(1)
        return Arrays.copyOf(secret.mac(info), length);
    }

    /** HKDF-Extract under each salt, made once: every connection's keys start from one of these. */
    private static final class SaltMacs {
        private static final byte[][] SALTS = {SALT_V1, SALT_V2, SALT_DRAFT_29, SALT_DRAFT_23};
        private static final Sha256.Hmac[] MACS = new Sha256.Hmac[SALTS.length];

        static {
            for (int i = 0; i < SALTS.length; i++) {
                MACS[i] = new Sha256.Hmac(SALTS[i]);
            }
        }

        static Sha256.Hmac of(byte[] salt) {
            for (int i = 0; i < SALTS.length; i++) {
                if (SALTS[i] == salt) {
                    return MACS[i];
                }
            }
            return new Sha256.Hmac(salt);
        }
    }

    /** HKDF-Extract(salt, dcid): the initial secret of RFC 9001 section 5.2. */
    static byte[] initialSecret(byte[] salt, byte[] dcid) {
        return SaltMacs.of(salt).mac(dcid);
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
        }
        return b;
    }
}
