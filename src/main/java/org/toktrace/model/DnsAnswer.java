package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * One DNS response seen in the capture (RFC 1035 section 4.1), reduced to what attribution needs:
 * who asked, what, and the A, AAAA and CNAME records of the answer section.
 *
 * @param client       the address that asked (the response's destination)
 * @param clientMac    the asking device's link-layer address, or -1
 * @param queryName    the question's name, lower case, no trailing dot
 */
public record DnsAnswer(long timestampNanos, IpAddress client, long clientMac, String queryName, List<Record> records) {

    public DnsAnswer {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(queryName, "queryName");
        records = List.copyOf(records);
    }

    /**
     * One resource record of the answer section: a CNAME ({@code target} set) or an A/AAAA
     * ({@code address} set), owned by {@code name} (lower case, no trailing dot).
     */
    public record Record(String name, long ttlSeconds, String target, IpAddress address) {
        public Record {
            Objects.requireNonNull(name, "name");
            if ((target == null) == (address == null)) {
                throw new IllegalArgumentException("a record is a CNAME or an address");
            }
        }
    }
}
