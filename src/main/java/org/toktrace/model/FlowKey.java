package org.toktrace.model;

import java.util.Objects;

/**
 * A flow's 5-tuple, oriented: the client opened the conversation (sent the SYN, or spoke first),
 * the server answered. Ports are 0 for IP protocols that have none.
 */
public record FlowKey(int protocol, IpAddress client, int clientPort, IpAddress server, int serverPort) {

    public FlowKey {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("IP protocol out of range: " + protocol);
        }
        if (clientPort < 0 || clientPort > 0xFFFF || serverPort < 0 || serverPort > 0xFFFF) {
            throw new IllegalArgumentException("port out of range");
        }
        if (client.v6() != server.v6()) {
            throw new IllegalArgumentException("client and server of different IP versions");
        }
    }

    /** The name of the transport as the flows CSV writes it: TCP, UDP, or the IP protocol's name. */
    public String transportName() {
        return IpProtocols.name(protocol);
    }
}
