package org.toktrace.attribute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.toktrace.model.RegionHint;

/**
 * The region hints in TikTok's server names ({@code region-hints.tsv} beside the catalog, which gives
 * the matching rule and the sources): {@code alisg} in {@code api16-normal-c-alisg.tiktokv.com} says
 * Singapore, on Alibaba Cloud.
 */
public final class RegionHints {

    public static final String RESOURCE = "region-hints.tsv";

    private record Row(Pattern pattern, String place, String country, boolean inferred) {
    }

    private final List<Row> rows;

    private RegionHints(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The hints shipped with TokTrace, read once. */
    public static RegionHints bundled() {
        return Bundled.DATA;
    }

    private static final class Bundled {
        static final RegionHints DATA = parse(BundledData.lines(RESOURCE, "the region hint table"), RESOURCE);
    }

    /**
     * Reads rows {@code pattern<TAB>place<TAB>country<TAB>stated|inferred<TAB>sources}.
     *
     * @throws IllegalArgumentException naming the line, for a row that is not understood
     */
    public static RegionHints parse(List<String> lines, String origin) {
        List<Row> rows = new ArrayList<>();
        BundledData.readRows(lines, origin, "version:", "", f -> {
            if (f.length != 5) {
                throw new IllegalArgumentException("a region hint row has 5 tab-separated fields, not " + f.length);
            }
            if (!f[2].isEmpty() && !f[2].matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("not an ISO country code: " + f[2]);
            }
            if (!f[3].equals("stated") && !f[3].equals("inferred")) {
                throw new IllegalArgumentException("the fourth field is stated or inferred, not " + f[3]);
            }
            try {
                rows.add(new Row(Pattern.compile(f[0], Pattern.CASE_INSENSITIVE), f[1], f[2], f[3].equals("inferred")));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad pattern " + f[0] + ": " + e.getDescription());
            }
        });
        return new RegionHints(rows);
    }

    /** The hint in {@code serverName}, or null when none of its labels carries one. */
    public RegionHint of(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return null;
        }
        String name = serverName.toLowerCase(Locale.ROOT);
        for (String label : name.split("\\.")) {
            String[] parts = label.split("-");
            // two parts first: "eu-ttp2" says more than its "ttp2"
            for (int i = 0; i + 1 < parts.length; i++) {
                RegionHint h = match(parts[i] + "-" + parts[i + 1]);
                if (h != null) {
                    return h;
                }
            }
            for (String part : parts) {
                RegionHint h = match(part);
                if (h != null) {
                    return h;
                }
            }
        }
        return null;
    }

    private RegionHint match(String token) {
        if (token.isEmpty()) {
            return null;
        }
        for (Row r : rows) {
            if (r.pattern.matcher(token).matches()) {
                return new RegionHint(token, r.place, r.country, r.inferred);
            }
        }
        return null;
    }
}
