package org.toktrace.attribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.toktrace.model.IpAddress;

/**
 * The operator's own networks ({@code ip-ranges.tsv} beside this class, made by
 * {@code src/main/scripts/extract-ip-ranges.py} from public route data), matched by binary search.
 *
 * <p>Ranges are kept sorted by first address in one array per IP version; a look-up finds the last
 * range starting at or below the address and checks its end, comparing the address's two longs
 * unsigned. Overlapping rows are rejected when the file is read, so that answer is the only one.
 */
public final class IpRanges {

    public static final String RESOURCE = "ip-ranges.tsv";


    private final IpRange[] v4;
    private final IpRange[] v6;
    private final String sourceVersion;

    private IpRanges(List<IpRange> ranges, String sourceVersion) {
        this.sourceVersion = sourceVersion;
        this.v4 = sorted(ranges, false);
        this.v6 = sorted(ranges, true);
    }

    // a loop and a plain comparator, no stream: this runs in every analysis' first 100 ms, on a cold JVM
    private static final Comparator<IpRange> BY_FIRST = new Comparator<>() {
        @Override
        public int compare(IpRange x, IpRange y) {
            return x.first().compareTo(y.first());
        }
    };

    private static IpRange[] sorted(List<IpRange> ranges, boolean v6) {
        List<IpRange> of = new ArrayList<>();
        for (IpRange r : ranges) {
            if (r.first().v6() == v6) {
                of.add(r);
            }
        }
        IpRange[] a = of.toArray(new IpRange[0]);
        Arrays.sort(a, BY_FIRST);
        for (int i = 1; i < a.length; i++) {
            if (a[i].first().compareTo(a[i - 1].last()) <= 0) {
                throw new IllegalArgumentException("overlapping ranges: " + a[i - 1].rangeText() + " and " + a[i].rangeText());
            }
        }
        return a;
    }

    private static final OnFirstUse<IpRanges> BUNDLED =
            new OnFirstUse<>(() -> parse(BundledData.lines(RESOURCE, "the IP range file"), RESOURCE));

    /** The ranges shipped with TokTrace, read on first use, once. */
    public static IpRanges bundled() {
        return BUNDLED.get();
    }

    /** No ranges at all. */
    public static IpRanges none() {
        return new IpRanges(List.of(), "none");
    }

    /** These ranges (they must not overlap). */
    public static IpRanges of(List<IpRange> ranges) {
        return new IpRanges(ranges, "given");
    }

    /**
     * Reads rows {@code first<TAB>last<TAB>asn<TAB>as name<TAB>service}; {@code #} lines are comments.
     *
     * @throws IllegalArgumentException naming the line, for a row that is not understood
     */
    public static IpRanges parse(List<String> lines, String origin) {
        List<IpRange> ranges = new ArrayList<>();
        String version = BundledData.readRows(lines, origin, "source-version:", "unknown", f -> {
            if (f.length != 5) {
                throw new IllegalArgumentException("a range row has 5 tab-separated fields, not " + f.length);
            }
            ranges.add(new IpRange(IpAddress.parse(f[0]), IpAddress.parse(f[1]), Long.parseLong(f[2]), f[3], f[4]));
        });
        return new IpRanges(ranges, version);
    }

    /** The operator's range holding {@code address}, or empty. */
    public Optional<IpRange> lookup(IpAddress address) {
        IpRange[] a = address.v6() ? v6 : v4;
        int lo = 0;
        int hi = a.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid].first().compareTo(address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found >= 0 && address.compareTo(a[found].last()) <= 0) {
            return Optional.of(a[found]);
        }
        return Optional.empty();
    }

    /** The number of ranges, both IP versions. */
    public int size() {
        return v4.length + v6.length;
    }

    /** The version of the route data the file was made from. */
    public String sourceVersion() {
        return sourceVersion;
    }
}
