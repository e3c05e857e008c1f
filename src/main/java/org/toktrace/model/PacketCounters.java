package org.toktrace.model;

/**
 * What happened to every frame of a capture. {@code frames} = {@code ipPackets} + {@code nonIp} +
 * {@code malformed} + {@code unsupportedLink}.
 *
 * @param ipBytes              sum of IP total lengths of the IP packets
 * @param fragments            IP fragments among the IP packets
 * @param orphanFragments      non-first fragments whose first fragment was never seen (counted in
 *                             no flow)
 */
public record PacketCounters(
        long frames,
        long capturedBytes,
        long ipPackets,
        long ipBytes,
        long nonIp,
        long malformed,
        long unsupportedLink,
        long fragments,
        long orphanFragments) {
}
