package org.toktrace.attribute;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.toktrace.model.IpAddress;
import org.toktrace.model.PrintableText;
import org.toktrace.model.ServerNetwork;

/**
 * The offline IP network table ({@code ip-networks.bin} beside this class, made by
 * {@code src/main/scripts/extract-ip-networks.py} from the open data of @ip-location-db): the
 * autonomous system, its name and the country of every IPv4 and IPv6 address.
 *
 * <p>Each IP version is a sorted array of range starts, a range ending where the next begins, with
 * parallel arrays of AS (as an index into the AS table, 0 for none) and country index; a look-up is
 * one binary search. IPv6 starts are two longs compared unsigned. AS names stay UTF-8 in one byte
 * array with offsets and become strings only when looked up, which keeps the table near 16 MB of
 * heap for about a million ranges.
 *
 * <p>The file is read as untrusted: every count is bounded before anything is allocated, starts must
 * rise strictly, indexes must point into their tables, and a truncated or altered file fails at load
 * with a message naming what is wrong.
 */
public final class IpNetworks {

    public static final String RESOURCE = "ip-networks.bin";
    public static final String GROUPS_RESOURCE = "network-groups.tsv";
    private static final byte[] MAGIC = "TTIPNET1".getBytes(StandardCharsets.US_ASCII);

    // generous bounds, far above today's table (251 countries, 91 k ASes, 621 k + 343 k ranges)
    private static final int MAX_COUNTRIES = 1024;
    private static final int MAX_ASES = 1 << 22;
    private static final int MAX_RANGES = 1 << 23;

    private final String source;
    private final String dataDate;
    private final String[] countries;
    private final int[] asNumbers;
    private final int[] nameStart;
    private final byte[] names;
    private final int[] v4First;
    private final int[] v4As;
    private final short[] v4Country;
    private final long[] v6Hi;
    private final long[] v6Lo;
    private final int[] v6As;
    private final short[] v6Country;
    private final Map<Long, String> groups;

    private IpNetworks(Reader r, Map<Long, String> groups) {
        this.source = r.source;
        this.dataDate = r.dataDate;
        this.countries = r.countries;
        this.asNumbers = r.asNumbers;
        this.nameStart = r.nameStart;
        this.names = r.names;
        this.v4First = r.v4First;
        this.v4As = r.v4As;
        this.v4Country = r.v4Country;
        this.v6Hi = r.v6Hi;
        this.v6Lo = r.v6Lo;
        this.v6As = r.v6As;
        this.v6Country = r.v6Country;
        this.groups = Map.copyOf(groups);
    }

    private static final OnFirstUse<IpNetworks> BUNDLED = new OnFirstUse<>(IpNetworks::load);

    /** The table shipped with TokTrace, read on first use, once. */
    public static IpNetworks bundled() {
        return BUNDLED.get();
    }

    private static IpNetworks load() {
        Map<Long, String> groups = parseGroups(BundledData.lines(GROUPS_RESOURCE, "the network group table"),
                GROUPS_RESOURCE);
        try (InputStream in = IpNetworks.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the IP network table " + RESOURCE + " is missing from the class path");
            }
            return read(in, RESOURCE, groups);
        } catch (IOException e) {
            throw new IllegalStateException("the IP network table " + RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads rows {@code asn<TAB>group<TAB>name}, group one of {@code bytedance cdn cloud}.
     *
     * @throws IllegalArgumentException naming the line, for a row that is not understood
     */
    static Map<Long, String> parseGroups(java.util.List<String> lines, String origin) {
        Map<Long, String> groups = new HashMap<>();
        BundledData.readRows(lines, origin, "version:", "", f -> {
            if (f.length != 3) {
                throw new IllegalArgumentException("a group row has 3 tab-separated fields, not " + f.length);
            }
            String group = switch (f[1].toLowerCase(Locale.ROOT)) {
                case "bytedance" -> ServerNetwork.BYTEDANCE;
                case "cdn" -> ServerNetwork.CDN;
                case "cloud" -> ServerNetwork.CLOUD;
                default -> throw new IllegalArgumentException("unknown group " + f[1]);
            };
            if (groups.put(Long.parseLong(f[0]), group) != null) {
                throw new IllegalArgumentException("AS" + f[0] + " is listed twice");
            }
        });
        return groups;
    }

    /**
     * Reads a table in the layout {@code extract-ip-networks.py} writes (gzip).
     *
     * @throws IllegalArgumentException naming {@code origin} and what is wrong, for a file that is
     *                                  truncated, altered or not such a table
     */
    public static IpNetworks read(InputStream gzip, String origin, Map<Long, String> groups) throws IOException {
        Reader r = new Reader(origin);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(gzip, 1 << 16), 1 << 16))) {
            r.read(in);
        } catch (EOFException e) {
            throw new IllegalArgumentException(origin + " is truncated: it ends inside " + r.section);
        } catch (ZipException e) {
            throw new IllegalArgumentException(origin + " is not a gzip file or is damaged (" + e.getMessage() + ") in "
                    + r.section);
        }
        return new IpNetworks(r, groups);
    }

    /** Reads the file's sections into arrays, checking each value as it comes. */
    private static final class Reader {
        final String origin;
        String section = "the header";
        String source;
        String dataDate;
        String[] countries;
        int[] asNumbers;
        int[] nameStart;
        byte[] names;
        int[] v4First;
        int[] v4As;
        short[] v4Country;
        long[] v6Hi;
        long[] v6Lo;
        int[] v6As;
        short[] v6Country;

        Reader(String origin) {
            this.origin = origin;
        }

        private IllegalArgumentException bad(String what) {
            return new IllegalArgumentException(origin + ": " + what + " in " + section);
        }

        private int count(DataInputStream in, int max, String what) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > max) {
                throw bad("a count of " + what + " of " + n + " (0 to " + max + " expected)");
            }
            return n;
        }

        private String utf(DataInputStream in) throws IOException {
            byte[] b = new byte[in.readUnsignedShort()];
            in.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        void read(DataInputStream in) throws IOException {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw bad("no TTIPNET1 signature (not an IP network table of this version)");
            }
            source = utf(in);
            dataDate = utf(in);
            if (!dataDate.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw bad("a data date that is not YYYY-MM-DD");
            }
            section = "the country table";
            int c = in.readUnsignedShort();
            if (c < 1 || c > MAX_COUNTRIES) {
                throw bad(c + " countries (1 to " + MAX_COUNTRIES + " expected)");
            }
            countries = new String[c];
            for (int i = 0; i < c; i++) {
                int a = in.readUnsignedByte();
                int b = in.readUnsignedByte();
                boolean none = a == '-' && b == '-';
                if (i == 0 ? !none : !(a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z')) {
                    throw bad("country " + i + " is not " + (i == 0 ? "--" : "two capital letters"));
                }
                countries[i] = none ? "" : "" + (char) a + (char) b;
            }
            section = "the AS table";
            int n = count(in, MAX_ASES, "autonomous systems");
            asNumbers = ints(in, n);
            for (int i = 0; i < n; i++) {
                if (asNumbers[i] == 0 || (i > 0 && Integer.compareUnsigned(asNumbers[i], asNumbers[i - 1]) <= 0)) {
                    throw bad("AS numbers not rising at entry " + i);
                }
            }
            section = "the AS names";
            nameStart = new int[n + 1];
            ByteArrayOutputStream text = new ByteArrayOutputStream(n * 24);
            byte[] name = new byte[0xFFFF];
            for (int i = 0; i < n; i++) {
                int length = in.readUnsignedShort();
                in.readFully(name, 0, length);
                text.write(name, 0, length);
                nameStart[i + 1] = text.size();
            }
            names = text.toByteArray();
            section = "the IPv4 ranges";
            int n4 = count(in, MAX_RANGES, "IPv4 ranges");
            v4First = ints(in, n4);
            long previous = -1;
            for (int i = 0; i < n4; i++) {
                long first = previous + (v4First[i] & 0xFFFF_FFFFL) + (i == 0 ? 1 : 0);
                if (i == 0 ? first != 0 : first <= previous || first > 0xFFFF_FFFFL) {
                    throw bad(i == 0 ? "a first range that does not start at 0.0.0.0" : "starts not rising at range " + i);
                }
                v4First[i] = (int) first;
                previous = first;
            }
            v4As = asIndexes(in, n4);
            v4Country = countryIndexes(in, n4);
            section = "the IPv6 ranges";
            int n6 = count(in, MAX_RANGES, "IPv6 ranges");
            long[] pairs = longs(in, 2 * n6);
            v6Hi = new long[n6];
            v6Lo = new long[n6];
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < n6; i++) {
                long dHi = pairs[2 * i];
                long dLo = pairs[2 * i + 1];
                long nLo = lo + dLo;
                long carry = Long.compareUnsigned(nLo, lo) < 0 ? 1 : 0;
                long nHi = hi + dHi + carry;
                boolean zero = dHi == 0 && dLo == 0;
                // an unsigned 128-bit sum ends at or below where it began exactly when it wrapped
                int order = Long.compareUnsigned(nHi, hi);
                boolean wrapped = order < 0 || (order == 0 && Long.compareUnsigned(nLo, lo) <= 0);
                if (i == 0 ? !zero : zero || wrapped) {
                    throw bad(i == 0 ? "a first range that does not start at ::" : "starts not rising at range " + i);
                }
                hi = nHi;
                lo = nLo;
                v6Hi[i] = hi;
                v6Lo[i] = lo;
            }
            v6As = asIndexes(in, n6);
            v6Country = countryIndexes(in, n6);
            section = "the end of the file";
            if (in.read() != -1) {
                throw bad("bytes after the last section");
            }
        }

        // a column at a time into a buffer, then converted in bulk: per-value reads through the
        // stream cost several times the inflating on a cold JVM
        private static final int CHUNK = 1 << 16;

        private static int[] ints(DataInputStream in, int n) throws IOException {
            int[] out = new int[n];
            byte[] b = new byte[CHUNK * 4];
            for (int done = 0; done < n; ) {
                int k = Math.min(CHUNK, n - done);
                in.readFully(b, 0, k * 4);
                ByteBuffer.wrap(b, 0, k * 4).asIntBuffer().get(out, done, k);
                done += k;
            }
            return out;
        }

        private static long[] longs(DataInputStream in, int n) throws IOException {
            long[] out = new long[n];
            byte[] b = new byte[CHUNK * 8];
            for (int done = 0; done < n; ) {
                int k = Math.min(CHUNK, n - done);
                in.readFully(b, 0, k * 8);
                ByteBuffer.wrap(b, 0, k * 8).asLongBuffer().get(out, done, k);
                done += k;
            }
            return out;
        }

        /** The AS column: each range's position in the AS table plus one, 0 for none. */
        private int[] asIndexes(DataInputStream in, int n) throws IOException {
            int[] out = ints(in, n);
            for (int i = 0; i < n; i++) {
                if (out[i] < 0 || out[i] > asNumbers.length) {
                    throw bad("range " + i + " names AS entry " + out[i] + " of " + asNumbers.length);
                }
            }
            return out;
        }

        private short[] countryIndexes(DataInputStream in, int n) throws IOException {
            short[] out = new short[n];
            byte[] b = new byte[CHUNK * 2];
            for (int done = 0; done < n; ) {
                int k = Math.min(CHUNK, n - done);
                in.readFully(b, 0, k * 2);
                ByteBuffer.wrap(b, 0, k * 2).asShortBuffer().get(out, done, k);
                done += k;
            }
            for (int i = 0; i < n; i++) {
                if ((out[i] & 0xFFFF) >= countries.length) {
                    throw bad("range " + i + " has country " + (out[i] & 0xFFFF) + " of " + countries.length);
                }
            }
            return out;
        }
    }

    /**
     * The network of {@code address}: a special-purpose address answers with what it is
     * ({@code private}, {@code CGNAT}, ...), a public one with its AS, name and country, an address
     * the table has no row for with {@link ServerNetwork#NONE}.
     */
    public ServerNetwork lookup(IpAddress address) {
        IpAddress mapped = SpecialAddresses.mappedV4(address);
        IpAddress a = mapped != null ? mapped : address;
        String kind = SpecialAddresses.kind(a);
        if (kind != null) {
            return ServerNetwork.notPublic(kind);
        }
        int i;
        int as;
        int country;
        if (!a.v6()) {
            i = lastAtOrBelow(a.lo());
            if (i < 0) {
                return ServerNetwork.NONE;
            }
            as = v4As[i];
            country = v4Country[i] & 0xFFFF;
        } else {
            i = lastAtOrBelow(a.hi(), a.lo());
            if (i < 0) {
                return ServerNetwork.NONE;
            }
            as = v6As[i];
            country = v6Country[i] & 0xFFFF;
        }
        if (as == 0 && country == 0) {
            return ServerNetwork.NONE;
        }
        long asn = as == 0 ? 0 : asNumbers[as - 1] & 0xFFFF_FFFFL;
        String name = as == 0 ? "" : name(as - 1);
        String group = as == 0 ? ServerNetwork.OTHER : groups.getOrDefault(asn, ServerNetwork.OTHER);
        return new ServerNetwork(asn, name, countries[country], group);
    }

    private int lastAtOrBelow(long v4) {
        int lo = 0;
        int hi = v4First.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((v4First[mid] & 0xFFFF_FFFFL) <= v4) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private int lastAtOrBelow(long hi6, long lo6) {
        int lo = 0;
        int hi = v6Hi.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(v6Hi[mid], hi6);
            if (c < 0 || (c == 0 && Long.compareUnsigned(v6Lo[mid], lo6) <= 0)) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** AS name {@code i}, under the rule for text from outside ({@link PrintableText}): the data is third-party text. */
    private String name(int i) {
        return PrintableText.of(new String(names, nameStart[i], nameStart[i + 1] - nameStart[i], StandardCharsets.UTF_8))
                .strip();
    }

    /** The packages and versions the table was made from. */
    public String source() {
        return source;
    }

    /** The date of the table's data, {@code YYYY-MM-DD}. */
    public String dataDate() {
        return dataDate;
    }

    /** The number of IPv4 ranges plus IPv6 ranges. */
    public int size() {
        return v4First.length + v6Hi.length;
    }
}
