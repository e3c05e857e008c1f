package org.toktrace.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.NameSource;

/** The sample capture's analysis, and the same with hostile names, as reports are built from them. */
final class ReportFixtures {
    static final Path SAMPLE = Path.of("captures/hotspot-sample.pcap");

    /** A name as a packet could carry it: markup, quotes, an ampersand, a bell, a right-to-left override. */
    static final String HOSTILE = "<script>alert(\"x\")</script>&amp;'\u0007\u202E.evil.example";

    private static AnalysisResult sample;

    private ReportFixtures() {
    }

    static synchronized AnalysisResult sample() {
        if (sample == null) {
            try {
                sample = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(SAMPLE);
            } catch (IOException | org.toktrace.analysis.UnreadableCaptureException e) {
                throw new IllegalStateException(e);
            }
        }
        return sample;
    }

    /**
     * The sample with two flows more on its first TikTok device, copies of a TikTok flow: one to a
     * third-party analytics service and one to TikTok's login service, both named {@link #HOSTILE}; and
     * that device announcing itself under {@link #HOSTILE}.
     */
    static AnalysisResult hostile() {
        AnalysisResult r = sample();
        FlowRecord model = r.flows().stream().filter(f -> f.attribution().isTikTok()).findFirst().orElseThrow();
        List<FlowRecord> flows = new ArrayList<>(r.flows());
        Evidence evidence = new Evidence(NameSource.TLS_SNI, HOSTILE, model.firstSeenNanos(), HOSTILE);
        flows.add(model.withAttribution(new Attribution(evidence, HOSTILE, Category.ANALYTICS)));
        flows.add(model.withAttribution(new Attribution(evidence, Attribution.TIKTOK, Category.LOGIN)));
        List<Device> announced = new ArrayList<>(r.announcedDevices());
        announced.add(0, new Device(model.clientMac(), List.of(model.device()), HOSTILE, "dhcp"));
        return new AnalysisResult(r.capture(), flows, r.counters(), r.warnings(), r.complete(), r.learnedNames(),
                r.catalogVersion(), r.breakdown(), r.states(), announced);
    }

    static CaptureReport report(AnalysisResult r, String sha256) {
        return new CaptureReport(r, TikTokReport.of(r), TikTokReport.destinations(r), sha256, "test",
                TikTokReport.thresholds(), "toktrace report hotspot-sample.pcap -o report.html",
                Instant.parse("2026-12-07T00:00:00Z"));
    }
}
