package org.toktrace.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.ClaimCheck;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.DeviceTotals;
import org.toktrace.model.Device;
import org.toktrace.model.NetworkShare;
import org.toktrace.model.RegionHintCheck;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.StateInterval;
import org.toktrace.model.ThirdPartyReport;
import org.toktrace.model.TikTokBins;
import org.toktrace.model.TikTokDestinations;

/**
 * Writes the report of a capture as one self-contained XHTML page that a journalist can publish:
 * the capture and its SHA-256, TikTok's foreground and background with the timeline as inline SVG,
 * each claim in its published words with its verdict, where the traffic went, what traffic cannot
 * show, and how to reproduce it. Nothing in it is fetched: styles are inline, there is no script,
 * image file or font link, so it opens the same offline and years later.
 *
 * <p>XHTML, well-formed XML, so that the PDF renderer reads the same page the browser shows. Every
 * string that came from packets goes through {@link HtmlText#escape}.
 */
public final class HtmlReportWriter {

    /** Rows of a long table (operators, region hints, intervals) shown before "and N more". */
    static final int MAX_ROWS = 40;

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** What traffic cannot show, beyond the caveats the claims carry (docs/accuracy.md, "Known limits"). */
    static final List<String> KNOWN_LIMITS = List.of(
            "Foreground and background are inferred from the traffic's shape (video downloads with covers and feed"
                    + " calls, or only pings and sync), not read from the phone: each interval below carries the model's"
                    + " confidence and its reason.",
            "The background total is kilobytes against megabyte-sized events: one pre-load placed on the wrong side of"
                    + " a boundary moves it by tens of per cent. A download the user left during cannot be placed on"
                    + " either side of the departure.",
            "Time on screen is short by the user's look at the last video after its last fetch: foreground ends with"
                    + " the last viewing download.",
            "Closed is told from minimized only by the teardown of the app's own connections and by minutes of"
                    + " silence; where neither shows, the state is \"background\" (minimized or closed).",
            "The states model was written from public descriptions of TikTok's traffic and measured on generated"
                    + " captures (docs/accuracy.md), not on measurements of the app; real captures may differ, for"
                    + " instance in how pre-loads are timed.",
            "Encrypted traffic shows volumes, times and server names, not content: what was sent (which data, which"
                    + " account) cannot be read from a capture.",
            "Where the traffic went is where the server addresses are registered (the network table's operator and"
                    + " country), not where data is stored or who reads it afterwards.");

    /** Writes the report to {@code file} (UTF-8). */
    public void write(CaptureReport report, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(html(report));
        }
    }

    /** The report as one XHTML document. */
    public String html(CaptureReport report) {
        StringBuilder h = new StringBuilder(128 * 1024);
        AnalysisResult r = report.result();
        String file = fileName(r.capture().source());
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"generator\" content=\"TokTrace ").append(e(report.version())).append("\"/>\n")
                .append("<title>TokTrace report: ").append(e(file)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>What TikTok sent: <span class=\"file\">").append(e(file)).append("</span></h1>\n");
        lede(h, report);
        capture(h, report);
        states(h, report);
        claims(h, report);
        destinations(h, report);
        limits(h, report);
        reproduce(h, report);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String e(String s) {
        return HtmlText.escape(s);
    }

    /** The file name of a capture's source path (either separator), for the report and its command line. */
    public static String fileName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash >= 0 && slash < source.length() - 1 ? source.substring(slash + 1) : source;
    }

    /** The verdict word the report uses: holds, does not hold, can't tell. */
    static String verdictWord(ClaimCheck.Verdict v) {
        return switch (v) {
            case YES -> "holds";
            case NO -> "does not hold";
            case NOT_MEASURED -> "can't tell";
        };
    }

    private static String verdictClass(ClaimCheck.Verdict v) {
        return switch (v) {
            case YES -> "holds";
            case NO -> "fails";
            case NOT_MEASURED -> "untold";
        };
    }

    private static String time(long nanos) {
        return UTC.format(instant(nanos));
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** {@code 2 h 5 min 3 s}, {@code 9 min 43 s}, {@code 12.3 s}. */
    static String duration(long nanos) {
        long s = Math.round(nanos / 1e9);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %d min %d s", s / 3600, s / 60 % 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String perMinute(long bytes, long nanos) {
        return nanos <= 0 ? "-" : ByteUnits.format(Math.round(bytes / (nanos / 60e9))) + "/min";
    }

    private static String perHour(long bytes, long nanos) {
        return nanos <= 0 ? "-" : ByteUnits.format(Math.round(bytes / (nanos / 3600e9))) + "/h";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static void lede(StringBuilder h, CaptureReport report) {
        AnalysisResult r = report.result();
        DeviceStates t = r.totalStates();
        h.append("<p class=\"lede\">");
        if (r.states().isEmpty()) {
            h.append("The capture holds no traffic TokTrace attributes to TikTok.");
        } else {
            h.append("TikTok moved <b>").append(ByteUnits.format(t.foregroundBytes())).append("</b> in foreground (")
                    .append(duration(t.foregroundNanos())).append(" on screen) and <b>").append(ByteUnits.format(t.backgroundBytes()))
                    .append("</b> in background (").append(duration(t.backgroundNanos())).append(" out of sight)");
            if (r.states().size() > 1) {
                h.append(", on ").append(r.states().size()).append(" devices together (their times summed)");
            }
            h.append(".");
            int[] counts = new int[ClaimCheck.Verdict.values().length];
            for (DeviceStateReport d : report.states().devices()) {
                for (ClaimCheck c : d.claims()) {
                    counts[c.verdict().ordinal()]++;
                }
            }
            h.append(" Of the claims checked").append(r.states().size() > 1 ? " per device" : "").append(": ")
                    .append(counts[ClaimCheck.Verdict.YES.ordinal()]).append(" hold, ")
                    .append(counts[ClaimCheck.Verdict.NO.ordinal()]).append(" do not hold, ")
                    .append(counts[ClaimCheck.Verdict.NOT_MEASURED.ordinal()]).append(" can't be told from this capture.");
        }
        if (!r.complete()) {
            h.append(" <b>The analysis stopped before the end of the capture: the figures are of the part read.</b>");
        } else if (!r.warnings().isEmpty()) {
            h.append(" <b>The capture file is damaged or cut short: the figures are of the packets read before the damage"
                    + " (section 5 says where).</b>");
        }
        h.append("</p>\n");
    }

    private static void capture(StringBuilder h, CaptureReport report) {
        AnalysisResult r = report.result();
        CaptureInfo c = r.capture();
        h.append("<h2>1. The capture</h2>\n<table class=\"facts\">\n");
        fact(h, "file", "<span class=\"file\">" + e(fileName(c.source())) + "</span>");
        fact(h, "SHA-256", report.sha256() == null ? "not available: the capture file could not be read"
                : "<code class=\"hash\">" + e(report.sha256()) + "</code>");
        fact(h, "size and format", e(ByteUnits.format(c.sizeBytes()) + " (" + c.sizeBytes() + " bytes), "
                + c.format().label()));
        boolean any = r.counters().frames() > 0;
        fact(h, "first packet", any ? time(c.firstNanos()) : "none");
        fact(h, "last packet", any ? time(c.lastNanos()) : "none");
        fact(h, "duration", duration(c.durationNanos()));
        fact(h, "packets", String.format(Locale.ROOT, "%,d frames, %,d IP packets, %s of IP bytes", r.counters().frames(),
                r.counters().ipPackets(), ByteUnits.format(r.counters().ipBytes())));
        fact(h, "flows", String.format(Locale.ROOT, "%,d, of which %,d TikTok's", r.flows().size(),
                r.breakdown().tiktok().flows()));
        h.append("</table>\n");
        h.append("<h3>Devices</h3>\n");
        List<Device> devices = r.hotspotDevices();
        if (devices.isEmpty()) {
            h.append("<p>No device sent traffic in this capture.</p>\n");
            return;
        }
        Map<Device.Id, DeviceTotals> totals = new HashMap<>();
        for (DeviceTotals d : r.devices()) {
            totals.put(d.id(), d);
        }
        h.append("<p class=\"note\">A device is its link-layer (MAC) address when the capture has one, else its IP address;"
                + " the name is the one it gave itself over DHCP or mDNS, when it did.</p>\n");
        h.append("<table>\n<tr><th>device</th><th>name</th><th>addresses</th><th class=\"n\">flows</th>"
                + "<th class=\"n\">bytes</th></tr>\n");
        int shown = 0;
        for (Device d : devices) {
            if (shown++ == MAX_ROWS) {
                more(h, 5, devices.size() - MAX_ROWS, "devices");
                break;
            }
            DeviceTotals t = totals.get(d.id());
            StringBuilder addresses = new StringBuilder();
            for (int i = 0; i < d.addresses().size() && i < 6; i++) {
                addresses.append(i == 0 ? "" : ", ").append(d.addresses().get(i));
            }
            if (d.addresses().size() > 6) {
                addresses.append(", and ").append(d.addresses().size() - 6).append(" more");
            }
            h.append("<tr><td><code>").append(e(d.label())).append("</code></td><td>")
                    .append(d.name().isEmpty() ? "<span class=\"muted\">none given</span>"
                            : e(d.name()) + " <span class=\"muted\">(" + e(d.nameSource()) + ")</span>")
                    .append("</td><td class=\"wrap\">").append(e(addresses.toString())).append("</td><td class=\"n\">")
                    .append(t == null ? "0" : String.format(Locale.ROOT, "%,d", t.flows())).append("</td><td class=\"n\">")
                    .append(t == null ? "-" : ByteUnits.format(t.bytes())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void fact(StringBuilder h, String name, String valueHtml) {
        h.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static void more(StringBuilder h, int columns, int hidden, String what) {
        h.append("<tr><td colspan=\"").append(columns).append("\" class=\"muted\">and ").append(hidden).append(" more ")
                .append(what).append(" (the summary JSON lists them all)</td></tr>\n");
    }

    /** Bytes and time per state of one device: time from its intervals, bytes from its TikTok bins. */
    private static void stateTable(StringBuilder h, DeviceStates d, List<TikTokBins.Bin> bins) {
        EnumMap<AppState, long[]> per = new EnumMap<>(AppState.class);
        for (StateInterval i : d.intervals()) {
            per.computeIfAbsent(i.state(), k -> new long[2])[1] += i.durationNanos();
        }
        for (TikTokBins.Bin b : bins) {
            AppState s = d.stateAt(b.binStartNanos());
            if (s != null) {
                per.computeIfAbsent(s, k -> new long[2])[0] += b.bytes();
            }
        }
        h.append("<table class=\"states\">\n<tr><th>state</th><th class=\"n\">TikTok bytes</th><th class=\"n\">time</th>"
                + "<th class=\"n\">rate</th><th class=\"n\">per hour</th></tr>\n");
        for (Map.Entry<AppState, long[]> s : per.entrySet()) {
            long[] v = s.getValue();
            h.append("<tr class=\"state-").append(s.getKey().label()).append("\"><td class=\"s\">")
                    .append(s.getKey().label()).append("</td><td class=\"n\">").append(ByteUnits.format(v[0]))
                    .append("</td><td class=\"n\">").append(duration(v[1])).append("</td><td class=\"n\">")
                    .append(perMinute(v[0], v[1])).append("</td><td class=\"n\">").append(perHour(v[0], v[1]))
                    .append("</td></tr>\n");
        }
        long backgroundStates = per.keySet().stream().filter(AppState::isBackground).count();
        if (backgroundStates > 1) {
            h.append("<tr class=\"sum\"><td>all background</td><td class=\"n\">").append(ByteUnits.format(d.backgroundBytes()))
                    .append("</td><td class=\"n\">").append(duration(d.backgroundNanos())).append("</td><td class=\"n\">")
                    .append(perMinute(d.backgroundBytes(), d.backgroundNanos())).append("</td><td class=\"n\">")
                    .append(perHour(d.backgroundBytes(), d.backgroundNanos())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void states(StringBuilder h, CaptureReport report) {
        AnalysisResult r = report.result();
        h.append("<h2>2. TikTok in foreground and background</h2>\n");
        h.append("<p class=\"note\">Foreground: the app on screen, playing videos (megabytes of video downloads with their"
                + " covers and feed calls). Minimized: open behind another app. Closed: swiped away. Background: minimized"
                + " or closed where the traffic cannot tell which. Bytes are IP bytes, both directions, in decimal units"
                + " (1 kB = 1000 B).</p>\n");
        h.append("<figure>").append(TimelineSvg.of(r)).append("<figcaption>TikTok's bytes per ")
                .append(TimelineSvg.binText(TimelineSvg.bins(r).binNanos()))
                .append(" by the state of its device at the time, on a log scale so that kilobytes show beside megabytes;"
                        + " the shaded stretches are foreground time.</figcaption></figure>\n");
        if (r.states().isEmpty()) {
            h.append("<p>No TikTok traffic, so no states.</p>\n");
            return;
        }
        Map<Device.Id, List<TikTokBins.Bin>> bins = TikTokBins.of(r.flows());
        Map<Device.Id, Device> named = Device.byId(r.hotspotDevices());
        for (DeviceStates d : r.states()) {
            h.append("<h3>Device ").append(deviceTitle(d.device(), named)).append("</h3>\n");
            stateTable(h, d, bins.getOrDefault(d.device(), List.of()));
            h.append("<table class=\"intervals\">\n<tr><th>from (UTC)</th><th>to</th><th>state</th>"
                    + "<th class=\"n\">confidence</th><th>reason</th></tr>\n");
            int shown = 0;
            for (StateInterval i : d.intervals()) {
                if (shown++ == MAX_ROWS * 3) {
                    more(h, 5, d.intervals().size() - MAX_ROWS * 3, "intervals");
                    break;
                }
                h.append("<tr class=\"state-").append(i.state().label()).append("\"><td class=\"t\">")
                        .append(CLOCK.format(instant(i.startNanos()))).append("</td><td class=\"t\">")
                        .append(CLOCK.format(instant(i.endNanos()))).append("</td><td class=\"s\">")
                        .append(i.state().label()).append("</td><td class=\"n\">")
                        .append(String.format(Locale.ROOT, "%.0f %%", i.confidence() * 100)).append("</td><td class=\"wrap\">")
                        .append(e(i.reason())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (r.states().size() > 1) {
            DeviceStates t = r.totalStates();
            h.append("<p>The ").append(r.states().size()).append(" devices together: ")
                    .append(ByteUnits.format(t.foregroundBytes())).append(" in foreground over ")
                    .append(duration(t.foregroundNanos())).append(" and ").append(ByteUnits.format(t.backgroundBytes()))
                    .append(" in background over ").append(duration(t.backgroundNanos()))
                    .append(" of device time: each device's time counts, so the sum can exceed the capture's ")
                    .append(duration(r.capture().durationNanos())).append(".</p>\n");
        }
    }

    private static String deviceTitle(Device.Id device, Map<Device.Id, Device> named) {
        Device d = named.get(device);
        String name = d == null ? "" : d.name();
        return "<code>" + e(device.label()) + "</code>" + (name.isEmpty() ? "" : " (" + e(name) + ")");
    }

    private static void claims(StringBuilder h, CaptureReport report) {
        AnalysisResult r = report.result();
        h.append("<h2>3. The claims, checked</h2>\n");
        h.append("<p class=\"note\">Each claim in its published words, then what TokTrace tested, its verdict (holds,"
                + " does not hold, or can't tell) and the figures behind it. The lines that decide the verdicts follow the"
                + " claims.</p>\n");
        Map<Device.Id, Device> named = Device.byId(r.hotspotDevices());
        List<DeviceStateReport> devices = new ArrayList<>(report.states().devices());
        if (devices.isEmpty()) {
            devices.add(report.states().total());
        }
        for (DeviceStateReport d : devices) {
            if (d.device() != null) {
                h.append("<h3>Device ").append(deviceTitle(d.device(), named)).append("</h3>\n");
            }
            for (ClaimCheck c : d.claims()) {
                claim(h, c);
            }
        }
        h.append("<h3>What decides the verdicts</h3>\n<ul class=\"thresholds\">\n");
        for (String t : report.thresholds()) {
            h.append("<li>").append(e(t)).append("</li>\n");
        }
        h.append("<li>Background is every interval the states model did not call foreground: minimized, closed, or"
                + " either.</li>\n</ul>\n");
    }

    private static void claim(StringBuilder h, ClaimCheck c) {
        h.append("<div class=\"claim ").append(verdictClass(c.verdict())).append("\">\n");
        PublishedClaims.of(c.claim()).ifPresent(q -> h.append("<blockquote>\u201c").append(e(q.text()))
                .append("\u201d<span class=\"source\"> \u2014 ").append(e(q.source())).append("</span></blockquote>\n"));
        h.append("<p class=\"tested\">Tested as: ").append(e(c.claim())).append("</p>\n");
        h.append("<p class=\"verdict\"><span class=\"word\">").append(verdictWord(c.verdict())).append("</span> ")
                .append(e(c.evidence().isEmpty() ? "" : c.evidence())).append("</p>\n</div>\n");
    }

    private static void shares(StringBuilder h, String title, List<NetworkShare> rows) {
        h.append("<table class=\"shares\">\n<tr><th>").append(title).append("</th><th class=\"n\">flows</th>"
                + "<th class=\"n\">foreground</th><th class=\"n\">background</th></tr>\n");
        int shown = 0;
        for (NetworkShare s : rows) {
            if (shown++ == MAX_ROWS) {
                more(h, 4, rows.size() - MAX_ROWS, "rows");
                break;
            }
            h.append("<tr><td class=\"wrap\">").append(e(s.name())).append("</td><td class=\"n\">").append(s.flows())
                    .append("</td><td class=\"n\">").append(ByteUnits.format(s.foregroundBytes())).append("</td><td class=\"n\">")
                    .append(ByteUnits.format(s.backgroundBytes())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String names(List<String> names) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < names.size() && i < 4; i++) {
            s.append(i == 0 ? "" : ", ").append(names.get(i));
        }
        if (names.size() > 4) {
            s.append(", and ").append(names.size() - 4).append(" more");
        }
        return s.toString();
    }

    private static void destinations(StringBuilder h, CaptureReport report) {
        TikTokDestinations d = report.destinations();
        h.append("<h2>4. Where the traffic went</h2>\n");
        PublishedClaims.of("destinations").ifPresent(q -> h.append("<blockquote>\u201c").append(e(q.text()))
                .append("\u201d<span class=\"source\"> \u2014 ").append(e(q.source())).append("</span></blockquote>\n"));
        h.append("<p class=\"note\">TikTok's bytes by the operator and country of the server addresses (").append(e(d.source()))
                .append(", data of ").append(e(d.dataDate())).append("). Each flow counts for the state that holds most of"
                        + " its bytes. A country is where an address is registered, not where data is kept.</p>\n");
        if (d.bytes() == 0) {
            h.append("<p>No TikTok traffic to place.</p>\n");
        } else {
            h.append("<p>Of TikTok's ").append(ByteUnits.format(d.bytes())).append(": ")
                    .append(percent(d.share(ServerNetwork.BYTEDANCE))).append(" to ByteDance's and TikTok's own networks, ")
                    .append(percent(d.share(ServerNetwork.CDN))).append(" to content delivery networks (CDNs), ")
                    .append(percent(d.share(ServerNetwork.CLOUD))).append(" to cloud providers.</p>\n");
            shares(h, "group of networks", d.byGroup());
            shares(h, "operator", d.byOperator());
            shares(h, "country", d.byCountry());
        }
        if (!d.regionHints().isEmpty()) {
            h.append("<h3>Region hints in server names</h3>\n<p class=\"note\">Some server names carry a region (a city"
                    + " or an airport code); beside it, the country of the address the name led to.</p>\n<ul class=\"hints\">\n");
            int shown = 0;
            for (RegionHintCheck c : d.regionHints()) {
                if (shown++ == MAX_ROWS) {
                    h.append("<li class=\"muted\">and ").append(d.regionHints().size() - MAX_ROWS).append(" more</li>\n");
                    break;
                }
                h.append("<li class=\"").append(c.agrees() ? "agrees" : "differs").append("\">").append(e(c.sentence()))
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }
        ThirdPartyReport t = report.states().thirdParties();
        h.append("<h3>Third parties contacted, by TikTok's state at the time</h3>\n");
        h.append("<p class=\"note\">Co-occurrence in time, not proof: a flow to an analytics service while TikTok is in"
                + " foreground does not show that TikTok opened it; another app on the phone may have.</p>\n");
        if (t.devices().isEmpty()) {
            h.append("<p>No third-party service (ads, analytics, crash reporting, login) was contacted.</p>\n");
        }
        for (ThirdPartyReport.DeviceContacts dev : t.devices()) {
            h.append("<p class=\"device\">Device <code>").append(e(dev.device().label())).append("</code>")
                    .append(dev.tiktokSeen() ? "" : " (no TikTok traffic on it)").append("</p>\n");
            h.append("<table class=\"parties\">\n<tr><th>service</th><th>kind</th><th class=\"n\">flows</th>"
                    + "<th class=\"n\">in foreground</th><th class=\"n\">in background</th><th class=\"n\">outside</th>"
                    + "<th>server names</th></tr>\n");
            int shown = 0;
            for (ThirdPartyReport.Contact c : dev.services()) {
                if (shown++ == MAX_ROWS) {
                    more(h, 7, dev.services().size() - MAX_ROWS, "services");
                    break;
                }
                h.append("<tr><td>").append(e(c.service())).append("</td><td>").append(e(c.category().label()))
                        .append("</td><td class=\"n\">").append(c.flows()).append("</td><td class=\"n\">")
                        .append(ByteUnits.format(c.foregroundBytes())).append("</td><td class=\"n\">")
                        .append(ByteUnits.format(c.backgroundBytes())).append("</td><td class=\"n\">")
                        .append(ByteUnits.format(c.otherBytes())).append("</td><td class=\"wrap\">")
                        .append(e(names(c.names()))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h3>Contacts with TikTok's login services</h3>\n");
        PublishedClaims.of("logins").ifPresent(q -> h.append("<blockquote>\u201c").append(e(q.text()))
                .append("\u201d<span class=\"source\"> \u2014 ").append(e(q.source())).append("</span></blockquote>\n"));
        if (!t.loginNote().isEmpty()) {
            h.append("<p class=\"note\">").append(e(t.loginNote())).append("</p>\n");
        }
        if (t.logins().isEmpty()) {
            h.append("<p>No device contacted TikTok's login services in this capture.</p>\n");
        } else {
            h.append("<table>\n<tr><th>device</th><th>first (UTC)</th><th>last</th><th class=\"n\">flows</th>"
                    + "<th>server names</th></tr>\n");
            for (ThirdPartyReport.LoginContacts l : t.logins()) {
                h.append("<tr><td><code>").append(e(l.device().label())).append("</code></td><td class=\"t\">")
                        .append(time(l.firstNanos()))
                        .append("</td><td class=\"t\">").append(time(l.lastNanos())).append("</td><td class=\"n\">").append(l.flows())
                        .append("</td><td class=\"wrap\">").append(e(names(l.names()))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private static void limits(StringBuilder h, CaptureReport report) {
        AnalysisResult r = report.result();
        h.append("<h2>5. What the traffic cannot show</h2>\n<ul class=\"limits\">\n");
        for (String c : report.states().caveats()) {
            h.append("<li>").append(e(c)).append("</li>\n");
        }
        for (String c : KNOWN_LIMITS) {
            h.append("<li>").append(e(c)).append("</li>\n");
        }
        h.append("</ul>\n");
        if (!r.complete() || !r.warnings().isEmpty()) {
            h.append("<h3>About this capture</h3>\n<ul class=\"warnings\">\n");
            if (!r.complete()) {
                h.append("<li>The analysis stopped before the end of the capture; every figure is of the part read.</li>\n");
            }
            for (CaptureWarning w : r.warnings()) {
                h.append("<li>").append(e(w.toString())).append("; the flows read before it are reported.</li>\n");
            }
            h.append("</ul>\n");
        }
    }

    private static void reproduce(StringBuilder h, CaptureReport report) {
        AnalysisResult r = report.result();
        h.append("<h2>6. How to reproduce this report</h2>\n<table class=\"facts\">\n");
        fact(h, "TokTrace", e(report.version()));
        fact(h, "service catalog", e(r.catalogVersion()));
        fact(h, "network data", e(report.destinations().source() + ", data of " + report.destinations().dataDate()));
        fact(h, "time bins", e(TimelineSvg.binText(TimelineSvg.analysisBin(r))) + " (the analysis); "
                + e(TimelineSvg.binText(TimelineSvg.bins(r).binNanos())) + " in the chart");
        fact(h, "command", "<code class=\"wrap\">" + e(report.command()) + "</code>");
        if (report.sha256() != null) {
            fact(h, "check the file", "<code class=\"wrap\">sha256sum " + e(fileName(r.capture().source()))
                    + "</code> prints the SHA-256 above");
        }
        fact(h, "written", UTC.format(report.writtenAt()));
        h.append("</table>\n<p class=\"note\">The same capture, TokTrace version, catalog and network data give the same"
                + " figures: the analysis reads the file alone (the name memory of earlier captures is off unless"
                + " asked for).</p>\n");
    }

    /**
     * The page's styles: screen and print (A4). Only CSS 2.1 and paged media that both a browser and
     * openhtmltopdf lay out the same: tables and blocks, no flexbox or grid.
     */
    static final String STYLE = String.join("\n",
            "",
            "@page { size: A4; margin: 16mm 14mm 18mm 14mm;",
            "  @bottom-center { content: \"TokTrace report, page \" counter(page) \" of \" counter(pages);"
                    + " font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 8pt; color: #59636e; } }",
            "body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.4;"
                    + " color: #1f2328; max-width: 60em; margin: 1.5em auto; padding: 0 1em; }",
            "h1 { font-size: 19pt; margin: 0 0 0.4em 0; }",
            "h2 { font-size: 14pt; margin: 1.4em 0 0.4em 0; border-bottom: 1px solid #d0d7de; padding-bottom: 0.15em;"
                    + " page-break-after: avoid; }",
            "h3 { font-size: 11.5pt; margin: 1.1em 0 0.3em 0; page-break-after: avoid; }",
            ".lede { font-size: 11.5pt; }",
            ".note, .muted, .source { color: #59636e; }",
            ".note { font-size: 9.5pt; }",
            "code { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 9pt; }",
            ".hash, .wrap, .file { word-wrap: break-word; overflow-wrap: anywhere; }",
            "table { border-collapse: collapse; margin: 0.3em 0 0.8em 0; width: 100%; font-size: 9.5pt; }",
            "th, td { text-align: left; vertical-align: top; padding: 0.2em 0.5em; border-bottom: 1px solid #e6e9ec; }",
            "th { font-weight: bold; }",
            "table.facts th { width: 10em; color: #59636e; font-weight: normal; }",
            "td.n, th.n, td.t, td.s, td code { text-align: right; white-space: nowrap; }",
            "td.t, td.s, td code { text-align: left; }",
            "tr { page-break-inside: avoid; }",
            "tr.sum td { font-weight: bold; }",
            "figure { margin: 0.6em 0 1em 0; page-break-inside: avoid; }",
            "figcaption { font-size: 9pt; color: #59636e; }",
            "svg.timeline { width: 100%; height: auto; }",
            // the state's colour as the cell's left edge: a border prints in every renderer, where an
            // inline block may wrap away from its word
            "td.s { border-left: 0.7em solid #999999; padding-left: 0.45em; }",
            ".state-foreground td.s { border-left-color: #D55E00; }",
            ".state-minimized td.s { border-left-color: #56B4E9; }",
            ".state-closed td.s { border-left-color: #009E73; }",
            ".state-background td.s { border-left-color: #0072B2; }",
            "td span.muted { white-space: nowrap; }",
            ".claim { border-left: 5px solid #8c959f; padding: 0.3em 0.8em; margin: 0.6em 0; page-break-inside: avoid; }",
            ".claim.holds { border-left-color: #1a7f37; }",
            ".claim.fails { border-left-color: #cf222e; }",
            ".claim.untold { border-left-color: #9a6700; }",
            "blockquote { margin: 0.2em 0; font-style: italic; }",
            "blockquote .source { font-style: normal; font-size: 9pt; }",
            ".tested { margin: 0.2em 0; font-size: 9.5pt; color: #59636e; }",
            ".verdict { margin: 0.2em 0; }",
            ".verdict .word { font-weight: bold; text-transform: uppercase; letter-spacing: 0.03em; }",
            ".holds .word { color: #1a7f37; }",
            ".fails .word { color: #cf222e; }",
            ".untold .word { color: #9a6700; }",
            "@media print { body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; } a { color: inherit; } }",
            "");
}
