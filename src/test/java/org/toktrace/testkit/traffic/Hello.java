package org.toktrace.testkit.traffic;

/** What a TCP connection's first bytes tell about its server. */
public enum Hello {
    /** A TLS ClientHello with the server's name in server_name (the generator's default). */
    TLS_SNI,
    /** A TLS ClientHello without the server_name extension. */
    TLS_NO_SNI,
    /** A cleartext HTTP/1.1 request on port 80 with a Host header. */
    HTTP_HOST,
    /** A cleartext HTTP/1.0 request on port 80 without a Host header. */
    HTTP_NO_HOST;

    boolean http() {
        return this == HTTP_HOST || this == HTTP_NO_HOST;
    }
}
