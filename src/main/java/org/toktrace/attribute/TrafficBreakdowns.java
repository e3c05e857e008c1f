package org.toktrace.attribute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.toktrace.model.Category;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.IpProtocols;
import org.toktrace.model.ServiceTotals;
import org.toktrace.model.TrafficBreakdown;

/** Sums attributed flows into a {@link TrafficBreakdown}, telling why unnamed flows have no name. */
public final class TrafficBreakdowns {

    /** Public DNS-over-HTTPS resolvers: while a device uses one, its DNS answers are not in the capture. */
    static final Set<String> DOH_RESOLVERS = Set.of("dns.google", "dns.google.com", "cloudflare-dns.com",
            "mozilla.cloudflare-dns.com", "chrome.cloudflare-dns.com", "one.one.one.one", "1dot1dot1dot1.cloudflare-dns.com",
            "dns.quad9.net", "dns9.quad9.net", "doh.opendns.com", "dns.nextdns.io", "doh.cleanbrowsing.org",
            "dns.adguard.com", "dns.adguard-dns.com");

    static final String NO_NAME = "no name seen (no SNI, Host or DNS answer for the server)";
    static final String HELLO_WITHOUT_NAME = "TLS or QUIC ClientHello without a server name";
    static final String NOT_TCP_UDP = "not TCP or UDP (ICMP and the like carry no names)";
    static final String DNS = "DNS lookups themselves (their answers name the other flows)";
    static final String LOCAL = "local network: multicast, broadcast, mDNS, DHCP";

    private TrafficBreakdowns() {
    }

    public static TrafficBreakdown of(List<FlowRecord> flows) {
        ServiceTotals tiktok = ServiceTotals.empty("TikTok");
        Map<Category, ServiceTotals> byCategory = new EnumMap<>(Category.class);
        Map<String, Long> sources = new TreeMap<>();
        Map<String, ServiceTotals> push = new TreeMap<>();
        Map<String, ServiceTotals> others = new TreeMap<>();
        ServiceTotals unknown = ServiceTotals.empty("servers no catalog row knows");
        Map<String, ServiceTotals> unnamed = new LinkedHashMap<>();
        Set<String> doh = new TreeSet<>();
        boolean dot = false;
        for (FlowRecord f : flows) {
            var a = f.attribution();
            String name = a.serverName();
            if (name != null && DOH_RESOLVERS.contains(name.toLowerCase(Locale.ROOT))) {
                doh.add(name.toLowerCase(Locale.ROOT));
            }
            if (f.key().protocol() == IpProtocols.TCP && f.key().serverPort() == 853) {
                dot = true;
            }
            if (a.isTikTok()) {
                tiktok = tiktok.plus(f);
                Category c = a.category() == null ? Category.OTHER : a.category();
                byCategory.put(c, byCategory.getOrDefault(c, ServiceTotals.empty(c.label())).plus(f));
                String source = a.evidence().source().label();
                sources.put(source, sources.getOrDefault(source, 0L) + 1);
            } else if (ServiceCatalog.isPlatformPush(a.service())) {
                push.put(a.service(), push.getOrDefault(a.service(), ServiceTotals.empty(a.service())).plus(f));
            } else if (a.service() != null) {
                others.put(a.service(), others.getOrDefault(a.service(), ServiceTotals.empty(a.service())).plus(f));
            } else if (name != null) {
                unknown = unknown.plus(f);
            } else {
                String reason = reason(f);
                unnamed.put(reason, unnamed.getOrDefault(reason, ServiceTotals.empty(reason)).plus(f));
            }
        }
        List<String> notes = new ArrayList<>();
        if (!doh.isEmpty()) {
            notes.add("DNS over HTTPS seen (" + String.join(", ", doh) + "): the DNS answers of the devices using it"
                    + " are encrypted, so flows without SNI to the servers they resolved stay unnamed");
        }
        if (dot) {
            notes.add("DNS over TLS (port 853) seen: the DNS answers of the devices using it are encrypted");
        }
        return new TrafficBreakdown(tiktok, byBytes(byCategory.values()), sources, byBytes(push.values()),
                byBytes(others.values()), unknown, byBytes(unnamed.values()), notes);
    }

    private static String reason(FlowRecord f) {
        int protocol = f.key().protocol();
        if (protocol != IpProtocols.TCP && protocol != IpProtocols.UDP) {
            return NOT_TCP_UDP;
        }
        int port = f.key().serverPort();
        if (port == 53 || f.key().clientPort() == 53) {
            return DNS;
        }
        if (port == 5353 || port == 67 || port == 68 || isLocalDestination(f.key().server())) {
            return LOCAL;
        }
        FlowNames n = f.names();
        if (n.quicVersion() != 0 || !n.alpn().isEmpty()) {
            return HELLO_WITHOUT_NAME;
        }
        return NO_NAME;
    }

    /** Multicast (224/4, ff00::/8) or the IPv4 limited broadcast. */
    private static boolean isLocalDestination(IpAddress a) {
        if (a.v6()) {
            return (a.hi() >>> 56) == 0xFF;
        }
        long v = a.lo();
        return (v >>> 28) == 0xE || v == 0xFFFF_FFFFL;
    }

    /**
     * The most bytes first, then by name. A class rather than a chain of comparator lambdas: this
     * runs once per analysis, in a JVM still cold, where every lambda costs a class made at run time.
     */
    private static final Comparator<ServiceTotals> MOST_BYTES_FIRST = new Comparator<>() {
        @Override
        public int compare(ServiceTotals a, ServiceTotals b) {
            int c = Long.compare(b.bytes(), a.bytes());
            return c != 0 ? c : a.name().compareTo(b.name());
        }
    };

    private static List<ServiceTotals> byBytes(Iterable<ServiceTotals> totals) {
        List<ServiceTotals> list = new ArrayList<>();
        for (ServiceTotals t : totals) {
            list.add(t);
        }
        list.sort(MOST_BYTES_FIRST);
        return list;
    }
}
