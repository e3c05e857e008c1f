package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * What a TLS ClientHello (over TCP, or inside QUIC Initial packets) says about where it goes.
 *
 * @param serverName  the server_name extension's host name, or null when it has none
 * @param alpn        the offered application protocols (e.g. {@code h2}, {@code h3}), in order
 * @param encrypted   the ClientHello carries an encrypted_client_hello extension (ECH): the real
 *                    server name is hidden and {@code serverName} is the outer, public one
 */
public record ClientHelloInfo(String serverName, List<String> alpn, boolean encrypted) {

    public ClientHelloInfo {
        Objects.requireNonNull(alpn, "alpn");
        alpn = List.copyOf(alpn);
    }
}
