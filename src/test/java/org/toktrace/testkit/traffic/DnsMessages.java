package org.toktrace.testkit.traffic;

import java.util.List;

/**
 * DNS messages in wire format (RFC 1035 §4.1): a recursive query, and its answer with a CNAME chain
 * and address records, owner names compressed with pointers (§4.1.4) as resolvers send them.
 */
final class DnsMessages {
    static final int TYPE_A = 1;
    static final int TYPE_CNAME = 5;
    static final int TYPE_PTR = 12;
    static final int TYPE_AAAA = 28;

    private DnsMessages() {
    }

    static byte[] query(int id, String name, int type) {
        Bytes m = new Bytes();
        m.u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0);
        name(m, name);
        m.u16(type).u16(1);
        return m.toArray();
    }

    /**
     * The answer to {@code query(id, name, type)}: {@code cnames} in order (name → cnames[0] → ...),
     * then one record per address of the last name (A or AAAA, per {@code type}).
     */
    static byte[] answer(int id, String name, int type, List<String> cnames, List<Addr> addresses, int ttl) {
        Bytes m = new Bytes();
        m.u16(id).u16(0x8180).u16(1).u16(cnames.size() + addresses.size()).u16(0).u16(0);
        int owner = m.size();
        name(m, name);
        m.u16(type).u16(1);
        for (String cname : cnames) {
            m.u16(0xC000 | owner).u16(TYPE_CNAME).u16(1).u32(ttl);
            int rdlen = m.beginLength(2);
            owner = m.size();
            name(m, cname);
            m.endLength(rdlen, 2);
        }
        for (Addr a : addresses) {
            m.u16(0xC000 | owner).u16(a.v6 ? TYPE_AAAA : TYPE_A).u16(1).u32(ttl).u16(a.length());
            byte[] b = a.bytes();
            m.bytes(b);
        }
        return m.toArray();
    }

    /** An mDNS (RFC 6762) one-shot PTR question, e.g. for {@code _googlecast._tcp.local}. */
    static byte[] mdnsQuery(String service) {
        Bytes m = new Bytes();
        m.u16(0).u16(0).u16(1).u16(0).u16(0).u16(0);
        name(m, service);
        m.u16(TYPE_PTR).u16(0x8001); // class IN with the "unicast response" bit
        return m.toArray();
    }

    private static void name(Bytes m, String name) {
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            m.u8(label.length()).ascii(label);
        }
        m.u8(0);
    }
}
