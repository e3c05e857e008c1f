package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * The names a flow's own payload revealed: the TLS or QUIC ClientHello's server name and ALPN, or
 * the HTTP Host header, with the time of the packet that completed it.
 *
 * @param serverName      the name found in the flow, or null
 * @param source          {@link NameSource#TLS_SNI}, {@link NameSource#QUIC_SNI} or
 *                        {@link NameSource#HTTP_HOST}; null with no name
 * @param timestampNanos  when the packet that completed the name was captured; 0 with no name
 * @param alpn            ALPN protocols the ClientHello offered
 * @param quicVersion     the QUIC version of the client's Initial packets, 0 when not QUIC
 * @param encryptedClientHello  the ClientHello used ECH (the inner name is hidden)
 */
public record FlowNames(String serverName, NameSource source, long timestampNanos, List<String> alpn,
        int quicVersion, boolean encryptedClientHello) {

    /** A flow whose payload told nothing. */
    public static final FlowNames NONE = new FlowNames(null, null, 0, List.of(), 0, false);

    public FlowNames {
        Objects.requireNonNull(alpn, "alpn");
        alpn = List.copyOf(alpn);
        if ((serverName == null) != (source == null)) {
            throw new IllegalArgumentException("a name needs its source, and a source its name");
        }
    }
}
