package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.model.Category;

class ServiceCatalogTest {

    private final ServiceCatalog catalog = ServiceCatalog.bundled();

    private String service(String name) {
        return catalog.match(name).map(ServiceMatch::service).orElse(null);
    }

    @ParameterizedTest
    @CsvSource({
            // video CDN hosts
            "v16-webapp.tiktok.com, video",
            "v16-webapp-prime.us.tiktok.com, video",
            "v19.tiktokcdn-us.com, video",
            "v16m.tiktokcdn.com, video",
            "v26-default.tiktokcdn.com, video",
            "v45.tiktokcdn-eu.com, video",
            "v77.tiktokcdn.com, video",
            // images
            "p16-va.tiktokcdn.com, image",
            "p16-sign-va.tiktokcdn.com, image",
            "p16-common-sign.us.tiktok.com, image",
            "p19-sign.tiktokcdn-us.com, image",
            "p77-sign-sg.tiktokcdn.com, image",
            "p16-tiktokcdn-com.akamaized.net, image",
            "p16-sign.ibyteimg.com, image",
            "sf16-scmcdn-sg.ibytedtos.com, other",
            // API
            "api16-normal-c-useast1a.tiktokv.com, api",
            "api22-normal-c-alisg.tiktokv.com, api",
            "api-h2.tiktokv.com, api",
            "api.tiktokv.com, api",
            "im-api.tiktok.com, api",
            "aweme.snssdk.com, api",
            // telemetry
            "log16-normal-c-useast1a.tiktokv.com, telemetry",
            "log.byteoversea.com, telemetry",
            "mon.byteoversea.com, telemetry",
            "mon16-normal-useast5.tiktokv.us, telemetry",
            "mcs-va.tiktokv.com, telemetry",
            "mssdk-va.tiktokv.com, telemetry",
            "applog.tiktokv.com, telemetry",
            // push
            "frontier-va.tiktokv.com, push",
            "im-ws.tiktok.com, push",
            "ws-va.tiktokv.com, push",
            // live, ads, login
            "webcast16-normal-c-useast1a.tiktokv.com, live",
            "webcast.tiktok.com, live",
            "ads.tiktok.com, ads",
            "analytics.tiktok.com, ads",
            "login.tiktok.com, login",
            "passport.tiktokv.com, login",
            "verification.tiktokw.us, login",
            "sf16-website-login.neutral.ttwstatic.com, login",
            // the rest
            "www.tiktok.com, other",
            "tiktok.com, other",
            "vm.tiktok.com, other",
    })
    void tiktokHostsGetTheirRole(String name, String category) {
        Optional<ServiceMatch> m = catalog.match(name);
        assertTrue(m.isPresent(), name);
        assertEquals("TikTok", m.get().service(), name);
        assertEquals(Category.of(category), m.get().category(), name + " via " + m.get().rule());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiktok.com", "TikTok.COM", "tiktok.com.", "V16-WEBAPP.TIKTOK.COM.", "a.b.c.tiktokcdn.com",
            "tiktokv.com", "tiktokv.us", "tiktokv.eu", "tiktokcdn-us.com", "tiktokcdn-eu.com", "musical.ly", "muscdn.com",
            "byteoversea.com", "ibyteimg.com", "ibytedtos.com", "byteimg.com", "isnssdk.com", "snssdk.com",
            "sgsnssdk.com", "ttwstatic.com", "tiktokw.us", "byteintl.com"})
    void tiktokDomainsMatchWholeLabelsInAnyCase(String name) {
        assertEquals("TikTok", service(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nottiktok.com", "tiktok.com.example.net", "mytiktokcdn.com", "tiktokcdn.com.evil.org",
            "tiktok.co", "tiktok", "com", "xtiktokv.com", "tiktokv.com-evil.net", "evil-tiktok.com",
            "tiktok.com..", ".tiktok.com", "v16..tiktok.com", "", " ", ".", ".."})
    void lookalikesAndJunkAreNotTikTok(String name) {
        assertFalse("TikTok".equals(service(name)), name);
    }

    @Test
    void nullIsNoMatch() {
        assertTrue(catalog.match(null).isEmpty());
    }

    @Test
    void longestSuffixWins() {
        assertEquals("Apple APNs", service("courier.push.apple.com"));
        assertEquals("Apple APNs", service("5-courier.push.apple.com"));
        assertEquals("Apple", service("www.apple.com"));
        assertEquals("Google FCM", service("mtalk.google.com"));
        assertEquals("Google FCM", service("mtalk4.google.com"));
        assertEquals("Google FCM", service("alt3-mtalk.google.com"));
        assertEquals("Google FCM", service("mtalk-staging.google.com"));
        assertEquals("Google FCM", service("android.apis.google.com"));
        assertEquals("Google", service("www.google.com"));
        assertEquals("Google", service("notmtalk.google.com"));
        assertEquals("Google FCM", service("x.mtalk.google.com"), "a host rule acts as a suffix one label longer");
        assertEquals("Google", service("mtalk.x.google.com"));
        assertEquals("Akamai", service("a12.dscb.akamai.net"));
        assertEquals("Akamai", service("fortnite-vod.akamaized.net"));
        assertEquals("TikTok", service("v16m-tiktokcdn-us-com.akamaized.net"));
        assertEquals(Category.VIDEO, catalog.match("v16m-tiktokcdn-us-com.akamaized.net").orElseThrow().category());
    }

    @Test
    void platformPushIsItsOwnServiceWithCategoryPush() {
        ServiceMatch fcm = catalog.match("alt1-mtalk.google.com").orElseThrow();
        assertEquals(Category.PUSH, fcm.category());
        assertTrue(ServiceCatalog.isPlatformPush(fcm.service()));
        ServiceMatch apns = catalog.match("courier.push.apple.com").orElseThrow();
        assertEquals(Category.PUSH, apns.category());
        assertTrue(ServiceCatalog.isPlatformPush(apns.service()));
        assertFalse(ServiceCatalog.isPlatformPush("TikTok"));
    }

    @Test
    void otherServicesHaveNames() {
        assertEquals("Meta", service("scontent.xx.fbcdn.net"));
        assertEquals("Apple iCloud", service("p123-caldav.icloud.com"));
        assertEquals("Cloudflare", service("one.one.one.one.cloudflare-dns.com"));
        assertEquals("Pangle (ByteDance ads)", service("api16-access-sg.pangle.io"));
        assertEquals(Category.OTHER, catalog.match("www.google.com").orElseThrow().category());
    }

    @Test
    void versionAndSizeAreExposed() {
        assertTrue(catalog.version().matches("\\d{4}-\\d{2}-\\d{2}\\.\\d+"), catalog.version());
        assertTrue(catalog.size() > 40);
    }

    @Test
    void ruleSaysWhyItMatchedInWords() {
        assertEquals("the name ends in tiktokcdn.com; its first label, p16-va, is how TikTok names its image servers",
                catalog.match("p16-va.tiktokcdn.com").orElseThrow().rule());
        assertEquals("the name ends in tiktok.com", catalog.match("tiktok.com").orElseThrow().rule());
        String akamai = catalog.match("p16-tiktokcdn-com.akamaized.net").orElseThrow().rule();
        assertTrue(akamai.startsWith("the catalog lists this akamaized.net host for TikTok"), akamai);
        for (String name : List.of("v16-webapp-prime.tiktok.com", "p16-va.tiktokcdn.com", "p16-tiktokcdn-com.akamaized.net",
                "api16-core-useast1a.tiktokv.com", "mtalk.google.com")) {
            String rule = catalog.match(name).orElseThrow().rule();
            assertFalse(rule.matches(".*[\\\\()|*?\\[\\]].*"), "no regular expression in " + rule);
        }
    }

    @Test
    void badRowsNameTheirLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceCatalog.parse(List.of("# version: t", "suffix\ta.com\tA\tother", "suffix\tb.com\tB"), "test"));
        assertTrue(e.getMessage().startsWith("test line 3:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServiceCatalog.parse(List.of("suffix\ta.com\tA\tnope"), "t"));
        assertThrows(IllegalArgumentException.class, () -> ServiceCatalog.parse(List.of("role\tA\t(\tvideo"), "t"));
        assertThrows(IllegalArgumentException.class, () -> ServiceCatalog.parse(List.of("suffix\ta.com\tA\tother", "suffix\tA.COM.\tB\tother"), "t"));
        assertThrows(IllegalArgumentException.class, () -> ServiceCatalog.parse(List.of("prefix\ta\tA\tother"), "t"));
    }

    @Test
    void smallCatalogFromLines() {
        ServiceCatalog c = ServiceCatalog.parse(List.of("# version: 7", "suffix\texample.org\tEx\tother",
                "suffix\tcdn.example.org\tEx CDN\tvideo", "role\tEx\tapi\\d*\tapi"), "inline");
        assertEquals("7", c.version());
        assertEquals("Ex CDN", c.match("a.cdn.example.org").orElseThrow().service());
        assertEquals(Category.API, c.match("api2.example.org").orElseThrow().category());
        assertEquals(Category.OTHER, c.match("example.org").orElseThrow().category());
        assertTrue(c.match("example.org.evil").isEmpty());
    }
}
