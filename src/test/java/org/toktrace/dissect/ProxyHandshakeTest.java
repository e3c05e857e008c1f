package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The client's side of a SOCKS5 handshake (RFC 1928, RFC 1929) and of an HTTP CONNECT head (RFC 9110). */
class ProxyHandshakeTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Greeting (2 methods), username/password "u"/"pw", CONNECT to the domain "a.example" port 443. */
    private static final byte[] SOCKS5 = bytes(5, 2, 0, 2, 1, 1, 'u', 2, 'p', 'w',
            5, 1, 0, 3, 9, 'a', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e', 1, 187);

    @Test
    void theRequestEndsAfterItsPort() {
        assertEquals(SOCKS5.length, PayloadDissectors.socks5RequestEnd(SOCKS5, SOCKS5.length));
        byte[] withHello = Arrays.copyOf(SOCKS5, SOCKS5.length + 3);
        withHello[SOCKS5.length] = 22;
        assertEquals(SOCKS5.length, PayloadDissectors.socks5RequestEnd(withHello, withHello.length));
        byte[] ipv6 = bytes(5, 1, 0, 5, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 187);
        assertEquals(ipv6.length, PayloadDissectors.socks5RequestEnd(ipv6, ipv6.length));
    }

    @Test
    void everyCutAsksForMore() {
        for (int n = 0; n < SOCKS5.length; n++) {
            assertEquals(-1, PayloadDissectors.socks5RequestEnd(SOCKS5, n), "cut at " + n);
        }
    }

    @Test
    void whatIsNoSocks5ConnectIsRefused() {
        assertEquals(0, PayloadDissectors.socks5RequestEnd(bytes(5, 0, 5, 1, 0, 1), 6), "no methods");
        assertEquals(0, PayloadDissectors.socks5RequestEnd(bytes(5, 1, 0, 5, 2, 0, 1, 1, 2, 3, 4, 0, 80), 13), "BIND");
        assertEquals(0, PayloadDissectors.socks5RequestEnd(bytes(5, 1, 0, 5, 1, 0, 7, 1, 2, 3, 4, 0, 80), 13), "address type 7");
        assertEquals(0, PayloadDissectors.socks5RequestEnd(bytes(5, 1, 0, 22, 3, 1, 0, 0), 8), "a ClientHello, no request");
    }

    @Test
    void aConnectHeadEndsAtItsEmptyLine() {
        byte[] head = "CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n\u0016\u0003\u0001"
                .getBytes(StandardCharsets.ISO_8859_1);
        int end = head.length - 3;
        assertEquals(true, HttpHostParser.isConnect(head, head.length));
        assertEquals(end, HttpHostParser.headEnd(head, head.length));
        assertEquals(-1, HttpHostParser.headEnd(head, end - 1));
        byte[] bareLf = "CONNECT a.example:443 HTTP/1.1\nHost: a\n\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(bareLf.length, HttpHostParser.headEnd(bareLf, bareLf.length));
        assertEquals(false, HttpHostParser.isConnect("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), 16));
        assertEquals(false, HttpHostParser.isConnect("CONNEC".getBytes(StandardCharsets.US_ASCII), 6));
    }
}
