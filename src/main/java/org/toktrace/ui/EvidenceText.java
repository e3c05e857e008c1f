package org.toktrace.ui;

import org.toktrace.model.Evidence;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.NameSource;

/**
 * Says in words why a flow got its server name, e.g. {@code QUIC Initial SNI v16-webapp-prime.tiktok.com
 * at 16:14:05.123}. The name comes from packets, so it is shown as text only, never interpreted.
 */
public final class EvidenceText {
    private EvidenceText() {
    }

    /** How the source reads to a person. */
    public static String sourceName(NameSource source) {
        return switch (source) {
            case TLS_SNI -> "TLS ClientHello SNI";
            case QUIC_SNI -> "QUIC Initial SNI";
            case HTTP_HOST -> "HTTP Host header";
            case DNS -> "DNS answer for";
            case NAME_MEMORY -> "learned name memory:";
            case IP_RANGE -> "IP range of";
        };
    }

    /** One line: source, name and the time of the deciding packet; then the detail, when there is one. */
    public static String of(Evidence evidence) {
        if (evidence == null) {
            return "No name: the capture holds no ClientHello, Host header or DNS answer for this server,"
                    + " and no known network contains its address.";
        }
        StringBuilder sb = new StringBuilder(sourceName(evidence.source())).append(' ').append(evidence.name());
        if (evidence.timestampNanos() > 0) {
            sb.append(evidence.source() == NameSource.NAME_MEMORY ? " (last seen " : " at ")
                    .append(evidence.source() == NameSource.NAME_MEMORY
                            ? Figures.dateTimeMillis(evidence.timestampNanos()) + " UTC)"
                            : Figures.clockMillis(evidence.timestampNanos()));
        }
        if (!evidence.detail().isBlank()) {
            sb.append('\n').append(evidence.detail());
        }
        return sb.toString();
    }

    /**
     * What a flow to a name server is, in words, when it has no server name of its own: "DNS lookups"
     * (port 53), "DNS over TLS lookups" or "DNS over QUIC lookups" (port 853), "mDNS announcements"
     * (port 5353); null for any other flow. A resolver is no named server: the names these lookups ask
     * for are the answers other flows are named by, so "no name" would mislead.
     */
    public static String nameServerRole(FlowRecord flow) {
        if (flow.attribution().serverName() != null) {
            return null;
        }
        int port = flow.key().serverPort();
        boolean tcp = flow.key().protocol() == TCP;
        boolean udp = flow.key().protocol() == UDP;
        if (port == 53 && (tcp || udp)) {
            return "DNS lookups";
        }
        if (port == 853 && tcp) {
            return "DNS over TLS lookups";
        }
        if (port == 853 && udp) {
            return "DNS over QUIC lookups";
        }
        if (port == 5353 && udp) {
            return "mDNS announcements";
        }
        return null;
    }

    private static final int TCP = 6;
    private static final int UDP = 17;

    /** The evidence of a flow, with what the flow's own payload said when that differs. */
    public static String of(FlowRecord flow) {
        String role = nameServerRole(flow);
        if (role != null && flow.attribution().evidence() == null) {
            String server = flow.key().server().toString();
            if (flow.key().serverPort() == 5353) {
                return role + ": devices on the local network tell each other their names and services (sent to "
                        + server + "); no server on the internet is involved.";
            }
            return role + ": the device asks the name server at " + server + " which addresses names have"
                    + (flow.key().serverPort() == 853 ? " (encrypted, so the names asked cannot be read)" : "")
                    + ". The answers name the other flows (source “DNS”); a name server has no server name of its own.";
        }
        String text = of(flow.attribution().evidence());
        var names = flow.names();
        if (names.encryptedClientHello()) {
            text += "\nThe ClientHello used Encrypted Client Hello: the inner server name is hidden.";
        }
        if (!names.alpn().isEmpty()) {
            text += "\nALPN offered: " + String.join(", ", names.alpn());
        }
        return text;
    }
}
