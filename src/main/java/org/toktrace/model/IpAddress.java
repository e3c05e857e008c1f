package org.toktrace.model;

/**
 * An IPv4 or IPv6 address held as two longs, so the packet path can compare and hash addresses
 * without allocating; {@link #toString()} gives the usual text form (RFC 5952 for IPv6).
 *
 * <p>An IPv4 address is stored in the low 32 bits of {@code lo} with {@code hi == 0}; the
 * {@code v6} flag keeps {@code ::a.b.c.d} from ever equalling {@code a.b.c.d}.
 */
public record IpAddress(boolean v6, long hi, long lo) implements Comparable<IpAddress> {

    public IpAddress {
        if (!v6 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("an IPv4 address has 32 bits");
        }
    }

    /** The IPv4 address whose 32 bits, in network order, are {@code bits}. */
    public static IpAddress ofV4(int bits) {
        return new IpAddress(false, 0, bits & 0xFFFF_FFFFL);
    }

    public static IpAddress ofV6(long hi, long lo) {
        return new IpAddress(true, hi, lo);
    }

    /** Reads a dotted-quad IPv4 or an RFC 4291 IPv6 text address; no name lookups. */
    public static IpAddress parse(String text) {
        if (text.indexOf(':') < 0) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            long v = 0;
            for (String p : parts) {
                int octet = Integer.parseInt(p);
                if (octet < 0 || octet > 255 || p.isEmpty() || p.length() > 3) {
                    throw new IllegalArgumentException("not an IPv4 address: " + text);
                }
                v = (v << 8) | octet;
            }
            return new IpAddress(false, 0, v);
        }
        return parseV6(text);
    }

    private static IpAddress parseV6(String text) {
        int[] groups = new int[8];
        String s = text;
        int dot = s.lastIndexOf('.');
        if (dot >= 0) {
            // a trailing dotted quad (::ffff:192.0.2.1) stands for the last two groups
            int colon = s.lastIndexOf(':');
            long v4 = parse(s.substring(colon + 1)).lo;
            s = s.substring(0, colon + 1) + Long.toHexString(v4 >>> 16) + ":" + Long.toHexString(v4 & 0xFFFF);
        }
        int dbl = s.indexOf("::");
        String[] head;
        String[] rest;
        if (dbl >= 0) {
            String left = s.substring(0, dbl);
            String right = s.substring(dbl + 2);
            head = left.isEmpty() ? new String[0] : left.split(":", -1);
            rest = right.isEmpty() ? new String[0] : right.split(":", -1);
            if (head.length + rest.length > 7) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
        } else {
            head = s.split(":", -1);
            rest = new String[0];
            if (head.length != 8) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
        }
        for (int i = 0; i < head.length; i++) {
            groups[i] = group(head[i], text);
        }
        for (int i = 0; i < rest.length; i++) {
            groups[8 - rest.length + i] = group(rest[i], text);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        return new IpAddress(true, hi, lo);
    }

    private static int group(String g, String text) {
        if (g.isEmpty() || g.length() > 4) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        return Integer.parseInt(g, 16);
    }

    /** The address in network byte order: 4 bytes for IPv4, 16 for IPv6. */
    public byte[] toBytes() {
        if (!v6) {
            return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    // Written out rather than generated: a record's own equals/hashCode go through method-handle
    // chains built at first use, which a short CLI run pays for in start-up time
    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && v6 == a.v6 && hi == a.hi && lo == a.lo;
    }

    @Override
    public int hashCode() {
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        h ^= h >>> 32;
        return (int) h ^ (v6 ? 0x5bd1e995 : 0);
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Boolean.compare(v6, o.v6);
        if (c == 0) {
            c = Long.compareUnsigned(hi, o.hi);
        }
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        if (!v6) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        // RFC 5952 section 4.2: shorten the longest run (two or more) of zero groups, the first on a tie
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
