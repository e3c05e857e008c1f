package org.toktrace.model;

/**
 * What happened to every frame of a capture. {@code frames} = {@code ipPackets} + {@code nonIp} +
 * {@code malformed} + {@code unsupportedLink}.
 *
 * @param ipBytes              sum of IP total lengths of the IP packets
 * @param fragments            IP fragments among the IP packets
 * @param orphanFragments      non-first fragments whose first fragment was never seen (counted in
 *                             no flow)
 * @param truncated            IP packets whose header announces more bytes than their frame held on
 *                             the wire (captures taken before the network card's segmentation
 *                             offload): counted in their flows with the announced length
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
        long orphanFragments,
        long truncated) {

    /** Counters of a capture with no packet longer than its frame, as the library stores them. */
    public PacketCounters(long frames, long capturedBytes, long ipPackets, long ipBytes, long nonIp, long malformed,
            long unsupportedLink, long fragments, long orphanFragments) {
        this(frames, capturedBytes, ipPackets, ipBytes, nonIp, malformed, unsupportedLink, fragments, orphanFragments, 0);
    }
}
