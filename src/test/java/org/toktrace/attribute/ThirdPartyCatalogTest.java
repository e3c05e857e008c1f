package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.toktrace.model.Category;

class ThirdPartyCatalogTest {

    private final ServiceCatalog catalog = ServiceCatalog.bundled();

    @ParameterizedTest
    @CsvSource({
            "appsflyer.com, AppsFlyer, analytics",
            "app.appsflyer.com, AppsFlyer, analytics",
            "cdn-settings.appsflyersdk.com, AppsFlyer, analytics",
            "stpphi.inapps.appsflyersdk.com, AppsFlyer, analytics",
            "app.adjust.com, Adjust, analytics",
            "app.eu.adjust.com, Adjust, analytics",
            "app.adjust.net.in, Adjust, analytics",
            "app.adjust.world, Adjust, analytics",
            "api2.branch.io, Branch, analytics",
            "reddit.app.link, Branch, analytics",
            "graph.facebook.com, Meta SDK (Graph API), analytics",
            "GRAPH.facebook.com., Meta SDK (Graph API), analytics",
            "connect.facebook.net, Meta SDK (Graph API), ads",
            "app-measurement.com, Firebase Analytics, analytics",
            "region1.app-measurement.com, Firebase Analytics, analytics",
            "firebaselogging-pa.googleapis.com, Firebase Analytics, analytics",
            "firebase-settings.crashlytics.com, Firebase Crashlytics, crash",
            "crashlyticsreports-pa.googleapis.com, Firebase Crashlytics, crash",
            "googleads.g.doubleclick.net, Google Ads, ads",
            "pagead2.googlesyndication.com, Google Ads, ads",
            "www.googleadservices.com, Google Ads, ads",
            "www.google-analytics.com, Google Analytics, analytics",
            "o123456.ingest.sentry.io, Sentry, crash",
    })
    void thirdPartyHostsHaveTheirServiceAndCategory(String name, String service, String category) {
        ServiceMatch m = catalog.match(name).orElseThrow();
        assertEquals(service, m.service());
        assertEquals(Category.of(category), m.category());
    }

    @ParameterizedTest
    @ValueSource(strings = {"appsflyer.com.evil.example", "notappsflyer.com", "adjust.com.example.net", "myadjust.com",
            "branch.io.example.org", "app.link.example", "xapp.link", "app-measurement.com.evil.example",
            "fakecrashlytics.com", "sentry.io.example.com", "evildoubleclick.net"})
    void lookAlikesAreNotTheThirdParty(String name) {
        assertTrue(catalog.match(name).isEmpty(), name + " -> " + catalog.match(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.facebook.com", "static.xx.fbcdn.net", "facebook.com"})
    void restOfMetaStaysMeta(String name) {
        assertEquals("Meta", catalog.match(name).map(ServiceMatch::service).orElse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.googleapis.com", "play.googleapis.com", "www.google.com"})
    void restOfGoogleStaysGoogle(String name) {
        Optional<ServiceMatch> m = catalog.match(name);
        assertEquals("Google", m.map(ServiceMatch::service).orElse(null));
        assertEquals(Category.OTHER, m.get().category());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sf16-website-login.neutral.ttwstatic.com", "sf-website-login.neutral.ttwstatic.com",
            "sf16-website-login.tiktokcdn.com", "sf19-website-login.neutral.ttwstatic.com"})
    void tiktokLoginHostsAreLogin(String name) {
        ServiceMatch m = catalog.match(name).orElseThrow();
        assertEquals("TikTok", m.service());
        assertEquals(Category.LOGIN, m.category(), m.rule());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sf16-website.neutral.ttwstatic.com", "sf16-scmcdn.neutral.ttwstatic.com"})
    void otherTiktokStaticHostsAreNotLogin(String name) {
        assertNotEquals(Category.LOGIN, catalog.match(name).orElseThrow().category());
    }
}
