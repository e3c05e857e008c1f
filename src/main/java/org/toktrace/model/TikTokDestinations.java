package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * Where TikTok's traffic goes: its bytes by network operator, by country and by group of networks
 * (ByteDance's own, CDNs, clouds, others), each split by state, and the region hints of its server
 * names beside the addresses' countries.
 *
 * @param source    where the network table comes from, with its version
 * @param dataDate  the date of the table's data
 * @param byGroup   the groups of {@link ServerNetwork#group()}, most bytes first
 */
public record TikTokDestinations(String source, String dataDate, List<NetworkShare> byOperator,
        List<NetworkShare> byCountry, List<NetworkShare> byGroup, List<RegionHintCheck> regionHints) {

    public TikTokDestinations {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataDate, "dataDate");
        byOperator = List.copyOf(byOperator);
        byCountry = List.copyOf(byCountry);
        byGroup = List.copyOf(byGroup);
        regionHints = List.copyOf(regionHints);
    }

    /** All of TikTok's bytes. */
    public long bytes() {
        long sum = 0;
        for (NetworkShare s : byGroup) {
            sum += s.bytes();
        }
        return sum;
    }

    /** The share (0 to 1) of TikTok's bytes that goes to networks of group {@code group}. */
    public double share(String group) {
        long all = bytes();
        for (NetworkShare s : byGroup) {
            if (s.name().equals(group)) {
                return all == 0 ? 0 : s.bytes() / (double) all;
            }
        }
        return 0;
    }
}
