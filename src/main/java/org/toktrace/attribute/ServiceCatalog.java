package org.toktrace.attribute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.toktrace.model.Category;

/**
 * The service catalog: domain suffix rules read from a data file ({@code catalog.tsv} beside this
 * class), matched on whole labels, case-insensitive, one trailing dot ignored, longest suffix first.
 *
 * <p>A name is split into labels once and walked from the full name towards its last label; each
 * step is one {@link HashMap} look-up, so a match costs a handful of look-ups per flow. Three row
 * kinds exist: {@code suffix} (a domain and everything under it), {@code host} (the label just
 * left of a shared domain names the customer, as on {@code akamaized.net}) and {@code role} (the
 * first label decides the category within a service: {@code v16-...} video, {@code p16-...} images).
 * The format is described at the top of the data file.
 */
public final class ServiceCatalog {

    /** The resource the bundled catalog is read from. */
    public static final String RESOURCE = "catalog.tsv";

    /** Services that carry every app's notifications: never counted as TikTok (DESIGN.md section 5). */
    public static final Set<String> PLATFORM_PUSH = Set.of("Google FCM", "Apple APNs");

    /** Longer input is not a DNS name (RFC 1035 allows 253 characters); it is not matched at all. */
    private static final int MAX_NAME_CHARS = 1024;
    private static final int MAX_LABELS = 128;


    private final String version;
    private final Map<String, Rule> suffixes;
    private final Map<String, List<HostRule>> hostRules;
    private final Map<String, List<RoleRule>> roles;

    private record Rule(String service, Category category, String text) {
    }

    private record HostRule(Pattern label, Rule rule) {
    }

    private record RoleRule(Pattern label, Category category) {
    }

    private ServiceCatalog(String version, Map<String, Rule> suffixes, Map<String, List<HostRule>> hostRules,
            Map<String, List<RoleRule>> roles) {
        this.version = version;
        this.suffixes = suffixes;
        this.hostRules = hostRules;
        this.roles = roles;
    }

    private static final OnFirstUse<ServiceCatalog> BUNDLED =
            new OnFirstUse<>(() -> parse(BundledData.lines(RESOURCE, "the service catalog"), RESOURCE));

    /** The catalog shipped with TokTrace, read on first use, once. */
    public static ServiceCatalog bundled() {
        return BUNDLED.get();
    }

    /** Reads a catalog from an input stream in the data-file format. */
    public static ServiceCatalog read(InputStream in, String origin) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(r.lines().toList(), origin);
        }
    }

    /**
     * Reads catalog lines; {@code origin} names the source in error messages.
     *
     * @throws IllegalArgumentException naming the line, for a row that is not understood
     */
    public static ServiceCatalog parse(List<String> lines, String origin) {
        Map<String, Rule> suffixes = new HashMap<>();
        Map<String, List<HostRule>> hostRules = new HashMap<>();
        Map<String, List<RoleRule>> roles = new HashMap<>();
        String version = BundledData.readRows(lines, origin, "version:", "unversioned", f -> {
            switch (f[0]) {
                case "suffix" -> {
                    expect(f, 4);
                    String suffix = normalize(f[1]);
                    if (suffix == null) {
                        throw new IllegalArgumentException("not a domain: " + f[1]);
                    }
                    Rule prev = suffixes.putIfAbsent(suffix, new Rule(f[2], Category.of(f[3]), "the name ends in " + suffix));
                    if (prev != null) {
                        throw new IllegalArgumentException("suffix " + suffix + " listed twice");
                    }
                }
                case "host" -> {
                    expect(f, 5);
                    String parent = normalize(f[1]);
                    if (parent == null) {
                        throw new IllegalArgumentException("not a domain: " + f[1]);
                    }
                    hostRules.computeIfAbsent(parent, k -> new ArrayList<>()).add(new HostRule(
                            label(f[2]), new Rule(f[3], Category.of(f[4]),
                                    "the catalog lists this " + parent + " host for " + f[3])));
                }
                case "role" -> {
                    expect(f, 4);
                    roles.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new RoleRule(label(f[2]), Category.of(f[3])));
                }
                default -> throw new IllegalArgumentException("unknown row kind '" + f[0] + "'");
            }
        });
        hostRules.replaceAll((k, v) -> List.copyOf(v));
        roles.replaceAll((k, v) -> List.copyOf(v));
        return new ServiceCatalog(version, Map.copyOf(suffixes), Map.copyOf(hostRules), Map.copyOf(roles));
    }

    private static void expect(String[] f, int n) {
        if (f.length != n) {
            throw new IllegalArgumentException("a " + f[0] + " row has " + n + " tab-separated fields, not " + f.length);
        }
    }

    private static Pattern label(String regex) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad label pattern " + regex + ": " + e.getDescription());
        }
    }

    /** The catalog's {@code # version:} line, stored with results so they say which rules made them. */
    public String version() {
        return version;
    }

    /** The number of suffix rules. */
    public int size() {
        return suffixes.size();
    }

    /**
     * The service and category of {@code name}, or empty when no rule matches (also for null, empty,
     * absurdly long or malformed names: untrusted input is data, never an exception).
     */
    public Optional<ServiceMatch> match(String name) {
        String n = normalize(name);
        if (n == null) {
            return Optional.empty();
        }
        String[] labels = n.split("\\.", -1);
        if (labels.length > MAX_LABELS) {
            return Optional.empty();
        }
        // walk from the full name to its last label: the first rule met is the longest suffix
        int offset = 0;
        for (int i = 0; i < labels.length; i++) {
            String suffix = n.substring(offset);
            Rule rule = suffixes.get(suffix);
            if (rule != null) {
                return Optional.of(withRole(rule, labels[0], i > 0));
            }
            int next = offset + labels[i].length() + 1;
            if (i + 1 < labels.length) {
                List<HostRule> hosts = hostRules.get(n.substring(next));
                if (hosts != null) {
                    for (HostRule h : hosts) {
                        if (h.label.matcher(labels[i]).matches()) {
                            return Optional.of(withRole(h.rule, labels[0], true));
                        }
                    }
                }
            }
            offset = next;
        }
        return Optional.empty();
    }

    /** True when {@code service} is a platform push channel (FCM, APNs). */
    public static boolean isPlatformPush(String service) {
        return service != null && PLATFORM_PUSH.contains(service);
    }

    /** What a role's servers are called in the evidence ("video servers", "API servers"). */
    private static String serversFor(Category c) {
        return switch (c) {
            case API -> "API servers";
            case ADS -> "ad servers";
            case LIVE -> "live-stream servers";
            case OTHER -> "other servers";
            default -> c.label() + " servers";
        };
    }

    private ServiceMatch withRole(Rule rule, String firstLabel, boolean hasHostLabel) {
        if (hasHostLabel) {
            List<RoleRule> rs = roles.get(rule.service);
            if (rs != null) {
                for (RoleRule r : rs) {
                    if (r.label.matcher(firstLabel).matches()) {
                        // in words, not the row's regular expression: the evidence is read by people
                        return new ServiceMatch(rule.service, r.category, rule.text + "; its first label, " + firstLabel
                                + ", is how " + rule.service + " names its " + serversFor(r.category));
                    }
                }
            }
        }
        return new ServiceMatch(rule.service, rule.category, rule.text);
    }

    /**
     * {@code name} in lower case without one trailing dot, or null when it cannot be a host name:
     * null, empty, longer than 1024 characters, or with an empty label.
     */
    static String normalize(String name) {
        if (name == null) {
            return null;
        }
        int len = name.length();
        if (len > 0 && name.charAt(len - 1) == '.') {
            len--;
        }
        if (len == 0 || len > MAX_NAME_CHARS) {
            return null;
        }
        // one pass, and no copy for the usual name (lower-case ASCII): every DNS answer and flow
        // name comes through here, thousands per capture
        boolean lowerAscii = true;
        char previous = '.'; // so that a leading dot reads as an empty label
        for (int i = 0; i < len; i++) {
            char c = name.charAt(i);
            if (c == '.' && previous == '.') {
                return null; // an empty label
            }
            lowerAscii &= c < 0x80 && (c < 'A' || c > 'Z');
            previous = c;
        }
        if (!lowerAscii) {
            return name.substring(0, len).toLowerCase(Locale.ROOT);
        }
        return len == name.length() ? name : name.substring(0, len);
    }
}
