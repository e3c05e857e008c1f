package org.toktrace.model;

import java.util.Objects;

/**
 * An address of a network interface with its prefix length ({@code 10.42.0.1/24}); the prefix is
 * -1 when the system did not give a netmask.
 */
public record InterfaceAddress(IpAddress address, int prefixLength) {

    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        int max = address.v6() ? 128 : 32;
        if (prefixLength < -1 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range for " + address);
        }
    }

    @Override
    public String toString() {
        return prefixLength < 0 ? address.toString() : address + "/" + prefixLength;
    }
}
