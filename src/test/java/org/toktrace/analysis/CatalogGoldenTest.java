package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Attribution;
import org.toktrace.model.FlowRecord;

/**
 * The catalog golden ({@code catalog-categories.pcap}, one TLS flow per server name) read against
 * the rows of {@code catalog.tsv} that decide each name, written here by hand: the golden listing is
 * regenerated from the code, this table is not, so a change of the catalog's matching shows here as
 * well as in the listing's diff.
 */
class CatalogGoldenTest {

    /** Server name (as its SNI) to "service / category", from the catalog row named beside it. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("v16-webapp-prime.us.tiktok.com", "TikTok / video"); // suffix tiktok.com, role (v|vod)\d+
        EXPECTED.put("V19-WebApp.TikTokCDN-us.com", "TikTok / video"); // suffix tiktokcdn-us.com, any case
        EXPECTED.put("p16-sign-va.tiktokcdn.com", "TikTok / image"); // role p\d+
        EXPECTED.put("p16-tiktokcdn-com.akamaized.net", "TikTok / image"); // host akamaized.net, then role p\d+
        EXPECTED.put("api16-normal-c-useast1a.tiktokv.com", "TikTok / api"); // suffix tiktokv.com, role api
        EXPECTED.put("log16-normal-c-useast1a.tiktokv.com", "TikTok / telemetry"); // role log
        EXPECTED.put("mon16-normal-useast5.tiktokv.us", "TikTok / telemetry"); // suffix tiktokv.us, role mon
        EXPECTED.put("sdk.bytedapm.com", "TikTok / telemetry"); // suffix bytedapm.com; no role for "sdk"
        EXPECTED.put("im-ws-va.tiktok.com", "TikTok / push"); // role im-ws
        EXPECTED.put("webcast16-normal-c-useast1a.tiktokv.com", "TikTok / live"); // role webcast
        EXPECTED.put("sf16-website-login.neutral.ttwstatic.com", "TikTok / login"); // role sf\d*-.*login.*
        EXPECTED.put("ads.tiktok.com", "TikTok / ads"); // role ads
        EXPECTED.put("www.tiktok.com", "TikTok / other"); // suffix tiktok.com; no role for "www"
        EXPECTED.put("nottiktok.com", " / "); // whole labels: not under tiktok.com
        EXPECTED.put("tiktok.com.example.net", " / "); // a suffix, not a prefix, decides
        EXPECTED.put("app.appsflyer.com", "AppsFlyer / analytics");
        EXPECTED.put("graph.facebook.com", "Meta SDK (Graph API) / analytics"); // longer than facebook.com
        EXPECTED.put("firebase-settings.crashlytics.com", "Firebase Crashlytics / crash");
        EXPECTED.put("o4504.ingest.sentry.io", "Sentry / crash");
        EXPECTED.put("pagead2.googlesyndication.com", "Google Ads / ads");
        EXPECTED.put("api16-access-sg.pangle.io", "Pangle (ByteDance ads) / ads"); // ByteDance's, not TikTok's
        EXPECTED.put("mtalk.google.com", "Google FCM / push"); // host google.com mtalk, longer than google.com
        EXPECTED.put("14-courier.push.apple.com", "Apple APNs / push"); // longer than apple.com
        EXPECTED.put("www.google.com", "Google / other");
    }

    @Test
    void eachFlowHasTheServiceAndCategoryOfItsCatalogRow() throws Exception {
        AnalysisResult result = new CaptureAnalyzer(AnalysisOptions.defaults())
                .analyze(GoldenCapturesTest.GOLDEN.resolve("catalog-categories.pcap"));
        Map<String, String> actual = new LinkedHashMap<>();
        for (FlowRecord f : result.flows()) {
            Attribution a = f.attribution();
            actual.put(a.serverName(), (a.service() == null ? "" : a.service()) + " / "
                    + (a.category() == null ? "" : a.category().label()));
        }
        assertEquals(EXPECTED, actual);
    }
}
