package org.toktrace.testkit.traffic;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * QUIC version 1 Initial packets, protected for real (RFC 9001 §5): keys from the client's
 * Destination Connection ID through HKDF (RFC 5869) with the version 1 salt, AEAD_AES_128_GCM
 * payload protection and AES-ECB header protection, so a dissector can decrypt the ClientHello.
 */
final class QuicInitial {

    private static final byte[] INITIAL_SALT_V1 = hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");

    private QuicInitial() {
    }

    /**
     * A long-header Initial packet (RFC 9000 §17.2.2) carrying {@code plaintext} frames, padded with
     * PADDING frames so the whole packet is at least {@code minLength} bytes.
     *
     * @param originalDcid the DCID of the client's first Initial, which keys both directions
     * @param fromClient   client or server keys
     */
    static byte[] seal(byte[] originalDcid, boolean fromClient, byte[] dcid, byte[] scid, long packetNumber,
            byte[] plaintext, int minLength) {
        try {
            byte[] initialSecret = hmac(INITIAL_SALT_V1, originalDcid);
            byte[] secret = expandLabel(initialSecret, fromClient ? "client in" : "server in", 32);
            byte[] key = expandLabel(secret, "quic key", 16);
            byte[] iv = expandLabel(secret, "quic iv", 12);
            byte[] hp = expandLabel(secret, "quic hp", 16);

            int pnLen = 4;
            Bytes h = new Bytes();
            h.u8(0xC0 | (pnLen - 1)).u32(1);
            h.u8(dcid.length).bytes(dcid).u8(scid.length).bytes(scid);
            h.varint(0); // token length
            int headerWithoutLength = h.size();
            int payloadLen = plaintext.length;
            int lengthFieldSize = 2;
            int packetLen = headerWithoutLength + lengthFieldSize + pnLen + payloadLen + 16;
            if (packetLen < minLength) {
                payloadLen += minLength - packetLen;
            }
            h.u16(0x4000 | (pnLen + payloadLen + 16));
            int pnOffset = h.size();
            h.u32((int) packetNumber);
            byte[] header = h.toArray();

            byte[] padded = new byte[payloadLen];
            System.arraycopy(plaintext, 0, padded, 0, plaintext.length);

            byte[] nonce = iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (packetNumber >>> (8 * i));
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(header);
            byte[] sealed = gcm.doFinal(padded);

            byte[] packet = new byte[header.length + sealed.length];
            System.arraycopy(header, 0, packet, 0, header.length);
            System.arraycopy(sealed, 0, packet, header.length, sealed.length);

            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "AES"));
            byte[] sample = new byte[16];
            System.arraycopy(packet, pnOffset + 4, sample, 0, 16);
            byte[] mask = ecb.doFinal(sample);
            packet[0] ^= (byte) (mask[0] & 0x0F);
            for (int i = 0; i < pnLen; i++) {
                packet[pnOffset + i] ^= mask[1 + i];
            }
            return packet;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-GCM or HMAC-SHA256", e);
        }
    }

    /** A CRYPTO frame (RFC 9000 §19.6) at offset 0 holding {@code data}. */
    static byte[] cryptoFrame(byte[] data) {
        return cryptoFrame(data, 0, data.length);
    }

    /** A CRYPTO frame holding {@code data[offset, offset+length)} at stream offset {@code offset}. */
    static byte[] cryptoFrame(byte[] data, int offset, int length) {
        byte[] part = java.util.Arrays.copyOfRange(data, offset, offset + length);
        return new Bytes().varint(0x06).varint(offset).varint(length).bytes(part).toArray();
    }

    /** An ACK frame acknowledging packet 0 only. */
    static byte[] ackFirst() {
        return new Bytes().varint(0x02).varint(0).varint(0).varint(0).varint(0).toArray();
    }

    private static byte[] expandLabel(byte[] secret, String label, int length) throws GeneralSecurityException {
        String full = "tls13 " + label;
        Bytes info = new Bytes().u16(length).u8(full.length()).ascii(full).u8(0).u8(1);
        byte[] t = hmac(secret, info.toArray());
        byte[] out = new byte[length];
        System.arraycopy(t, 0, out, 0, length);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
