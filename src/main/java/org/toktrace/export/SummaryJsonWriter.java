package org.toktrace.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.DeviceTotals;
import org.toktrace.model.PacketCounters;

/** Writes the analysis summary as JSON: the capture, packet counters, flows, devices, warnings. */
public final class SummaryJsonWriter {

    public void write(AnalysisResult result, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(result, out);
        }
    }

    public void write(AnalysisResult result, Appendable out) throws IOException {
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
                .field("orphan_fragments", c.orphanFragments())
                .endObject();
        json.name("flows").beginObject().field("total", result.flows().size());
        json.name("by_transport").beginObject();
        for (Map.Entry<String, Long> e : result.flowsByTransport().entrySet()) {
            json.field(e.getKey(), e.getValue());
        }
        json.endObject().endObject();
        json.name("devices").beginArray();
        for (DeviceTotals d : result.devices()) {
            json.beginObject().field("mac", d.mac() < 0 ? null : d.macText());
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
        json.name("warnings").beginArray();
        for (CaptureWarning w : result.warnings()) {
            json.beginObject().field("offset", w.fileOffset()).field("message", w.message()).endObject();
        }
        json.endArray();
        json.endObject();
        out.append('\n');
    }
}
