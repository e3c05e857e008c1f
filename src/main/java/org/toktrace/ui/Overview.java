package org.toktrace.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.toktrace.model.Device;
import org.toktrace.model.StateReport;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.ClaimCheck;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.ServiceTotals;
import org.toktrace.model.StateInterval;

/**
 * The overview's figures for all devices or one: TikTok foreground and background (bytes, time in
 * state, share), TikTok in all, traffic no service could be named for, the platforms' push channels
 * (never TikTok's), the claims check, and the state intervals with their reasons. Plain Java, so it
 * is tested without a display.
 *
 * @param device    the device shown, or null for all
 * @param intervals the state intervals of the device shown, or of every device, in time order
 */
public record Overview(Device.Id device, Card foreground, Card background, Card tiktok, Card unattributed,
        Card platformPush, Card claims, Card capture, List<Interval> intervals) {

    /** A state interval and the device it belongs to. */
    public record Interval(Device.Id device, StateInterval interval) {
    }

    /** One summary card: a title, the big figure, and a line that explains it. */
    public record Card(String title, String value, String detail) {
    }

    public Overview {
        intervals = List.copyOf(intervals);
    }

    /** The devices a person can pick, in the picker's order ({@link DeviceChoice#of}). */
    public static List<Device.Id> devices(AnalysisResult result) {
        return DeviceChoice.of(result).stream().map(DeviceChoice::id).toList();
    }

    /** The overview of {@code result} for {@code device} (null: all devices). */
    public static Overview of(AnalysisResult result, Device.Id device) {
        return of(result, device, false);
    }

    /**
     * The overview of {@code result} for {@code device}; a {@code provisional} one (a capture still
     * being read, or live) says that its verdicts may still change.
     */
    public static Overview of(AnalysisResult result, Device.Id device, boolean provisional) {
        DeviceStates states = statesOf(result, device);
        // one pass over the flows, never a copy of them: a big capture's flows are read from disk
        long tiktokFlows = 0;
        long tiktokBytes = 0;
        long unknownBytes = 0;
        long unknownFlows = 0;
        long unnamedBytes = 0;
        long unnamedFlows = 0;
        long pushBytes = 0;
        long pushFlows = 0;
        Set<String> pushServices = result.breakdown().platformPush().stream().map(ServiceTotals::name)
                .collect(Collectors.toSet());
        for (FlowRecord f : result.flows()) {
            if (!Device.includes(device, Device.Id.of(f))) {
                continue;
            }
            var a = f.attribution();
            if (a.isTikTok()) {
                tiktokFlows++;
                tiktokBytes += f.bytes();
            }
            if (a.evidence() == null) {
                unnamedBytes += f.bytes();
                unnamedFlows++;
            } else if (a.service() == null) {
                unknownBytes += f.bytes();
                unknownFlows++;
            } else if (pushServices.contains(a.service())) {
                pushBytes += f.bytes();
                pushFlows++;
            }
        }

        Card fg = new Card("TikTok in foreground", Figures.bytes(states.foregroundBytes()),
                "in " + Figures.duration(states.foregroundNanos()) + " on screen · "
                        + Figures.percent(states.foregroundShare()) + " of TikTok's bytes");
        Card bg = new Card("TikTok in background", Figures.bytes(states.backgroundBytes()),
                "in " + Figures.duration(states.backgroundNanos()) + " minimized or closed · "
                        + Figures.percent(states.bytes() == 0 ? 0 : 1 - states.foregroundShare()) + " of TikTok's bytes");
        Card tiktok = new Card("TikTok in all", Figures.bytes(tiktokBytes),
                Figures.count(tiktokFlows) + (tiktokFlows == 1 ? " flow" : " flows") + sources(result, device));

        Card unattributed = new Card("Unattributed traffic", Figures.bytes(unknownBytes + unnamedBytes),
                Figures.count(unknownFlows) + " flows to servers TokTrace does not recognise (" + Figures.bytes(unknownBytes)
                        + "), " + Figures.count(unnamedFlows) + " flows without a name (" + Figures.bytes(unnamedBytes) + ")");
        String pushNames = pushServices.isEmpty() ? "none seen" : String.join(", ", pushServices.stream().sorted().toList());
        Card push = new Card("Platform push (not TikTok)", Figures.bytes(pushBytes),
                Figures.count(pushFlows) + (pushFlows == 1 ? " flow" : " flows") + " · " + pushNames
                        + " · the phone's shared channel, never counted as TikTok");
        List<Interval> intervals = new ArrayList<>();
        for (DeviceStates d : result.states()) {
            if (Device.includes(device, d.device())) {
                d.intervals().forEach(i -> intervals.add(new Interval(d.device(), i)));
            }
        }
        intervals.sort(java.util.Comparator.comparingLong((Interval i) -> i.interval().startNanos())
                .thenComparing(i -> i.device().label()));
        Card claims = claimsCard(result, device);
        if (provisional) {
            claims = new Card(claims.title(), "Provisional \u00b7 " + claims.value(), "So far, while the capture is"
                    + " still being read: the newest state may change when more traffic arrives. " + claims.detail());
        }
        return new Overview(device, fg, bg, tiktok, unattributed, push, claims,
                captureCard(result), intervals);
    }

    /**
     * The claims check for the overview, from the analysis' state report (the same check the
     * command line prints): whether TikTok's background traffic stayed in kilobytes, with its rate,
     * and whether any video came down in the background; the sentences say what traffic can tell.
     */
    public static Card claimsCard(AnalysisResult result, Device.Id device) {
        return claimsCard(TikTokReport.of(result), device);
    }

    /** What decides the claims card's verdict, for its tooltip: the claims check's own line and minimum. */
    public static String claimsThreshold() {
        return "\u201cKilobytes\u201d means less than " + Figures.bytes(TikTokReport.kilobytesLimit())
                + " of TikTok traffic in all while the app was minimized or closed; " + Figures.bytes(TikTokReport.kilobytesLimit())
                + " or more is not kilobytes. With less than " + Figures.duration(TikTokReport.minBackgroundNanos())
                + " of background time the check says it cannot tell: a minute or two holds one or two pings, too few"
                + " to judge. The rate per hour is the background bytes over the background time.";
    }

    static Card claimsCard(StateReport report, Device.Id device) {
        String title = "Claim: \u201cin the background it only uses kilobytes\u201d";
        DeviceStateReport d = device == null ? report.total()
                : report.devices().stream().filter(r -> r.device().equals(device)).findFirst().orElse(null);
        if (d == null || d.claims().isEmpty()) {
            return new Card(title, "not measured", "no TikTok traffic from this device");
        }
        ClaimCheck kilobytes = d.claims().get(0);
        String verdict = kilobytes.verdict().label();
        String value = Character.toUpperCase(verdict.charAt(0)) + verdict.substring(1);
        if (d.backgroundNanos() > 0) {
            long perHour = Math.round(d.backgroundBytes() * 3_600e9 / d.backgroundNanos());
            value += " \u00b7 " + Figures.bytes(perHour) + " per hour";
        }
        return new Card(title, value, d.claims().stream().map(ClaimCheck::sentence)
                .collect(Collectors.joining(". ")) + (device == null ? " (device time, summed over devices)" : ""));
    }

    private static Card captureCard(AnalysisResult r) {
        CaptureInfo c = r.capture();
        String span = c.lastNanos() > 0
                ? Figures.dateTimeMillis(c.firstNanos()) + " to " + Figures.clockMillis(c.lastNanos()) + " UTC ("
                        + Figures.duration(c.durationNanos()) + ")"
                : "no packets";
        int devices = r.devices().size();
        return new Card("Capture", fileName(c.source()),
                c.format().label() + ", " + Figures.bytes(c.sizeBytes()) + " · " + span + " · "
                        + Figures.count(r.counters().frames()) + " packets · " + Figures.count(r.flows().size())
                        + " flows · " + Figures.count(devices) + (devices == 1 ? " device" : " devices")
                        + (r.complete() ? "" : " · incomplete"));
    }

    static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    private static String sources(AnalysisResult result, Device.Id device) {
        if (device != null) {
            return "";
        }
        Map<String, Long> sources = result.breakdown().tiktokNameSources();
        if (sources.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        sources.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> parts.add(byWhat(e.getKey()) + " " + e.getValue()));
        return " · named " + String.join(", ", parts);
    }

    /** How a flows.csv name source reads to a person: "by TLS server name", "by DNS". */
    static String byWhat(String nameSource) {
        return org.toktrace.model.NameSource.byWhat(nameSource);
    }

    static DeviceStates statesOf(AnalysisResult result, Device.Id device) {
        if (device == null) {
            return result.totalStates();
        }
        return result.states().stream().filter(d -> d.device().equals(device)).findFirst()
                .orElse(new DeviceStates(device, List.of(), 0, 0, 0, 0));
    }
}
