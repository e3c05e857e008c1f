package org.toktrace.model;

/** How a flow's server name was found, strongest first (DESIGN.md section 6). */
public enum NameSource {
    /** The TLS ClientHello's server_name extension, in the flow itself. */
    TLS_SNI("tls-sni"),
    /** The server_name of the ClientHello inside the flow's decrypted QUIC Initial packets. */
    QUIC_SNI("quic-sni"),
    /** The Host header of a cleartext HTTP/1.x request in the flow. */
    HTTP_HOST("http-host"),
    /** A DNS answer for the server's address, seen in the capture before the flow. */
    DNS("dns"),
    /** What earlier captures taught about the server's address (the learned name memory). */
    NAME_MEMORY("name-memory"),
    /** The server's address lies in a network the operator announces itself. */
    IP_RANGE("ip-range");

    private final String label;

    NameSource(String label) {
        this.label = label;
    }

    /** The name as flows.csv writes it: {@code tls-sni}, {@code dns}, ... */
    public String label() {
        return label;
    }
}
