package org.toktrace.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.BackgroundCadence;
import org.toktrace.model.ClaimCheck;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.ScrollingSession;
import org.toktrace.model.StateReport;
import org.toktrace.model.ThirdPartyReport;
import org.toktrace.model.DeviceTotals;
import org.toktrace.model.Device;
import org.toktrace.model.StateInterval;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.ServiceTotals;
import org.toktrace.model.TrafficBreakdown;
import org.toktrace.model.NetworkShare;
import org.toktrace.model.RegionHintCheck;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.TikTokDestinations;

/**
 * Writes the analysis summary as JSON: the capture, packet counters, flows, devices (with the names
 * they gave themselves over DHCP or mDNS), whose the
 * traffic is, TikTok's foreground/background per device and in total (with the {@link StateReport}'s
 * rates, sessions, background cadence and claims), where TikTok's traffic goes (operators,
 * countries, ByteDance's own networks against CDNs, region hints), warnings.
 */
public final class SummaryJsonWriter {

    public void write(AnalysisResult result, StateReport report, TikTokDestinations destinations, Path file)
            throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(result, report, destinations, out);
        }
    }

    private static void shares(JsonWriter json, String name, String key, List<NetworkShare> rows) throws IOException {
        json.name(name).beginArray();
        for (NetworkShare s : rows) {
            json.beginObject().field(key, s.name())
                    .field("flows", s.flows())
                    .field("foreground_bytes", s.foregroundBytes())
                    .field("background_bytes", s.backgroundBytes())
                    .endObject();
        }
        json.endArray();
    }

    /**
     * The third parties per device, split by TikTok's state at the time (co-occurrence, as the note
     * says), and when each device contacted TikTok's login services.
     */
    private static void thirdParties(JsonWriter json, ThirdPartyReport t) throws IOException {
        json.name("third_parties").beginObject().field("note", t.note());
        json.name("devices").beginArray();
        for (ThirdPartyReport.DeviceContacts d : t.devices()) {
            json.beginObject().field("device", d.device().label()).field("tiktok_seen", d.tiktokSeen());
            json.name("services").beginArray();
            for (ThirdPartyReport.Contact c : d.services()) {
                json.beginObject().field("service", c.service()).field("category", c.category().label())
                        .field("flows", c.flows());
                json.name("names").beginArray();
                for (String n : c.names()) {
                    json.value(n);
                }
                json.endArray()
                        .field("foreground_bytes", c.foregroundBytes())
                        .field("background_bytes", c.backgroundBytes())
                        .field("outside_tiktok_states_bytes", c.otherBytes())
                        .field("foreground_s", c.foregroundNanos() / 1e9)
                        .field("background_s", c.backgroundNanos() / 1e9)
                        .field("outside_tiktok_states_s", c.otherNanos() / 1e9)
                        .endObject();
            }
            json.endArray().endObject();
        }
        json.endArray().endObject();
        json.name("tiktok_logins").beginObject().field("note", t.loginNote());
        json.name("devices").beginArray();
        for (ThirdPartyReport.LoginContacts l : t.logins()) {
            json.beginObject().field("device", l.device().label())
                    .field("first", Timestamps.isoMicros(l.firstNanos()))
                    .field("last", Timestamps.isoMicros(l.lastNanos()))
                    .field("flows", l.flows());
            json.name("names").beginArray();
            for (String n : l.names()) {
                json.value(n);
            }
            json.endArray().endObject();
        }
        json.endArray().endObject();
    }

    /** TikTok's bytes by operator, country and group of networks, per state, and the region hints. */
    private static void destinations(JsonWriter json, TikTokDestinations d) throws IOException {
        json.name("tiktok_destinations").beginObject()
                .field("network_data", d.source())
                .field("network_data_date", d.dataDate())
                .field("state_rule", "each flow counts for the state that holds most of its bytes, as flows.csv's state")
                .field("bytedance_share", d.share(ServerNetwork.BYTEDANCE))
                .field("cdn_share", d.share(ServerNetwork.CDN))
                .field("cloud_share", d.share(ServerNetwork.CLOUD));
        shares(json, "by_group", "group", d.byGroup());
        shares(json, "by_operator", "operator", d.byOperator());
        shares(json, "by_country", "country", d.byCountry());
        json.name("region_hints").beginArray();
        for (RegionHintCheck h : d.regionHints()) {
            json.beginObject()
                    .field("server_name", h.serverName())
                    .field("hint", h.hint().token())
                    .field("hint_place", h.hint().place())
                    .field("hint_country", h.hint().country().isEmpty() ? null : h.hint().country())
                    .field("hint_inferred", h.hint().inferred())
                    .field("server_asn", h.network().asn() == 0 ? null : h.network().asnText())
                    .field("server_org", h.network().organisation().isEmpty() ? null : h.network().organisation())
                    .field("server_country", h.network().country().isEmpty() ? null : h.network().country())
                    .field("agrees", h.agrees())
                    .field("flows", h.flows())
                    .field("bytes", h.bytes())
                    .field("sentence", h.sentence())
                    .endObject();
        }
        json.endArray().endObject();
    }

    private static void totals(JsonWriter json, ServiceTotals t) throws IOException {
        json.field("flows", t.flows()).field("packets", t.packets())
                .field("bytes_up", t.bytesUp()).field("bytes_down", t.bytesDown());
    }

    private static void stateTotals(JsonWriter json, DeviceStates d) throws IOException {
        json.field("foreground_bytes", d.foregroundBytes())
                .field("background_bytes", d.backgroundBytes())
                .field("foreground_s", d.foregroundNanos() / 1e9)
                .field("background_s", d.backgroundNanos() / 1e9)
                .field("foreground_share", d.foregroundShare())
                .field("foreground", ByteUnits.format(d.foregroundBytes()))
                .field("background", ByteUnits.format(d.backgroundBytes()));
    }

    /** The name a device gave itself and its source ({@code dhcp}, {@code mdns}), null when it gave none. */
    private static void name(JsonWriter json, Device d) throws IOException {
        boolean named = d != null && !d.name().isEmpty();
        json.field("name", named ? d.name() : null).field("name_source", named ? d.nameSource() : null);
    }

    private static void list(JsonWriter json, String name, String key, List<ServiceTotals> rows) throws IOException {
        json.name(name).beginArray();
        for (ServiceTotals t : rows) {
            json.beginObject().field(key, t.name());
            totals(json, t);
            json.endObject();
        }
        json.endArray();
    }

    /** The rates, sessions, background cadence and claims of one device (or of all). */
    private static void report(JsonWriter json, DeviceStateReport r) throws IOException {
        json.field("foreground_bytes_per_min", Math.round(r.foregroundBytesPerMinute()))
                .field("background_bytes_per_min", Math.round(r.backgroundBytesPerMinute()))
                .field("foreground_rate", ByteUnits.format(Math.round(r.foregroundBytesPerMinute())) + "/min")
                .field("background_rate", ByteUnits.format(Math.round(r.backgroundBytesPerMinute())) + "/min")
                .field("background_video_downloads", r.backgroundDownloads())
                .field("background_video_download_bytes", r.backgroundDownloadBytes());
        json.name("sessions").beginArray();
        for (ScrollingSession s : r.sessions()) {
            json.beginObject()
                    .field("device", s.device().label())
                    .field("start", Timestamps.isoMicros(s.startNanos()))
                    .field("end", Timestamps.isoMicros(s.endNanos()))
                    .field("duration_s", s.durationNanos() / 1e9)
                    .field("bytes", s.bytes())
                    .field("videos", s.videos())
                    .endObject();
        }
        json.endArray();
        json.name("background_cadence").beginArray();
        for (BackgroundCadence c : r.cadence()) {
            json.beginObject()
                    .field("category", c.category().label())
                    .field("exchanges", c.exchanges())
                    .field("bytes", c.bytes())
                    .field("intervals", c.intervals());
            if (c.hasMedian()) {
                json.field("median_interval_s", c.medianIntervalNanos() / 1e9);
            } else {
                json.field("median_interval_s", (String) null);
            }
            json.endObject();
        }
        json.endArray();
        json.name("claims").beginArray();
        for (ClaimCheck c : r.claims()) {
            json.beginObject()
                    .field("claim", c.claim())
                    .field("verdict", c.verdict().label())
                    .field("evidence", c.evidence())
                    .field("sentence", c.sentence())
                    .endObject();
        }
        json.endArray();
    }

    public void write(AnalysisResult result, StateReport report, TikTokDestinations destinations, Appendable out)
            throws IOException {
        CaptureInfo capture = result.capture();
        PacketCounters c = result.counters();
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        json.name("capture").beginObject()
                .field("file", capture.source())
                .field("format", capture.format().label())
                .field("size_bytes", capture.sizeBytes());
        json.name("link_types").beginArray();
        for (int linkType : capture.linkTypes()) {
            json.value(linkType);
        }
        json.endArray();
        boolean any = c.frames() > 0;
        json.field("first_seen", any ? Timestamps.isoMicros(capture.firstNanos()) : null)
                .field("last_seen", any ? Timestamps.isoMicros(capture.lastNanos()) : null)
                .field("duration_s", capture.durationNanos() / 1e9)
                .field("complete", result.complete())
                .endObject();
        json.name("packets").beginObject()
                .field("frames", c.frames())
                .field("captured_bytes", c.capturedBytes())
                .field("ip_packets", c.ipPackets())
                .field("ip_bytes", c.ipBytes())
                .field("non_ip", c.nonIp())
                .field("malformed", c.malformed())
                .field("unsupported_link", c.unsupportedLink())
                .field("fragments", c.fragments())
                .field("orphan_fragments", c.orphanFragments());
        if (c.truncated() > 0) {
            // only when there are some: a capture without keeps the summary it always had
            json.field("truncated", c.truncated());
        }
        json.endObject();
        json.name("flows").beginObject().field("total", result.flows().size());
        json.name("by_transport").beginObject();
        for (Map.Entry<String, Long> e : result.flowsByTransport().entrySet()) {
            json.field(e.getKey(), e.getValue());
        }
        json.endObject().endObject();
        List<DeviceTotals> devices = result.devices();
        List<Device> hotspot = result.hotspotDevices();
        Map<Device.Id, Device> named = Device.byId(hotspot);
        json.name("devices").beginArray();
        for (DeviceTotals d : devices) {
            json.beginObject().field("mac", d.mac() < 0 ? null : d.macText());
            name(json, named.get(d.id()));
            json.name("addresses").beginArray();
            for (var address : d.addresses()) {
                json.value(address.toString());
            }
            json.endArray()
                    .field("flows", d.flows())
                    .field("packets_up", d.packetsUp())
                    .field("packets_down", d.packetsDown())
                    .field("bytes_up", d.bytesUp())
                    .field("bytes_down", d.bytesDown())
                    .endObject();
        }
        json.endArray();
        // devices that announced themselves (DHCP, mDNS) but had no flow: kept apart, so "devices" stays
        // the flows' clients as before
        json.name("devices_without_flows").beginArray();
        for (Device d : hotspot.subList(devices.size(), hotspot.size())) {
            json.beginObject().field("mac", d.mac() < 0 ? null : d.macText());
            name(json, d);
            json.name("addresses").beginArray();
            for (var address : d.addresses()) {
                json.value(address.toString());
            }
            json.endArray().endObject();
        }
        json.endArray();
        TrafficBreakdown b = result.breakdown();
        json.name("tiktok").beginObject();
        totals(json, b.tiktok());
        json.name("by_category").beginArray();
        for (ServiceTotals category : b.tiktokByCategory()) {
            json.beginObject().field("category", category.name());
            totals(json, category);
            json.endObject();
        }
        json.endArray();
        json.name("name_sources").beginObject();
        for (Map.Entry<String, Long> e : new TreeMap<>(b.tiktokNameSources()).entrySet()) {
            json.field(e.getKey(), e.getValue());
        }
        json.endObject().endObject();
        json.name("tiktok_states").beginObject();
        json.name("total").beginObject();
        stateTotals(json, result.totalStates());
        report(json, report.total());
        json.endObject();
        json.name("devices").beginArray();
        for (DeviceStates d : result.states()) {
            json.beginObject().field("device", d.device().label());
            stateTotals(json, d);
            for (DeviceStateReport r : report.devices()) {
                if (r.device().equals(d.device())) {
                    report(json, r);
                }
            }
            json.name("intervals").beginArray();
            for (StateInterval i : d.intervals()) {
                json.beginObject()
                        .field("state", i.state().label())
                        .field("start", Timestamps.isoMicros(i.startNanos()))
                        .field("end", Timestamps.isoMicros(i.endNanos()))
                        .field("duration_s", i.durationNanos() / 1e9)
                        .field("confidence", i.confidence())
                        .field("reason", i.reason())
                        .endObject();
            }
            json.endArray().endObject();
        }
        json.endArray();
        json.name("caveats").beginArray();
        for (String caveat : report.caveats()) {
            json.value(caveat);
        }
        json.endArray().endObject();
        destinations(json, destinations);
        thirdParties(json, report.thirdParties());
        list(json, "platform_push", "service", b.platformPush());
        list(json, "other_services", "service", b.otherServices());
        json.name("unknown_names").beginObject();
        totals(json, b.unknownNames());
        json.endObject();
        list(json, "unnamed", "reason", b.unnamedByReason());
        json.name("notes").beginArray();
        for (String note : b.notes()) {
            json.value(note);
        }
        json.endArray();
        json.field("catalog_version", result.catalogVersion());
        json.name("warnings").beginArray();
        for (CaptureWarning w : result.warnings()) {
            json.beginObject().field("offset", w.fileOffset()).field("message", w.message()).endObject();
        }
        json.endArray();
        json.endObject();
        out.append('\n');
    }
}
