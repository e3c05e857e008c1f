package org.toktrace.dissect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.IpAddress;

/**
 * Reads DNS responses: the question's name and the answer section's A, AAAA and CNAME records.
 *
 * <pre>
 * RFC 1035 section 4.1.1, header (12 bytes):
 *   ID(16) | QR(1) OPCODE(4) AA TC RD RA Z(3) RCODE(4) | QDCOUNT(16) ANCOUNT(16) NSCOUNT(16) ARCOUNT(16)
 * section 4.1.2, question:  QNAME  QTYPE(16)  QCLASS(16)
 * section 4.1.3, resource record:  NAME  TYPE(16)  CLASS(16)  TTL(32)  RDLENGTH(16)  RDATA
 *   A (1): 4-byte address;  CNAME (5): a domain name;  AAAA (28, RFC 3596 section 2.2): 16-byte address
 * section 3.1 / 4.1.4, names: labels {uint8 length 1..63; bytes}, ended by a zero byte or by a
 *   pointer {11 + 14-bit offset from the message start}; 255 bytes at most on the wire (section 2.3.4)
 * </pre>
 *
 * A pointer must point backwards (before the pointer itself), so a name can never loop; the hop
 * count is bounded as well. A message cut short keeps the records read before the cut. Names are
 * lower-cased (ASCII), with no trailing dot; bytes that are not printable, and a dot inside a
 * label, are written as {@code \xNN}. One instance per thread: it reuses a scratch buffer so that
 * only the kept names are allocated.
 */
final class DnsMessageParser {

    static final int HEADER = 12;
    /** Longest name on the wire, length bytes and final zero included (RFC 1035 section 2.3.4). */
    static final int MAX_WIRE_NAME = 255;
    /** Pointers followed in one name; backward pointers alone already forbid loops. */
    static final int MAX_POINTER_HOPS = 64;
    /** Answer records read from one message; a real answer has a handful. */
    static final int MAX_RECORDS = 64;

    static final int TYPE_A = 1;
    static final int TYPE_CNAME = 5;
    static final int TYPE_AAAA = 28;
    static final int CLASS_IN = 1;

    // each wire byte may become "\xNN" (4 characters)
    private final byte[] scratch = new byte[MAX_WIRE_NAME * 4];
    /** Where the name just read ends in its own place (after its zero byte or first pointer). */
    private int nameEnd;

    /** Whether {@code buf[off, off + len)} starts like a DNS response (QR = 1, standard query opcode). */
    static boolean isResponse(ByteBuffer buf, int off, int len) {
        if (len < HEADER) {
            return false;
        }
        int flags = ClientHelloParser.u16(buf, off + 2);
        return (flags & 0x8000) != 0 && ((flags >>> 11) & 0xF) == 0;
    }

    /**
     * Parses the response at {@code buf[off, off + len)}.
     *
     * @param client     the address that asked (the response's destination)
     * @param clientMac  its link-layer address, or -1
     * @return the answer, or null when this is not a response or its question cannot be read
     */
    DnsAnswer parse(ByteBuffer buf, int off, int len, long timestampNanos, IpAddress client, long clientMac) {
        if (off < 0 || len < HEADER || off > buf.limit() - len || !isResponse(buf, off, len)) {
            return null;
        }
        int end = off + len;
        int flags = ClientHelloParser.u16(buf, off + 2);
        int qdCount = ClientHelloParser.u16(buf, off + 4);
        int anCount = ClientHelloParser.u16(buf, off + 6);
        if (qdCount == 0) {
            return null; // nothing asked, nothing to attribute
        }
        int p = off + HEADER;
        String queryName = name(buf, off, end, p);
        if (queryName == null || nameEnd + 4 > end) {
            return null;
        }
        p = nameEnd + 4; // QTYPE, QCLASS
        for (int q = 1; q < qdCount; q++) { // extra questions: skipped, never sent in practice
            if (skipName(buf, end, p) < 0) {
                return new DnsAnswer(timestampNanos, client, clientMac, queryName, List.of());
            }
            p = nameEnd + 4;
            if (p > end) {
                return new DnsAnswer(timestampNanos, client, clientMac, queryName, List.of());
            }
        }
        if ((flags & 0xF) != 0 || anCount == 0) {
            // NXDOMAIN, SERVFAIL, ...: the name was asked, nothing was answered
            return new DnsAnswer(timestampNanos, client, clientMac, queryName, List.of());
        }
        List<DnsAnswer.Record> records = new ArrayList<>(Math.min(anCount, 8));
        for (int a = 0; a < anCount && a < MAX_RECORDS; a++) {
            int nameStart = p;
            if (skipName(buf, end, p) < 0 || nameEnd + 10 > end) {
                break; // cut short: keep what was read
            }
            int r = nameEnd;
            int type = ClientHelloParser.u16(buf, r);
            int rclass = ClientHelloParser.u16(buf, r + 2);
            long ttl = buf.getInt(r + 4) & 0xFFFF_FFFFL;
            int rdLength = ClientHelloParser.u16(buf, r + 8);
            int rdata = r + 10;
            if (rdata + rdLength > end) {
                break;
            }
            p = rdata + rdLength;
            if (rclass != CLASS_IN) {
                continue;
            }
            if (type == TYPE_A && rdLength == 4) {
                String owner = name(buf, off, end, nameStart);
                if (owner != null) {
                    records.add(new DnsAnswer.Record(owner, ttl, null, IpAddress.ofV4(buf.getInt(rdata))));
                }
            } else if (type == TYPE_AAAA && rdLength == 16) {
                String owner = name(buf, off, end, nameStart);
                if (owner != null) {
                    records.add(new DnsAnswer.Record(owner, ttl, null,
                            IpAddress.ofV6(buf.getLong(rdata), buf.getLong(rdata + 8))));
                }
            } else if (type == TYPE_CNAME) {
                String owner = name(buf, off, end, nameStart);
                // the target must lie inside the RDATA it claims (its pointers may go anywhere before)
                String target = name(buf, off, rdata + rdLength, rdata);
                if (owner != null && target != null && nameEnd == rdata + rdLength) {
                    records.add(new DnsAnswer.Record(owner, ttl, target, null));
                }
            }
        }
        return new DnsAnswer(timestampNanos, client, clientMac, queryName, records);
    }

    /**
     * Reads the name at {@code p} of the message that starts at {@code msg} and ends at
     * {@code end}; sets {@link #nameEnd}.
     *
     * @return the name in text form, or null when it is malformed, points out of range or
     *         forwards, or is longer than 255 bytes
     */
    String name(ByteBuffer buf, int msg, int end, int p) {
        int out = 0;
        int wire = 0;
        int hops = 0;
        int ownEnd = -1;
        while (true) {
            if (p >= end) {
                return null;
            }
            int b = buf.get(p) & 0xFF;
            if (b == 0) {
                wire += 1;
                if (ownEnd < 0) {
                    ownEnd = p + 1;
                }
                break;
            }
            int kind = b & 0xC0;
            if (kind == 0xC0) {
                if (p + 2 > end || ++hops > MAX_POINTER_HOPS) {
                    return null;
                }
                int target = msg + (((b & 0x3F) << 8) | (buf.get(p + 1) & 0xFF));
                if (target >= p) {
                    return null; // forward or self pointer: compression only refers to earlier names
                }
                if (ownEnd < 0) {
                    ownEnd = p + 2;
                }
                p = target;
                continue;
            }
            if (kind != 0) {
                return null; // 01 and 10 label types (RFC 6891 section 5) are not names
            }
            int labelEnd = p + 1 + b;
            wire += 1 + b;
            if (labelEnd > end || wire + 1 > MAX_WIRE_NAME) {
                return null;
            }
            if (out > 0) {
                scratch[out++] = '.';
            }
            for (int i = p + 1; i < labelEnd; i++) {
                int c = buf.get(i) & 0xFF;
                if (c >= 'A' && c <= 'Z') {
                    scratch[out++] = (byte) (c + ('a' - 'A'));
                } else if (c <= 0x20 || c >= 0x7F || c == '\\' || c == '.') {
                    scratch[out++] = '\\';
                    scratch[out++] = 'x';
                    scratch[out++] = (byte) Character.forDigit(c >> 4, 16);
                    scratch[out++] = (byte) Character.forDigit(c & 0xF, 16);
                } else {
                    scratch[out++] = (byte) c;
                }
            }
            p = labelEnd;
        }
        nameEnd = ownEnd;
        return new String(scratch, 0, out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Steps over the name at {@code p} without reading it (pointers are not followed, so they are
     * checked when the name is read); sets {@link #nameEnd}.
     *
     * @return the end, or -1 when the name runs past {@code end}
     */
    int skipName(ByteBuffer buf, int end, int p) {
        int wire = 0;
        while (p < end) {
            int b = buf.get(p) & 0xFF;
            if (b == 0) {
                nameEnd = p + 1;
                return nameEnd;
            }
            if ((b & 0xC0) == 0xC0) {
                if (p + 2 > end) {
                    return -1;
                }
                nameEnd = p + 2;
                return nameEnd;
            }
            if ((b & 0xC0) != 0) {
                return -1;
            }
            wire += 1 + b;
            if (wire + 1 > MAX_WIRE_NAME) {
                return -1;
            }
            p += 1 + b;
        }
        return -1;
    }

    int nameEnd() {
        return nameEnd;
    }
}
