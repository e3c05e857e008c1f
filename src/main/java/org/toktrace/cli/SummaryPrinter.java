package org.toktrace.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.ByteUnits;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.BackgroundCadence;
import org.toktrace.model.ClaimCheck;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.DeviceTotals;
import org.toktrace.model.Device;
import org.toktrace.model.PrintableText;
import org.toktrace.model.ScrollingSession;
import org.toktrace.model.StateReport;
import org.toktrace.model.ThirdPartyReport;
import org.toktrace.model.StateInterval;
import org.toktrace.model.LinkTypeNames;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.NameSource;
import org.toktrace.model.ServiceTotals;
import org.toktrace.model.TrafficBreakdown;
import org.toktrace.model.NetworkShare;
import org.toktrace.model.RegionHintCheck;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.TikTokDestinations;

/**
 * The short human summary {@code analyze} prints: capture, time span, packets, flows, devices, whose
 * the traffic is, and TikTok's foreground/background per device (volumes, time, rates, scrolling
 * sessions, background cadence, first state intervals) with the claims checked against the traffic,
 * and where TikTok's traffic goes (operators and countries per state, region hints).
 */
final class SummaryPrinter {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int DEVICES_LISTED = 10;

    void print(AnalysisResult result, StateReport report, PrintWriter out) {
        CaptureInfo capture = result.capture();
        PacketCounters c = result.counters();
        StringJoiner links = new StringJoiner(", ");
        capture.linkTypes().forEach(t -> links.add(LinkTypeNames.name(t)));
        out.printf("%s%n", capture.source());
        // a live capture has no size of its own (sizeBytes -1): its frames count it
        out.printf("  format     %s%s%s%n", capture.format().label(),
                capture.sizeBytes() >= 0 ? ", " + ByteUnits.format(capture.sizeBytes()) : "",
                links.length() > 0 ? ", " + links : "");
        if (c.frames() > 0) {
            out.printf("  time span  %s to %s UTC (%s)%n", WHEN.format(instant(capture.firstNanos())),
                    WHEN.format(instant(capture.lastNanos())), span(capture.durationNanos()));
        } else {
            out.printf("  time span  no frames%n");
        }
        out.printf(Locale.ROOT, "  packets    %,d frames: %,d IP packets (%s of IP bytes), %,d not IP, %,d malformed%s%s%n",
                c.frames(), c.ipPackets(), ByteUnits.format(c.ipBytes()), c.nonIp(), c.malformed(),
                c.truncated() > 0 ? String.format(Locale.ROOT, ", %,d longer than their frames", c.truncated()) : "",
                c.unsupportedLink() > 0 ? String.format(Locale.ROOT, ", %,d of unsupported link types", c.unsupportedLink()) : "");
        StringJoiner transports = new StringJoiner(", ", " (", ")");
        result.flowsByTransport().forEach((name, n) -> transports.add(name + " " + n));
        out.printf(Locale.ROOT, "  flows      %,d%s%n", result.flows().size(), result.flows().isEmpty() ? "" : transports);
        printDevices(result, out);
        printBreakdown(result.breakdown(), out);
        printStates(result, report, out);
        if (result.breakdown().tiktok().flows() > 0) {
            // only with TikTok traffic: the network table is read on first use, and nothing else needs it here
            printDestinations(TikTokReport.destinations(result), out);
        }
        if (!result.flows().isEmpty()) {
            printThirdParties(report.thirdParties(), out);
        }
        if (!result.complete()) {
            out.printf("  (analysis stopped before the end of the capture)%n");
        }
        out.flush();
    }

    /**
     * The flows' devices, the busiest first, each with the name it gave itself over DHCP or mDNS;
     * then the devices that only announced themselves.
     */
    private static void printDevices(AnalysisResult result, PrintWriter out) {
        List<DeviceTotals> devices = result.devices();
        List<Device> hotspot = result.hotspotDevices();
        Map<Device.Id, Device> named = Device.byId(hotspot);
        out.printf(Locale.ROOT, "  devices    %,d%n", devices.size());
        for (DeviceTotals d : devices.subList(0, Math.min(DEVICES_LISTED, devices.size()))) {
            String name = DeviceText.name(named.get(d.id()));
            out.printf(Locale.ROOT, "    %-17s %,5d flows  %9s down  %9s up  %s%s%n", d.label(), d.flows(),
                    ByteUnits.format(d.bytesDown()), ByteUnits.format(d.bytesUp()), addresses(d),
                    name.isEmpty() ? "" : "  " + name);
        }
        if (devices.size() > DEVICES_LISTED) {
            out.printf(Locale.ROOT, "    ... and %,d more%n", devices.size() - DEVICES_LISTED);
        }
        List<Device> withoutFlows = hotspot.subList(devices.size(), hotspot.size());
        for (Device d : withoutFlows.subList(0, Math.min(DEVICES_LISTED, withoutFlows.size()))) {
            String name = DeviceText.name(d);
            out.printf(Locale.ROOT, "    %-17s no flows, seen in DHCP or mDNS only  %s%s%n", d.label(),
                    DeviceText.addresses(d.addresses(), 3), name.isEmpty() ? "" : "  " + name);
        }
        if (withoutFlows.size() > DEVICES_LISTED) {
            out.printf(Locale.ROOT, "    ... and %,d more seen in DHCP or mDNS only%n", withoutFlows.size() - DEVICES_LISTED);
        }
    }

    private static final int SERVICES_LISTED = 6;

    /** Whose the traffic is: TikTok by category, platform push, other services, what has no name. */
    private static void printBreakdown(TrafficBreakdown b, PrintWriter out) {
        ServiceTotals t = b.tiktok();
        if (t.flows() == 0) {
            out.printf("  TikTok     no TikTok traffic found%n");
        } else {
            StringJoiner sources = new StringJoiner(", ");
            b.tiktokNameSources().forEach((source, n) -> sources.add(NameSource.byWhat(source) + " " + n));
            out.printf(Locale.ROOT, "  TikTok     %,d flows, %s down, %s up (named %s)%n", t.flows(),
                    ByteUnits.format(t.bytesDown()), ByteUnits.format(t.bytesUp()), sources);
            for (ServiceTotals c : b.tiktokByCategory()) {
                out.printf(Locale.ROOT, "    %-9s %9s  %s%n", c.name(), ByteUnits.format(c.bytes()), flows(c.flows()));
            }
        }
        for (ServiceTotals p : b.platformPush()) {
            out.printf(Locale.ROOT, "  platform push  %s: %s, %s (the phone's shared push channel, not TikTok's)%n",
                    p.name(), flows(p.flows()), ByteUnits.format(p.bytes()));
        }
        if (!b.otherServices().isEmpty()) {
            StringJoiner others = new StringJoiner(", ");
            b.otherServices().stream().limit(SERVICES_LISTED)
                    .forEach(o -> others.add(o.name() + " " + ByteUnits.format(o.bytes())));
            int more = b.otherServices().size() - SERVICES_LISTED;
            out.printf("  others     %s%s%n", others, more > 0 ? " and " + more + " more" : "");
        }
        if (b.unknownNames().flows() > 0) {
            out.printf(Locale.ROOT, "  unknown    %,d flows, %s to servers TokTrace does not recognise%n",
                    b.unknownNames().flows(), ByteUnits.format(b.unknownNames().bytes()));
        }
        ServiceTotals unnamed = b.unnamed();
        if (unnamed.flows() > 0) {
            out.printf(Locale.ROOT, "  unnamed    %,d flows, %s:%n", unnamed.flows(), ByteUnits.format(unnamed.bytes()));
            for (ServiceTotals r : b.unnamedByReason()) {
                out.printf(Locale.ROOT, "    %11s %9s  %s%n", flows(r.flows()), ByteUnits.format(r.bytes()), r.name());
            }
        }
        for (String note : b.notes()) {
            out.printf("  note       %s%n", note);
        }
    }

    private static final int INTERVALS_LISTED = 6;
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final int SESSIONS_LISTED = 8;

    /**
     * TikTok foreground and background: bytes, share, time and rates, in total and per device, with
     * the scrolling sessions, the background cadence and the intervals; then the claims.
     */
    private static void printStates(AnalysisResult result, StateReport report, PrintWriter out) {
        List<DeviceStates> states = result.states();
        if (states.isEmpty()) {
            return;
        }
        out.printf("  TikTok foreground/background%n");
        out.printf("    %-17s %s%n", Device.ALL, stateLine(result.totalStates()));
        if (states.size() > 1) {
            // two phones over the same ten minutes have twenty minutes of state between them: say so
            out.printf(Locale.ROOT, "      %-10s device time, summed over the %d devices (the capture spans %s); rates are per"
                    + " minute of it%n", "time", states.size(), span(result.capture().durationNanos()));
        }
        printReport(report.total(), false, out);
        for (int n = 0; n < Math.min(DEVICES_LISTED, states.size()); n++) {
            DeviceStates d = states.get(n);
            out.printf("    %-17s %s%n", d.device().label(), stateLine(d));
            if (n < report.devices().size() && report.devices().get(n).device().equals(d.device())) {
                printReport(report.devices().get(n), true, out);
            }
            List<StateInterval> intervals = d.intervals();
            for (StateInterval i : intervals.subList(0, Math.min(INTERVALS_LISTED, intervals.size()))) {
                out.printf(Locale.ROOT, "      %s-%s UTC  %-10s %3.0f %%  %s%n", CLOCK.format(instant(i.startNanos())),
                        CLOCK.format(instant(i.endNanos())), i.state().label(), 100 * i.confidence(), i.reason());
            }
            if (intervals.size() > INTERVALS_LISTED) {
                out.printf(Locale.ROOT, "      ... and %,d more intervals (all in the summary JSON)%n",
                        intervals.size() - INTERVALS_LISTED);
            }
        }
        if (states.size() > DEVICES_LISTED) {
            out.printf(Locale.ROOT, "    ... and %,d more%n", states.size() - DEVICES_LISTED);
        }
        out.printf("  Claims, checked against the traffic (%s%s)%n", Device.ALL, states.size() > 1 ? ", their time summed" : "");
        for (ClaimCheck c : report.total().claims()) {
            out.printf("    %s%n", c.sentence());
        }
        for (String caveat : report.caveats()) {
            out.printf("    note: %s%n", caveat);
        }
    }

    private static final int THIRD_PARTIES_LISTED = 8;

    /**
     * The third parties per device with their bytes by TikTok's state at the time, and TikTok's login
     * moments; each with the one-line note that says what it is and is not.
     */
    private static void printThirdParties(ThirdPartyReport t, PrintWriter out) {
        if (t.devices().isEmpty()) {
            // said, not left out: a reader should see that the capture was looked at for them
            out.printf("  Third parties (ads, analytics, crash, login): none contacted%n");
        } else {
            out.printf("  Third parties (ads, analytics, crash, login) by TikTok's state at the time%n");
            out.printf("    note: %s%n", t.note());
            for (ThirdPartyReport.DeviceContacts d : t.devices()) {
                out.printf("    %s%s%n", d.device().label(), d.tiktokSeen() ? "" : "  (TikTok not seen)");
                List<ThirdPartyReport.Contact> services = d.services();
                for (ThirdPartyReport.Contact c : services.subList(0, Math.min(THIRD_PARTIES_LISTED, services.size()))) {
                    out.printf(Locale.ROOT, "      %-24s %-9s %,4d %-5s  %s%n", c.service(), c.category().label(),
                            c.flows(), c.flows() == 1 ? "flow" : "flows", d.tiktokSeen()
                                    ? String.format(Locale.ROOT, "foreground %s (%s), background %s (%s), outside TikTok's states %s",
                                            ByteUnits.format(c.foregroundBytes()), span(c.foregroundNanos()),
                                            ByteUnits.format(c.backgroundBytes()), span(c.backgroundNanos()),
                                            ByteUnits.format(c.otherBytes()))
                                    : ByteUnits.format(c.bytes()));
                }
                if (services.size() > THIRD_PARTIES_LISTED) {
                    out.printf(Locale.ROOT, "      ... and %,d more (all in the summary JSON)%n",
                            services.size() - THIRD_PARTIES_LISTED);
                }
            }
        }
        if (!t.logins().isEmpty()) {
            out.printf("  TikTok login services contacted%n");
            for (ThirdPartyReport.LoginContacts l : t.logins()) {
                out.printf(Locale.ROOT, "    %-17s %s to %s UTC, %,d %s (%s)%n", l.device().label(),
                        WHEN.format(instant(l.firstNanos())), WHEN.format(instant(l.lastNanos())), l.flows(),
                        l.flows() == 1 ? "flow" : "flows",
                        String.join(", ", l.names()));
            }
            out.printf("    note: %s%n", t.loginNote());
        }
    }

    private static final int NETWORKS_LISTED = 8;

    /**
     * Where TikTok's traffic goes: its bytes per group of networks (ByteDance's own, CDNs, clouds),
     * per operator and per country, each split by state, and the region hints of its server names
     * beside the addresses' countries.
     */
    private static void printDestinations(TikTokDestinations d, PrintWriter out) {
        out.printf("  Where TikTok's traffic goes (network table dated %s, %s)%n", d.dataDate(), d.source());
        out.printf("    (each flow counts for the state that holds most of its bytes)%n");
        long all = d.bytes();
        out.printf(Locale.ROOT, "    ByteDance's own networks %.0f %% of TikTok's bytes, CDNs %.0f %%, clouds %.0f %%%n",
                100 * d.share(ServerNetwork.BYTEDANCE), 100 * d.share(ServerNetwork.CDN), 100 * d.share(ServerNetwork.CLOUD));
        printShares("by network", d.byGroup(), all, out);
        printShares("by operator", d.byOperator(), all, out);
        printShares("by country", d.byCountry(), all, out);
        List<RegionHintCheck> hints = d.regionHints();
        if (!hints.isEmpty()) {
            out.printf("    region hints in the names%n");
            for (RegionHintCheck h : hints.subList(0, Math.min(NETWORKS_LISTED, hints.size()))) {
                out.printf("      %s%n", PrintableText.of(h.sentence()));
            }
            if (hints.size() > NETWORKS_LISTED) {
                out.printf(Locale.ROOT, "      ... and %,d more (all in the summary JSON)%n", hints.size() - NETWORKS_LISTED);
            }
        }
    }

    private static void printShares(String title, List<NetworkShare> rows, long all, PrintWriter out) {
        out.printf("    %s%n", title);
        for (NetworkShare s : rows.subList(0, Math.min(NETWORKS_LISTED, rows.size()))) {
            out.printf(Locale.ROOT, "      %-44s %3.0f %%  foreground %9s  background %9s  %s%n",
                    PrintableText.of(s.name()), all == 0 ? 0 : 100.0 * s.bytes() / all, ByteUnits.format(s.foregroundBytes()),
                    ByteUnits.format(s.backgroundBytes()), flows(s.flows()));
        }
        if (rows.size() > NETWORKS_LISTED) {
            out.printf(Locale.ROOT, "      ... and %,d more (all in the summary JSON)%n", rows.size() - NETWORKS_LISTED);
        }
    }

    /** Rates, background cadence and (per device) the scrolling sessions of one report. */
    private static void printReport(DeviceStateReport r, boolean sessions, PrintWriter out) {
        out.printf("      rates      foreground %s, background %s%n", rate(r.foregroundBytesPerMinute(), r.foregroundNanos()),
                rate(r.backgroundBytesPerMinute(), r.backgroundNanos()));
        if (!r.cadence().isEmpty()) {
            StringJoiner cadence = new StringJoiner(", ");
            for (BackgroundCadence c : r.cadence()) {
                cadence.add(c.category().label() + " " + (c.hasMedian() ? "every " + seconds(c.medianIntervalNanos())
                        + " (median)" : "without a repeat") + ", " + c.exchanges() + (c.exchanges() == 1 ? " exchange" : " exchanges")
                        + ", " + ByteUnits.format(c.bytes()));
            }
            out.printf("      background %s%n", cadence);
        }
        if (r.backgroundDownloads() > 0) {
            out.printf(Locale.ROOT, "      background video downloads: %d (%s)%n", r.backgroundDownloads(),
                    ByteUnits.format(r.backgroundDownloadBytes()));
        }
        if (!sessions) {
            int videos = r.sessions().stream().mapToInt(ScrollingSession::videos).sum();
            out.printf(Locale.ROOT, "      scrolling  %d %s, %d %s%n", r.sessions().size(),
                    r.sessions().size() == 1 ? "session" : "sessions", videos, videos == 1 ? "video" : "videos");
            return;
        }
        List<ScrollingSession> shown = r.sessions().subList(0, Math.min(SESSIONS_LISTED, r.sessions().size()));
        for (ScrollingSession s : shown) {
            out.printf(Locale.ROOT, "      scrolling  %s-%s UTC  %s, %d %s%n", CLOCK.format(instant(s.startNanos())),
                    CLOCK.format(instant(s.endNanos())), ByteUnits.format(s.bytes()), s.videos(),
                    s.videos() == 1 ? "video" : "videos");
        }
        if (r.sessions().size() > shown.size()) {
            out.printf(Locale.ROOT, "      ... and %,d more sessions (all in the summary JSON)%n",
                    r.sessions().size() - shown.size());
        }
    }

    private static String stateLine(DeviceStates d) {
        double fgShare = d.bytes() == 0 ? 0 : 100.0 * d.foregroundBytes() / d.bytes();
        double bgShare = d.bytes() == 0 ? 0 : 100.0 - fgShare;
        return String.format(Locale.ROOT, "foreground %s (%.0f %%) in %s, background %s (%.0f %%) in %s",
                ByteUnits.format(d.foregroundBytes()), fgShare, span(d.foregroundNanos()),
                ByteUnits.format(d.backgroundBytes()), bgShare, span(d.backgroundNanos()));
    }

    /** {@code 1 flow}, {@code 12 flows}. */
    static String flows(long n) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "flow" : "flows");
    }

    /** The device's addresses when its label is its MAC; at most three, then how many more. */
    private static String addresses(DeviceTotals d) {
        return d.mac() < 0 ? "" : DeviceText.addresses(d.addresses(), 3);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** {@code 10.2 MB/min}, or {@code no time} when the state never held. */
    private static String rate(double bytesPerMinute, long nanos) {
        return nanos <= 0 ? "no time" : ByteUnits.format(Math.round(bytesPerMinute)) + "/min";
    }

    /** {@code 58 s}, {@code 1 min 12 s}: an interval to the second. */
    static String seconds(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    static String span(long nanos) {
        long ms = nanos / 1_000_000;
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        double s = ms % 60_000 / 1000.0;
        if (h > 0) {
            return String.format(Locale.ROOT, "%d h %d min %.0f s", h, m, s);
        }
        if (m > 0) {
            return String.format(Locale.ROOT, "%d min %.1f s", m, s);
        }
        return String.format(Locale.ROOT, "%.3f s", s);
    }
}
