package org.toktrace.dissect;

/**
 * An SMTP client's dialogue up to STARTTLS, after which its bytes are a TLS handshake, handed to
 * {@link TlsClientHelloDissector}.
 *
 * <p>RFC 5321 section 4.1.1.1 (EHLO/HELO) and RFC 3207 sections 4 and 5: after the client's
 * "STARTTLS" CRLF and the server's 220 reply, the client's next bytes are a TLS handshake. Only
 * the client's side is read: the ClientHello follows the STARTTLS line directly.
 */
final class SmtpStartTlsDissector implements StreamDissector {

    /** SMTP dialogue bytes from the client searched for STARTTLS. */
    static final int MAX_DIALOGUE = 4 * 1024;
    private static final Budget BUDGET = TcpStreamDissector.BUDGET.withBytes(MAX_DIALOGUE);
    private static final String[] GREETINGS = {"EHLO ", "HELO "};

    @Override
    public Budget budget() {
        return BUDGET;
    }

    /** Whether the client starts with "EHLO " or "HELO " (any case). */
    @Override
    public int accepts(byte[] d, int n) {
        boolean maybe = false;
        for (String greeting : GREETINGS) {
            int k = Math.min(n, greeting.length());
            if (equalsIgnoreCase(d, 0, greeting, k)) {
                if (n >= greeting.length()) {
                    return YES;
                }
                maybe = true;
            }
        }
        return maybe ? MORE : NO;
    }

    @Override
    public void read(FlowInspection s, long ts) {
        byte[] d = s.stream.data();
        int n = Math.min(s.stream.contiguous(), MAX_DIALOGUE);
        int line = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] != '\n') {
                continue;
            }
            int e = i;
            if (e > line && d[e - 1] == '\r') {
                e--;
            }
            if (e - line == 8 && equalsIgnoreCase(d, line, "STARTTLS", 8)) {
                TlsClientHelloDissector.tunnelled(s, i + 1, ts);
                return;
            }
            line = i + 1;
        }
        if (n >= MAX_DIALOGUE) {
            s.finish();
        }
    }

    /** Whether {@code d[off, off + k)} equals the first {@code k} characters of the upper-case {@code ascii}, ignoring case. */
    private static boolean equalsIgnoreCase(byte[] d, int off, String ascii, int k) {
        for (int i = 0; i < k; i++) {
            int c = d[off + i];
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            if (c != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
