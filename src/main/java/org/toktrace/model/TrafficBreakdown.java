package org.toktrace.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whose the traffic of a capture is: TikTok (by category and by how the names were found), the
 * platforms' push channels (never TikTok's), other named services, named servers no catalog row
 * knows, and flows without any name, with the reason where it can be told.
 *
 * @param tiktokNameSources  TikTok flows per name source label ({@code tls-sni}, {@code dns}, ...)
 * @param notes              things seen that limit what names can tell, e.g. DNS over HTTPS
 */
public record TrafficBreakdown(
        ServiceTotals tiktok,
        List<ServiceTotals> tiktokByCategory,
        Map<String, Long> tiktokNameSources,
        List<ServiceTotals> platformPush,
        List<ServiceTotals> otherServices,
        ServiceTotals unknownNames,
        List<ServiceTotals> unnamedByReason,
        List<String> notes) {

    public static final TrafficBreakdown EMPTY = new TrafficBreakdown(ServiceTotals.empty("TikTok"), List.of(),
            Map.of(), List.of(), List.of(), ServiceTotals.empty("unknown"), List.of(), List.of());

    public TrafficBreakdown {
        Objects.requireNonNull(tiktok, "tiktok");
        Objects.requireNonNull(unknownNames, "unknownNames");
        tiktokByCategory = List.copyOf(tiktokByCategory);
        // sorted by label, so every listing of it reads the same from run to run
        tiktokNameSources = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tiktokNameSources));
        platformPush = List.copyOf(platformPush);
        otherServices = List.copyOf(otherServices);
        unnamedByReason = List.copyOf(unnamedByReason);
        notes = List.copyOf(notes);
    }

    /** All flows without a name, whatever the reason. */
    public ServiceTotals unnamed() {
        ServiceTotals sum = ServiceTotals.empty("unnamed");
        for (ServiceTotals t : unnamedByReason) {
            sum = new ServiceTotals(sum.name(), sum.flows() + t.flows(), sum.packets() + t.packets(),
                    sum.bytesUp() + t.bytesUp(), sum.bytesDown() + t.bytesDown());
        }
        return sum;
    }
}
