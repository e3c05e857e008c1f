package org.toktrace.dissect;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds protected client Initial packets for tests (RFC 9001 section 5, RFC 9369 section 3), with
 * the key schedule under test but an independent sealing path, so the assembler can be fed
 * fragments in any order, split over packets and datagrams.
 */
final class QuicInitialSealer {

    private QuicInitialSealer() {
    }

    /**
     * A client Initial with a 4-byte packet number, carrying {@code frames} padded with PADDING so
     * the packet is at least {@code minLength} bytes.
     */
    static byte[] seal(int version, byte[] keyDcid, byte[] dcid, long packetNumber, byte[] frames, int minLength) {
        try {
            QuicClientHelloAssembler.InitialSecrets s = QuicClientHelloAssembler.clientSecrets(version, keyDcid);
            int typeBits = version == QuicClientHelloAssembler.VERSION_2 ? 0b01 : 0b00;
            ByteArrayOutputStream h = new ByteArrayOutputStream();
            h.write(0xC0 | (typeBits << 4) | 0x03);
            h.write(version >>> 24);
            h.write(version >>> 16);
            h.write(version >>> 8);
            h.write(version);
            h.write(dcid.length);
            h.writeBytes(dcid);
            h.write(3);
            h.writeBytes(new byte[] {1, 2, 3});
            h.write(0); // token length
            int payloadLength = Math.max(frames.length, 4); // 4 + payload >= the 20 bytes the sample needs
            int packetLength = h.size() + 2 + 4 + payloadLength + 16;
            if (packetLength < minLength) {
                payloadLength += minLength - packetLength;
            }
            int length = 4 + payloadLength + 16;
            h.write(0x40 | (length >>> 8));
            h.write(length);
            int pnOffset = h.size();
            for (int i = 3; i >= 0; i--) {
                h.write((int) (packetNumber >>> (8 * i)));
            }
            byte[] header = h.toByteArray();
            byte[] payload = new byte[payloadLength];
            System.arraycopy(frames, 0, payload, 0, frames.length);
            byte[] nonce = s.iv().clone();
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (packetNumber >>> (8 * i));
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(s.key(), "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(header);
            byte[] sealed = gcm.doFinal(payload);
            byte[] packet = new byte[header.length + sealed.length];
            System.arraycopy(header, 0, packet, 0, header.length);
            System.arraycopy(sealed, 0, packet, header.length, sealed.length);
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(s.hp(), "AES"));
            byte[] sample = java.util.Arrays.copyOfRange(packet, pnOffset + 4, pnOffset + 20);
            byte[] mask = ecb.doFinal(sample);
            packet[0] ^= (byte) (mask[0] & 0x0F);
            for (int i = 0; i < 4; i++) {
                packet[pnOffset + i] ^= mask[1 + i];
            }
            return packet;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRYPTO frame (RFC 9000 section 19.6) holding {@code data[from, from + length)} at stream offset {@code from}. */
    static byte[] crypto(byte[] data, int from, int length) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x06);
        varint(f, from);
        varint(f, length);
        f.write(data, from, length);
        return f.toByteArray();
    }

    /** An ACK frame with ECN counts and one extra range, so every varint of it is walked. */
    static byte[] ackEcn() {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x03);
        varint(f, 1000); // largest
        varint(f, 20); // delay
        varint(f, 1); // range count
        varint(f, 0); // first range
        varint(f, 2); // gap
        varint(f, 3); // range length
        varint(f, 1);
        varint(f, 0);
        varint(f, 70000);
        return f.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static void varint(ByteArrayOutputStream out, long v) {
        if (v < 64) {
            out.write((int) v);
        } else if (v < 16384) {
            out.write(0x40 | (int) (v >>> 8));
            out.write((int) v);
        } else {
            out.write(0x80 | (int) (v >>> 24));
            out.write((int) (v >>> 16));
            out.write((int) (v >>> 8));
            out.write((int) v);
        }
    }
}
