package org.toktrace.testkit.traffic;

import java.util.Arrays;

/** An IPv4 or IPv6 address as the generator writes it into headers. */
final class Addr {
    final boolean v6;
    final int v4;
    private final byte[] bytes;

    private Addr(boolean v6, int v4, byte[] bytes) {
        this.v6 = v6;
        this.v4 = v4;
        this.bytes = bytes;
    }

    static Addr v4(int a, int b, int c, int d) {
        int v = (a << 24) | (b << 16) | (c << 8) | d;
        return new Addr(false, v, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    static Addr v4(int bits) {
        return v4(bits >>> 24, (bits >>> 16) & 0xFF, (bits >>> 8) & 0xFF, bits & 0xFF);
    }

    /** An IPv6 address from its eight 16-bit groups. */
    static Addr v6(int... groups) {
        if (groups.length != 8) {
            throw new IllegalArgumentException("eight groups");
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >>> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return new Addr(true, 0, b);
    }

    /** An address from its text form (a literal: dotted quad or IPv6, never a name to look up). */
    static Addr parse(String text) {
        if (!text.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an address literal: " + text);
        }
        byte[] b;
        try {
            b = java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + text, e);
        }
        if (b.length == 4) {
            return v4(b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF);
        }
        return new Addr(true, 0, b);
    }

    /** Writes the 4 or 16 address bytes at {@code off}. */
    void put(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, bytes.length);
    }

    int length() {
        return bytes.length;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Addr a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        if (!v6) {
            return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF)));
        }
        return sb.toString();
    }
}
