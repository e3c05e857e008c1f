package org.toktrace.attribute;

import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.toktrace.model.Device;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LearnedName;
import org.toktrace.model.NameSource;

/**
 * Decides whose a flow is from the evidence, strongest first (DESIGN.md section 6,
 * docs/decisions/0006): the flow's own SNI or HTTP Host; a DNS answer the device received before
 * the flow, followed back through CNAMEs; the learned name memory of earlier captures; the
 * operator's IP ranges. The first source that gives a name decides; the catalog then names the
 * service and category, and an SNI the catalog does not know still wins (service unknown).
 *
 * <p>Feed it the capture's DNS answers in capture order through {@link #onDnsAnswer} and each
 * finished flow through {@link #attribute}; at the end, save {@link #learnedNames()}. One thread.
 */
public final class Attributor {

    private final ServiceCatalog catalog;
    private final DnsResolver resolver;
    private final NameMemory memory;
    private final IpRanges ranges;
    private final String captureLabel;
    private static final NameMemory NO_NAMES = new InMemoryNameMemory(List.of());
    /*
     * What is known per name already asked ({@link Named}): a capture names thousands of flows
     * with a few hundred names, and matching (label walk, role patterns) is otherwise repeated per
     * flow. Fewer calls also keep the matcher below the JIT's top tier in a short run, where
     * compiling it costs more CPU than it saves. Emptied when full: names come
     * from packets.
     */
    private static final int MAX_REMEMBERED_NAMES = 4096;
    private final Map<String, Named> byName = new HashMap<>();
    /** Learns what the resolver takes from a DNS answer: made once, not per answer. */
    private final DnsResolver.AddressNamed learnFromDns =
            (address, name, t) -> learn(address, learnable(name), NameSource.DNS, t);

    /**
     * What the attributor knows of one server name: the catalog's match, the name as the memory
     * keeps it, and the evidence texts of flows that named it themselves, made at first need. A
     * capture names thousands of flows with a few hundred names, so these are made per name and
     * the flows share them.
     */
    private static final class Named {
        final ServiceMatch match;
        /** The name normalized for the memory, or null when it cannot be learned. */
        final String learnable;
        /** Per own-name source (TLS, QUIC, HTTP) and encrypted_client_hello flag. */
        final String[] ownDetails = new String[6];

        Named(ServiceMatch match, String learnable) {
            this.match = match;
            this.learnable = learnable;
        }
    }

    /**
     * @param captureLabel how this capture is named in the memory it teaches (e.g. its file name)
     */
    public Attributor(ServiceCatalog catalog, DnsResolver resolver, NameMemory memory, IpRanges ranges,
            String captureLabel) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.ranges = Objects.requireNonNull(ranges, "ranges");
        this.captureLabel = Objects.requireNonNull(captureLabel, "captureLabel");
    }

    /** The bundled catalog and IP ranges, a fresh resolver, and {@code memory}. */
    public static Attributor withBundledData(NameMemory memory, String captureLabel) {
        return new Attributor(ServiceCatalog.bundled(), new DnsResolver(), memory, IpRanges.bundled(), captureLabel);
    }

    /** Takes a DNS response of the capture (in capture order) and learns its address-to-name mappings. */
    public void onDnsAnswer(DnsAnswer answer) {
        String question = ServiceCatalog.normalize(answer.queryName());
        if (question == null || question.length() > LearnedName.MAX_NAME_LENGTH) {
            resolver.onAnswer(answer);
        } else {
            // the resolver's chain decides the name of each address it takes from the answer
            resolver.onAnswer(answer, learnFromDns);
        }
    }

    /** {@code flow}'s attribution from all the evidence; the flow's own attribution is ignored. */
    public Attribution attribute(FlowRecord flow) {
        return fromCapture(flow).orElseGet(() -> fromElsewhere(flow, memory));
    }

    /**
     * {@code flow}'s attribution from what the capture itself shows (the flow's own name, then the
     * DNS answers seen so far), or empty when it shows nothing: then {@link #fromElsewhere} decides,
     * which may wait until the name memory is loaded.
     */
    public Optional<Attribution> fromCapture(FlowRecord flow) {
        IpAddress server = flow.key().server();
        FlowNames names = flow.names();

        String own = ownName(names);
        if (own != null) {
            Named n = named(own);
            learn(server, n.learnable, names.source(), names.timestampNanos());
            return Optional.of(attribution(n, new Evidence(names.source(), own, names.timestampNanos(),
                    ownDetail(n, names.source(), names.encryptedClientHello()))));
        }

        Optional<DnsResolution> dns = resolver.lookup(Device.Id.of(flow), server, flow.firstSeenNanos());
        if (dns.isPresent()) {
            DnsResolution d = dns.get();
            String detail = "DNS answer at " + Instant.ofEpochSecond(0, d.answeredAtNanos()) + ": " + d.chainText() + " -> " + server;
            if (d.otherDevice()) {
                detail += " (answer seen by another device, " + d.answeredBy() + "; this device asked nothing for this address)";
            }
            Named n = named(d.name());
            return Optional.of(attribution(n, new Evidence(NameSource.DNS, d.name(), d.answeredAtNanos(), withRule(detail, n))));
        }
        return Optional.empty();
    }

    /**
     * {@code flow}'s attribution from outside the capture, for a flow {@link #fromCapture} said
     * nothing about: what {@code known} remembers of the server from earlier captures, else the
     * operator networks.
     */
    public Attribution fromElsewhere(FlowRecord flow, NameMemory known) {
        return fromElsewhere(flow, NO_NAMES, known);
    }

    /**
     * The same, asking first what the capture's other flows named the server ({@code thisCapture},
     * the names this attributor learned): a connection open before the capture began shows no name
     * of its own, but the app reaches the same server again, and a name the capture itself shows is
     * nearer the flow than one from earlier captures.
     */
    public Attribution fromElsewhere(FlowRecord flow, NameMemory thisCapture, NameMemory known) {
        IpAddress server = flow.key().server();
        Optional<LearnedName> here = thisCapture.lookup(server, flow.firstSeenNanos());
        if (here.isPresent()) {
            return remembered(here.get(), "another flow of this capture to " + server);
        }
        Optional<LearnedName> earlier = known.lookup(server, flow.firstSeenNanos());
        if (earlier.isPresent()) {
            return remembered(earlier.get(), "capture " + earlier.get().capture());
        }

        Optional<IpRange> range = ranges.lookup(server);
        if (range.isPresent()) {
            IpRange r = range.get();
            Evidence e = new Evidence(NameSource.IP_RANGE, r.displayName(), flow.firstSeenNanos(),
                    "server " + server + " lies in " + r.rangeText() + ", announced by AS" + r.asn() + " " + r.asName()
                            + " (route data " + ranges.sourceVersion() + ")");
            return new Attribution(e, r.service(), r.service().equals(Attribution.TIKTOK) ? Category.OTHER : null);
        }
        return Attribution.NONE;
    }

    /** The attribution a remembered mapping gives, its evidence saying where ({@code where}) and when it was seen. */
    private Attribution remembered(LearnedName m, String where) {
        String detail = "learned from " + m.source().label() + " in " + where + ", seen "
                + Instant.ofEpochSecond(0, m.firstSeenNanos()) + " to " + Instant.ofEpochSecond(0, m.lastSeenNanos());
        Named n = named(m.name());
        return attribution(n, new Evidence(NameSource.NAME_MEMORY, m.name(), m.lastSeenNanos(), withRule(detail, n)));
    }

    /** The flow's own name, or null: a Host header's port is dropped, and an address literal is no name. */
    private static String ownName(FlowNames names) {
        String n = names.serverName();
        if (n == null || n.isBlank()) {
            return null;
        }
        n = n.strip();
        if (names.source() == NameSource.HTTP_HOST) {
            if (n.startsWith("[")) {
                return null; // [IPv6]:port
            }
            int colon = n.lastIndexOf(':');
            if (colon >= 0 && n.indexOf(':') == colon) {
                n = n.substring(0, colon);
            }
            if (n.isEmpty() || n.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')) || n.indexOf(':') >= 0) {
                return null;
            }
        }
        return n;
    }

    /** What is known of {@code name} (not null). */
    private Named named(String name) {
        Named n = byName.get(name);
        if (n == null) {
            n = newNamed(name);
        }
        return n;
    }

    private Named newNamed(String name) {
        if (byName.size() >= MAX_REMEMBERED_NAMES) {
            byName.clear();
        }
        Named n = new Named(catalog.match(name).orElse(null), learnable(name));
        byName.put(name, n);
        return n;
    }

    private static Attribution attribution(Named n, Evidence e) {
        return n.match == null ? new Attribution(e, null, null) : new Attribution(e, n.match.service(), n.match.category());
    }

    /** The evidence text of a flow that named {@code n} itself, from {@code source}. */
    private String ownDetail(Named n, NameSource source, boolean encryptedClientHello) {
        int i = 2 * (source == NameSource.TLS_SNI ? 0 : source == NameSource.QUIC_SNI ? 1 : 2) + (encryptedClientHello ? 1 : 0);
        String d = n.ownDetails[i];
        if (d == null) {
            d = ownDetailText(n, source, encryptedClientHello);
            n.ownDetails[i] = d;
        }
        return d;
    }

    private String ownDetailText(Named n, NameSource source, boolean encryptedClientHello) {
        String detail = switch (source) {
            case TLS_SNI -> "TLS ClientHello server_name";
            case QUIC_SNI -> "server_name of the ClientHello in the QUIC Initial";
            case HTTP_HOST -> "HTTP Host header";
            default -> source.label();
        };
        if (encryptedClientHello) {
            // Browsers send a GREASE encrypted_client_hello to keep the extension usable, and by
            // design it cannot be told from real ECH: say what the name is in either case
            detail += " (the ClientHello carries an encrypted_client_hello extension: if it is real ECH and"
                    + " not the GREASE that browsers send, this is the provider's public name and the"
                    + " server's own is hidden)";
        }
        return withRule(detail, n);
    }

    private String withRule(String detail, Named n) {
        return n.match == null ? detail : detail + "; catalog " + catalog.version() + ": " + n.match.rule();
    }

    /** {@code name} as the memory keeps it, or null when it cannot be learned (not a host name, too long). */
    private static String learnable(String name) {
        String n = ServiceCatalog.normalize(name);
        return n == null || n.length() > LearnedName.MAX_NAME_LENGTH ? null : n;
    }

    /** Remembers that {@code server} was {@code learnable} at {@code t}; nothing when it is null. */
    private void learn(IpAddress server, String learnable, NameSource source, long t) {
        if (learnable != null) {
            memory.learn(new LearnedName(server, learnable, source, t, t, captureLabel));
        }
    }

    /** What this analysis taught the name memory, for the store to save when the analysis ends. */
    public List<LearnedName> learnedNames() {
        return memory.learned();
    }

    public ServiceCatalog catalog() {
        return catalog;
    }

    public DnsResolver resolver() {
        return resolver;
    }
}
