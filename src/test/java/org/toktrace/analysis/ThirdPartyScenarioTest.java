package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.export.SummaryJsonWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Category;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateReport;
import org.toktrace.model.ThirdPartyReport;
import org.toktrace.testkit.traffic.Extras;
import org.toktrace.testkit.traffic.Extras.AddedServer;
import org.toktrace.testkit.traffic.Extras.Visit;
import org.toktrace.testkit.traffic.Hello;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;
import org.toktrace.testkit.traffic.ServerDirectory.Role;

/**
 * Third parties and login moments end to end: one phone whose TikTok sits 150 s in the background,
 * scrolls for 60 s, then goes back to the background (absences too long to pass for a look at one
 * video); AppsFlyer is contacted in the middle of the
 * scrolling, Adjust in the middle of the second background stretch, TikTok's login host just after the
 * scrolling starts. The summary JSON reports AppsFlyer under foreground, Adjust under background, and
 * the login flows with their times.
 */
public class ThirdPartyScenarioTest {

    static final long SECOND = 1_000_000_000L;
    public static final String LOGIN = "sf16-website-login.neutral.ttwstatic.com";

    @TempDir
    Path dir;

    public static Scenario onePhone(long seed) {
        return new Scenario(seed, 1, 0, 300 * SECOND, 0, false, 60, 60, 150, 150, 300_000, 600_000, 0.3);
    }

    /** AppsFlyer while the phone scrolls, Adjust in the second background stretch, TikTok's login host just after scrolling starts. */
    public static Extras thirdParties() {
        return Extras.NONE
                .withServers(AddedServer.of("inapps.appsflyersdk.com", Role.OTHER_WEB, false, List.of(),
                                List.of("198.51.100.21"), List.of()),
                        AddedServer.of("app.adjust.com", Role.OTHER_WEB, false, List.of(), List.of("198.51.100.22"), List.of()),
                        AddedServer.of(LOGIN, Role.API, true, List.of(), List.of("198.51.100.23"), List.of()))
                .withVisits(new Visit("inapps.appsflyersdk.com", Hello.TLS_SNI, true, 2, 170, 190, false),
                        new Visit("app.adjust.com", Hello.TLS_SNI, true, 2, 235, 260, false),
                        new Visit(LOGIN, Hello.TLS_SNI, true, 2, 154, 162, false));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void thirdPartiesAreSplitByTikTokState(long seed) throws Exception {
        Path file = dir.resolve("third-parties.pcap");
        HotspotTrafficGenerator.write(onePhone(seed), thirdParties(), file);
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(file);
        assertEquals(1, r.states().size(), "one phone with TikTok");
        DeviceStates states = r.states().get(0);
        long start = r.capture().firstNanos();
        // the test's premise: the classifier puts the visits' times in these states
        assertEquals(AppState.FOREGROUND, states.stateAt(start + 180 * SECOND), states.intervals().toString());
        assertTrue(states.stateAt(start + 250 * SECOND).isBackground(), states.intervals().toString());

        List<FlowRecord> login = r.flows().stream().filter(f -> LOGIN.equals(f.attribution().serverName())).toList();
        assertEquals(2, login.size());
        login.forEach(f -> assertEquals(Category.LOGIN, f.attribution().category(), f.toString()));

        StateReport report = TikTokReport.of(r);
        ThirdPartyReport t = report.thirdParties();
        ThirdPartyReport.DeviceContacts d = t.devices().stream().filter(x -> x.device().equals(states.device())).findFirst()
                .orElseThrow(() -> new AssertionError(t.toString()));
        assertTrue(d.tiktokSeen());
        ThirdPartyReport.Contact appsflyer = contact(d, "AppsFlyer");
        assertEquals(2, appsflyer.flows());
        assertEquals(Category.ANALYTICS, appsflyer.category());
        assertTrue(appsflyer.foregroundBytes() > 0 && appsflyer.backgroundBytes() == 0, appsflyer.toString());
        ThirdPartyReport.Contact adjust = contact(d, "Adjust");
        assertTrue(adjust.backgroundBytes() > 0 && adjust.foregroundBytes() == 0, adjust.toString());
        assertTrue(adjust.backgroundNanos() > 0 && adjust.foregroundNanos() == 0, adjust.toString());

        assertEquals(1, t.logins().size());
        ThirdPartyReport.LoginContacts l = t.logins().get(0);
        assertEquals(2, l.flows());
        assertEquals(List.of(LOGIN), l.names());
        assertTrue(l.firstNanos() >= start + 150 * SECOND && l.firstNanos() < start + 163 * SECOND, (l.firstNanos() - start) / 1e9 + " s: " + l);

        StringBuilder json = new StringBuilder();
        new SummaryJsonWriter().write(r, report, TikTokReport.destinations(r), json);
        String text = json.toString();
        assertTrue(text.contains(ThirdPartiesNote.NOTE_START), "the note says it is co-occurrence");
        assertTrue(number(text, "AppsFlyer", "foreground_bytes") > 0, text);
        assertEquals(0, number(text, "AppsFlyer", "background_bytes"), text);
        assertTrue(number(text, "Adjust", "background_bytes") > 0, text);
        assertEquals(0, number(text, "Adjust", "foreground_bytes"), text);
        assertTrue(text.contains("\"tiktok_logins\""), text);
        assertTrue(Pattern.compile("\"names\": ?\\[\\s*\"" + Pattern.quote(LOGIN) + "\"").matcher(text).find(), text);
    }

    /** What the note starts with, so the test does not copy the whole sentence. */
    static final class ThirdPartiesNote {
        static final String NOTE_START = "co-occurrence in time";
    }

    private static ThirdPartyReport.Contact contact(ThirdPartyReport.DeviceContacts d, String service) {
        return d.services().stream().filter(c -> c.service().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " not in " + d));
    }

    /** The number after {@code "field":} in the first object after {@code "service": "SERVICE"}. */
    private static long number(String json, String service, String field) {
        int at = json.indexOf("\"service\": \"" + service + "\"");
        if (at < 0) {
            at = json.indexOf("\"service\":\"" + service + "\"");
        }
        assertTrue(at >= 0, service + " not in the JSON");
        Matcher m = Pattern.compile("\"" + field + "\": ?(\\d+)").matcher(json);
        assertTrue(m.find(at), field + " after " + service);
        return Long.parseLong(m.group(1));
    }
}
