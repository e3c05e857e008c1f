package org.toktrace.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.CaptureWarning;
import org.toktrace.model.Category;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.model.LearnedName;
import org.toktrace.model.NameSource;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.ServiceTotals;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TrafficBreakdown;

/** Analysis results for the library's tests: real ones from captures, and hand-made ones with every odd value. */
public final class LibraryResults {
    static final long SECOND = 1_000_000_000L;

    private LibraryResults() {
    }

    /** The bundled sample capture, analysed. */
    static AnalysisResult sample() throws Exception {
        return new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(Path.of("captures/hotspot-sample.pcap"));
    }

    /**
     * A result that uses every field and the values a save most easily loses: null names and evidence,
     * IPv6, ALPN with commas and quotes, ECH, negative and huge numbers, warnings, notes, learned names,
     * a TikTok flow in each state, text from hostile packets ({@code =cmd}, a NUL, non-ASCII), and
 * devices that announced themselves (with a hostile name, without an address, with 16 addresses).
     */
    static AnalysisResult everything(int flows) {
        IpAddress phone = IpAddress.parse("10.42.0.23");
        IpAddress phone6 = IpAddress.parse("2001:db8::23");
        long t0 = 1_774_280_045_123_456_789L;
        List<FlowRecord> list = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            boolean v6 = i % 3 == 1;
            FlowKey key = new FlowKey(i % 5 == 4 ? 17 : 6, v6 ? phone6 : phone, 40000 + i % 20000,
                    v6 ? IpAddress.parse("2a03:2880::" + Integer.toHexString(i % 65536)) : IpAddress.ofV4(0x17000000 | i),
                    i % 5 == 4 ? 443 : 443 - i % 2 * 363);
            long first = t0 + i * SECOND / 10;
            int nBins = 1 + i % 7;
            long[] bins = new long[nBins];
            long[] up = new long[nBins];
            long[] down = new long[nBins];
            int[] packets = new int[nBins];
            for (int b = 0; b < nBins; b++) {
                bins[b] = first / SECOND + b * (1 + i % 3);
                up[b] = 40L * (b + 1);
                down[b] = i % 11 == 0 ? Long.MAX_VALUE / 1024 : 1448L * (i + b);
                packets[b] = 1 + b + i % 4;
            }
            FlowNames names = switch (i % 4) {
                case 0 -> FlowNames.NONE;
                case 1 -> new FlowNames("v16-webapp.tiktok.com", NameSource.TLS_SNI, first + 1000, List.of("h2", "http/1.1"), 0, false);
                case 2 -> new FlowNames("=cmd|' /C calc'!A0\u0000é", NameSource.QUIC_SNI, first + 2000,
                        List.of("h3", "a,b", "\"q\""), 0x00000001, true);
                default -> new FlowNames("api.example.org", NameSource.HTTP_HOST, first + 3000, List.of(), 0, false);
            };
            Attribution a = switch (i % 4) {
                case 0 -> Attribution.NONE;
                case 1 -> new Attribution(new Evidence(NameSource.TLS_SNI, "v16-webapp.tiktok.com", first + 1000, "in the flow"),
                        Attribution.TIKTOK, Category.VIDEO, i % 8 == 1 ? AppState.FOREGROUND : AppState.BACKGROUND);
                case 2 -> new Attribution(new Evidence(NameSource.DNS, "log.tiktokv.com", first - 5 * SECOND,
                        "a -> b.akamai.net -> c"), Attribution.TIKTOK, null, null);
                default -> new Attribution(new Evidence(NameSource.IP_RANGE, "example", -7, ""), "Example", null);
            };
            long upSum = 0;
            long downSum = 0;
            for (int b = 0; b < nBins; b++) {
                upSum += up[b];
                downSum += down[b];
            }
            list.add(new FlowRecord(i + 1, key, first, first + nBins * SECOND, nBins, nBins * 2L, upSum, downSum,
                    FlowEnd.values()[i % FlowEnd.values().length], i % 2 == 0 ? 0x02005e100001L + i % 3 : -1,
                    new FlowBins(SECOND, bins, up, down, packets), names, a));
        }
        CaptureInfo info = new CaptureInfo("/captures/ünïcode, \"quoted\" 'name'.pcapng", 123_456_789_012L,
                CaptureFormat.PCAPNG, List.of(1, 113, 276), t0, t0 + 3600 * SECOND);
        PacketCounters counters = new PacketCounters(1_000_000, 900_000_000, 990_000, 880_000_000, 9000, 700, 300, 12, 3);
        List<CaptureWarning> warnings = List.of(new CaptureWarning(123_456, "the file ends in the middle of a record"),
                new CaptureWarning(-1, "second warning, offset unknown"));
        List<LearnedName> learned = List.of(
                new LearnedName(IpAddress.parse("23.0.0.5"), "v16-webapp.tiktok.com", NameSource.TLS_SNI, t0, t0 + SECOND, "a.pcap"),
                new LearnedName(IpAddress.parse("2a03:2880::5"), "log.tiktokv.com", NameSource.DNS, t0, t0, "a.pcap"));
        TrafficBreakdown breakdown = new TrafficBreakdown(new ServiceTotals("TikTok", 42, 4200, 1000, 2_000_000),
                List.of(new ServiceTotals("video", 30, 4000, 900, 1_900_000), new ServiceTotals("api", 12, 200, 100, 100_000)),
                Map.of("tls-sni", 30L, "dns", 12L),
                List.of(new ServiceTotals("Google FCM", 2, 20, 2000, 3000)),
                List.of(new ServiceTotals("Example", 5, 50, 5000, 6000), new ServiceTotals("Other, Inc.", 1, 2, 3, 4)),
                new ServiceTotals("unknown", 3, 30, 300, 400),
                List.of(new ServiceTotals("no DNS, no SNI", 7, 70, 700, 800)),
                List.of("DNS over HTTPS seen: some names are hidden", "second note"));
        List<DeviceStates> states = List.of(
                new DeviceStates(Device.Id.parse("02:00:5e:10:00:01"), List.of(
                        new StateInterval(AppState.BACKGROUND, t0, t0 + 60 * SECOND, 0.5, "only keepalives: 1.2 kB/min"),
                        new StateInterval(AppState.FOREGROUND, t0 + 60 * SECOND, t0 + 200 * SECOND, 0.9731234567891234,
                                "video bursts every 4.1 s"),
                        new StateInterval(AppState.BACKGROUND, t0 + 200 * SECOND, t0 + 3600 * SECOND, 1.0, "quiet for 60 s")),
                        1_900_000, 100_000, 140 * SECOND, 3460 * SECOND),
                new DeviceStates(Device.Id.parse("10.42.0.23"), List.of(), 0, 0, 0, 0));
        List<IpAddress> many = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            many.add(IpAddress.parse("2001:db8::" + Integer.toHexString(0x100 + i)));
        }
        List<Device> announced = List.of(
                new Device(0x02005e100001L, List.of(phone, phone6), "Pixel-7", "dhcp"),
                new Device(0x02005e100002L, List.of(), "", "dhcp"),
                new Device(0x0a0000000009L, List.of(IpAddress.parse("fe80::9")), "=cmd|' /C calc'!A0\u0000\u00e9\u202e",
                        "mdns"),
                new Device(0xffffffffffffL, many, "a".repeat(200), "mdns"));
        return new AnalysisResult(info, list, counters, warnings, false, learned, "catalog 2026-11-21", breakdown, states,
                announced);
    }
}
