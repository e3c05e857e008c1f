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

    /** How a person reads it after "named": "by TLS server name", "from earlier captures". */
    public String byWhat() {
        return switch (this) {
            case TLS_SNI -> "by TLS server name";
            case QUIC_SNI -> "by QUIC server name";
            case HTTP_HOST -> "by HTTP host";
            case DNS -> "by DNS";
            case NAME_MEMORY -> "from earlier captures";
            case IP_RANGE -> "by IP range";
        };
    }

    /** {@link #byWhat()} of the source whose {@link #label()} is {@code label}; "by LABEL" for one unknown. */
    public static String byWhat(String label) {
        for (NameSource s : values()) {
            if (s.label.equals(label)) {
                return s.byWhat();
            }
        }
        return "by " + label;
    }
}
