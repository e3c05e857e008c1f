package org.toktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The name sources of TikTok's flows list in one order, whatever order they were counted in. */
class TrafficBreakdownOrderTest {

    @Test
    void nameSourcesAreSortedByLabel() {
        Map<String, Long> counted = new LinkedHashMap<>();
        counted.put("tls-sni", 190L);
        counted.put("quic-sni", 12L);
        counted.put("dns", 1L);
        counted.put("http-host", 3L);
        TrafficBreakdown b = new TrafficBreakdown(ServiceTotals.empty("TikTok"), List.of(), counted, List.of(), List.of(),
                ServiceTotals.empty("unknown"), List.of(), List.of());
        assertEquals(List.of("dns", "http-host", "quic-sni", "tls-sni"), List.copyOf(b.tiktokNameSources().keySet()));
        assertEquals(190L, b.tiktokNameSources().get("tls-sni"));
    }
}
