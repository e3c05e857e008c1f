package org.toktrace.model;

/**
 * Looks up the network of a server address and the region hint in its name, for the exports and
 * the summaries; the attribute package implements it over its bundled tables.
 */
public interface ServerNetworks {

    /** The operator and country of {@code server}; {@link ServerNetwork#NONE} when nothing is known. */
    ServerNetwork network(IpAddress server);

    /** The region hint in {@code serverName}, or null when it has none (or is null). */
    RegionHint regionHint(String serverName);

    /** Where the network table comes from, with its version. */
    String source();

    /** The date of the network table's data, {@code YYYY-MM-DD}. */
    String dataDate();
}
