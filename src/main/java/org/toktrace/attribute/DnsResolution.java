package org.toktrace.attribute;

import java.util.List;
import java.util.Objects;
import org.toktrace.model.Device;

/**
 * A server name found in a DNS answer: the name that was asked, the CNAME chain from it to the
 * record that held the address, when the answer was captured, and whether it was another device's.
 *
 * @param name         the question's name (or, when the chain does not reach it, the first name reached)
 * @param chain        {@code name} first, the owner of the address record last; one element without CNAMEs
 * @param otherDevice  true when the flow's device had no answer for the address and another's was used
 * @param answeredBy   the device whose answer this is
 */
public record DnsResolution(String name, List<String> chain, long answeredAtNanos, boolean otherDevice,
        Device.Id answeredBy) {

    public DnsResolution {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(answeredBy, "answeredBy");
        chain = List.copyOf(chain);
    }

    /** The chain for people: {@code a -> b -> c}. */
    public String chainText() {
        return String.join(" -> ", chain);
    }
}
