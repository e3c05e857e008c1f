package org.toktrace.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.Category;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.StateInterval;
import org.toktrace.model.ThirdPartyReport;
import org.toktrace.model.TrafficBreakdown;

class ThirdPartiesTest {

    static final long S = 1_000_000_000L;
    static final long PHONE = 0x0aff90150280L;
    static final long LAPTOP = 0x0aff90150299L;

    /** A flow of {@code bytes} down in each one-second bin from {@code from} to {@code to} seconds. */
    static FlowRecord flow(long id, long mac, String name, String service, Category category, int from, int to, long bytes) {
        int n = to - from + 1;
        long[] bins = new long[n];
        long[] ups = new long[n];
        long[] downs = new long[n];
        int[] packets = new int[n];
        for (int i = 0; i < n; i++) {
            bins[i] = from + i;
            downs[i] = bytes;
            packets[i] = 1;
        }
        Attribution a = new Attribution(new Evidence(NameSource.TLS_SNI, name, from * S, ""), service, category);
        return new FlowRecord(id, new FlowKey(6, IpAddress.parse("10.42.0.61"), 40000 + (int) id,
                IpAddress.parse("198.51.100.9"), 443), from * S, to * S, n, n, 0, n * bytes, FlowEnd.FIN, mac,
                new FlowBins(S, bins, ups, downs, packets), FlowNames.NONE, a);
    }

    static AnalysisResult result(List<FlowRecord> flows, List<DeviceStates> states) {
        return new AnalysisResult(new CaptureInfo("x", 0, CaptureFormat.PCAP, List.of(1), 0, 300 * S), flows,
                new PacketCounters(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), true, List.of(), "test", TrafficBreakdown.EMPTY,
                states);
    }

    @Test
    void flowsAreSplitByTheStateOfEachBinAndDevicesWithoutTikTokSaySo() {
        DeviceStates phone = new DeviceStates(Device.Id.of(PHONE, null), List.of(
                new StateInterval(AppState.BACKGROUND, 10 * S, 100 * S, 0.9, "pings"),
                new StateInterval(AppState.FOREGROUND, 100 * S, 200 * S, 0.9, "videos")), 0, 0, 100 * S, 90 * S);
        List<FlowRecord> flows = List.of(
                flow(1, PHONE, "v16m.tiktokcdn.com", "TikTok", Category.VIDEO, 120, 130, 100_000),
                // 95-104 s: five bins in background, five in foreground
                flow(2, PHONE, "inapps.appsflyersdk.com", "AppsFlyer", Category.ANALYTICS, 95, 104, 1_000),
                // before TikTok's first state on the device
                flow(3, PHONE, "app.adjust.com", "Adjust", Category.ANALYTICS, 2, 5, 500),
                flow(4, PHONE, "sf16-website-login.neutral.ttwstatic.com", "TikTok", Category.LOGIN, 150, 152, 2_000),
                flow(5, PHONE, "sf16-website-login.neutral.ttwstatic.com", "TikTok", Category.LOGIN, 160, 161, 2_000),
                // not a third party: a service of category other, and the platform's push channel
                flow(6, PHONE, "www.google.com", "Google", Category.OTHER, 120, 121, 9_000),
                flow(7, PHONE, "mtalk.google.com", "Google FCM", Category.PUSH, 120, 121, 9_000),
                flow(8, LAPTOP, "o1.ingest.sentry.io", "Sentry", Category.CRASH, 50, 51, 700));
        ThirdPartyReport t = ThirdParties.of(result(flows, List.of(phone)));

        assertEquals(2, t.devices().size(), t.toString());
        ThirdPartyReport.DeviceContacts p = t.devices().get(0);
        assertEquals(phone.device(), p.device());
        assertTrue(p.tiktokSeen());
        assertEquals(List.of("AppsFlyer", "Adjust"), p.services().stream().map(ThirdPartyReport.Contact::service).toList());
        ThirdPartyReport.Contact af = p.services().get(0);
        assertEquals(5_000, af.foregroundBytes());
        assertEquals(5_000, af.backgroundBytes());
        assertEquals(0, af.otherBytes());
        assertEquals(4 * S, af.foregroundNanos());
        assertEquals(5 * S, af.backgroundNanos());
        ThirdPartyReport.Contact adjust = p.services().get(1);
        assertEquals(2_000, adjust.otherBytes());
        assertEquals(3 * S, adjust.otherNanos());

        ThirdPartyReport.DeviceContacts laptop = t.devices().get(1);
        assertFalse(laptop.tiktokSeen(), "TikTok not seen on the laptop");
        assertEquals(1_400, laptop.services().get(0).otherBytes());
        assertEquals(Category.CRASH, laptop.services().get(0).category());

        assertEquals(1, t.logins().size());
        ThirdPartyReport.LoginContacts l = t.logins().get(0);
        assertEquals(150 * S, l.firstNanos());
        assertEquals(161 * S, l.lastNanos());
        assertEquals(2, l.flows());
        assertTrue(t.note().contains("not proof that TikTok opened the connection"));
        assertTrue(t.loginNote().contains("hotspot's public address"));
    }
}
