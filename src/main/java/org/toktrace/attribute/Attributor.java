package org.toktrace.attribute;

import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    /*
     * The catalog's answer per name already asked: a capture names thousands of flows with a few
     * hundred names, and matching (label walk, role patterns) is otherwise repeated per flow. Fewer
     * calls also keep the matcher below the JIT's top tier in a short run, where compiling it cost
     * more CPU than it saved (docs/performance.md). Emptied when full: names come from packets.
     */
    private static final int MAX_REMEMBERED_MATCHES = 4096;
    private final Map<String, Optional<ServiceMatch>> matches = new HashMap<>();

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
        resolver.onAnswer(answer);
        String question = ServiceCatalog.normalize(answer.queryName());
        if (question == null || question.length() > LearnedName.MAX_NAME_LENGTH) {
            return;
        }
        for (DnsAnswer.Record r : answer.records()) {
            if (r.address() != null) {
                // the resolver's chain decides the name; look it up rather than re-walk the records
                resolver.lookup(DeviceKey.of(answer), r.address(), answer.timestampNanos())
                        .filter(res -> !res.otherDevice() && res.answeredAtNanos() == answer.timestampNanos())
                        .ifPresent(res -> learn(r.address(), res.name(), NameSource.DNS, answer.timestampNanos()));
            }
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
            learn(server, own, names.source(), names.timestampNanos());
            String detail = switch (names.source()) {
                case TLS_SNI -> "TLS ClientHello server_name";
                case QUIC_SNI -> "server_name of the ClientHello in the QUIC Initial";
                case HTTP_HOST -> "HTTP Host header";
                default -> names.source().label();
            };
            if (names.encryptedClientHello()) {
                // Browsers send a GREASE encrypted_client_hello to keep the extension usable, and by
                // design it cannot be told from real ECH: say what the name is in either case
                detail += " (the ClientHello carries an encrypted_client_hello extension: if it is real ECH and"
                        + " not the GREASE that browsers send, this is the provider's public name and the"
                        + " server's own is hidden)";
            }
            return Optional.of(decide(new Evidence(names.source(), own, names.timestampNanos(), withRule(detail, own))));
        }

        Optional<DnsResolution> dns = resolver.lookup(DeviceKey.of(flow), server, flow.firstSeenNanos());
        if (dns.isPresent()) {
            DnsResolution d = dns.get();
            String detail = "DNS answer at " + Instant.ofEpochSecond(0, d.answeredAtNanos()) + ": " + d.chainText() + " -> " + server;
            if (d.otherDevice()) {
                detail += " (answer seen by another device, " + d.answeredBy() + "; this device asked nothing for this address)";
            }
            return Optional.of(decide(new Evidence(NameSource.DNS, d.name(), d.answeredAtNanos(), withRule(detail, d.name()))));
        }
        return Optional.empty();
    }

    /**
     * {@code flow}'s attribution from outside the capture, for a flow {@link #fromCapture} said
     * nothing about: what {@code known} remembers of the server from earlier captures, else the
     * operator networks.
     */
    public Attribution fromElsewhere(FlowRecord flow, NameMemory known) {
        IpAddress server = flow.key().server();
        Optional<LearnedName> remembered = known.lookup(server, flow.firstSeenNanos());
        if (remembered.isPresent()) {
            LearnedName m = remembered.get();
            String detail = "learned from " + m.source().label() + " in capture " + m.capture() + ", seen "
                    + Instant.ofEpochSecond(0, m.firstSeenNanos()) + " to " + Instant.ofEpochSecond(0, m.lastSeenNanos());
            return decide(new Evidence(NameSource.NAME_MEMORY, m.name(), m.lastSeenNanos(), withRule(detail, m.name())));
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

    private Optional<ServiceMatch> match(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<ServiceMatch> m = matches.get(name);
        if (m == null) {
            if (matches.size() >= MAX_REMEMBERED_MATCHES) {
                matches.clear();
            }
            m = catalog.match(name);
            matches.put(name, m);
        }
        return m;
    }

    private Attribution decide(Evidence e) {
        Optional<ServiceMatch> m = match(e.name());
        if (m.isEmpty()) {
            return new Attribution(e, null, null);
        }
        return new Attribution(e, m.get().service(), m.get().category());
    }

    private String withRule(String detail, String name) {
        return match(name).map(m -> detail + "; catalog " + catalog.version() + ": " + m.rule()).orElse(detail);
    }

    private void learn(IpAddress server, String name, NameSource source, long t) {
        String n = ServiceCatalog.normalize(name);
        if (n == null || n.length() > LearnedName.MAX_NAME_LENGTH) {
            return;
        }
        memory.learn(new LearnedName(server, n, source, t, t, captureLabel));
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
