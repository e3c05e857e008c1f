package org.toktrace.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.ClaimCheck;
import org.toktrace.model.DeviceStateReport;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.TikTokBins;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** The report's XHTML: well-formed, self-contained, with the chart, every verdict, and names escaped. */
class HtmlReportWriterTest {

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> all(Document d) {
        List<Element> out = new ArrayList<>();
        NodeList n = d.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    /** The states whose bins hold TikTok bytes in {@code r}, as the chart's series name them. */
    private static Set<String> statesWithBytes(AnalysisResult r) {
        Set<String> states = new LinkedHashSet<>();
        TikTokBins.of(r.flows()).forEach((device, bins) -> {
            DeviceStates d = r.states().stream().filter(s -> s.device().equals(device)).findFirst().orElse(null);
            for (TikTokBins.Bin b : bins) {
                AppState s = d == null ? null : d.stateAt(b.binStartNanos());
                if (b.bytes() > 0) {
                    states.add(s == null ? "unclassified" : s.label());
                }
            }
        });
        return states;
    }

    @Test
    void theReportIsWellFormedXhtmlWithTheChartAndOneSeriesPerStatePresent() throws Exception {
        AnalysisResult r = ReportFixtures.sample();
        Document d = parse(new HtmlReportWriter().html(ReportFixtures.report(r, "ab".repeat(32))));
        NodeList svgs = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertEquals(1, svgs.getLength(), "one inline SVG chart");
        Set<String> series = new LinkedHashSet<>();
        List<Element> rects = new ArrayList<>();
        for (Element e : all(d)) {
            if ("g".equals(e.getLocalName()) && "series".equals(e.getAttribute("class"))) {
                assertTrue(series.add(e.getAttribute("data-state")), "one series per state: " + e.getAttribute("data-state"));
                NodeList bars = e.getElementsByTagNameNS("*", "rect");
                assertTrue(bars.getLength() > 0, "a series has bars");
                rects.add(e);
            }
        }
        Set<String> expected = statesWithBytes(r);
        assertTrue(expected.size() >= 2, "the sample has foreground and background: " + expected);
        assertEquals(expected, series);
        String text = svgs.item(0).getTextContent();
        assertTrue(text.contains("log scale"), "the axis says it is logarithmic: " + text);
        assertTrue(text.contains("time (UTC)"), text);
        assertTrue(text.contains("1 kB") && text.contains("1 MB"), "decades from kB to MB: " + text);
        for (String s : expected) {
            assertTrue(text.contains(s), "the legend names " + s + ": " + text);
        }
    }

    @Test
    void theReportFetchesNothing() throws Exception {
        String html = new HtmlReportWriter().html(ReportFixtures.report(ReportFixtures.hostile(), "ab".repeat(32)));
        Document d = parse(html);
        for (Element e : all(d)) {
            String name = e.getLocalName().toLowerCase(Locale.ROOT);
            assertFalse(Set.of("script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignObject")
                    .contains(name), "no element that loads or runs anything: " + name);
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                String a = attributes.item(i).getLocalName() == null ? attributes.item(i).getNodeName()
                        : attributes.item(i).getLocalName();
                assertFalse(Set.of("src", "href", "srcset", "data", "poster").contains(a.toLowerCase(Locale.ROOT)),
                        "no resource attribute: " + a + " on " + name);
                assertFalse(a.toLowerCase(Locale.ROOT).startsWith("on"), "no event handler: " + a);
            }
        }
        String style = d.getElementsByTagNameNS("*", "style").item(0).getTextContent();
        assertFalse(style.contains("url("), "no resource in the stylesheet");
        assertFalse(style.contains("@import"), "no imported stylesheet");
        assertTrue(style.contains("size: A4"), "a print stylesheet on A4");
        // the namespace names are identifiers, never fetched; past them no address may appear
        String rest = html.replace("xmlns=\"http://www.w3.org/1999/xhtml\"", "")
                .replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(rest.matches("(?s).*(https?|file|ftp|data):.*"), "no address of anything outside");
    }

    @Test
    void namesFromPacketsAreEscaped() throws Exception {
        String html = new HtmlReportWriter().html(ReportFixtures.report(ReportFixtures.hostile(), "ab".repeat(32)));
        assertFalse(html.contains("<script"), "a name never becomes markup");
        assertFalse(html.contains("\u0007"), "no raw control character");
        assertFalse(html.contains("\u202E"), "no raw right-to-left override");
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&#39;\\x07\\u202E.evil.example"),
                "the server name shown as it was, escaped");
        Document d = parse(html); // a raw control character or an unescaped name would not parse
        String text = d.getDocumentElement().getTextContent();
        assertTrue(text.contains("<script>alert(\"x\")</script>&amp;'\\x07\\u202E.evil.example"),
                "the reader sees the name's characters: third parties and logins list it");
        assertTrue(text.contains("<script>alert(\"x\")</script>&amp;'\\x07\\u202e"), "the device's own name, as DHCP gave it");
    }

    @Test
    void escapingCoversMarkupControlsAndSurrogates() {
        assertEquals("a&amp;b&lt;c&gt;d&quot;e&#39;f", HtmlText.escape("a&b<c>d\"e'f"));
        assertEquals("\\x00\\x0A\\x1B\\x7F\\x85", HtmlText.escape("\u0000\n\u001b\u007f\u0085"));
        assertEquals("\\uD800x", HtmlText.escape("\uD800x"), "a lone high surrogate");
        assertEquals("x\\uDC00", HtmlText.escape("x\uDC00"), "a lone low surrogate");
        assertEquals("\uD83D\uDE00 caf\u00e9 \u6296\u97f3", HtmlText.escape("\uD83D\uDE00 caf\u00e9 \u6296\u97f3"),
                "a pair and other letters stay");
        assertEquals("\\u2066\\u200F\\uFFFF", HtmlText.escape("\u2066\u200F\uFFFF"));
        assertEquals("", HtmlText.escape(null));
    }

    @Test
    void eachClaimIsStatedInItsPublishedWordsWithItsVerdictAndTheThresholds() throws Exception {
        AnalysisResult r = ReportFixtures.sample();
        CaptureReport report = ReportFixtures.report(r, "ab".repeat(32));
        Document d = parse(new HtmlReportWriter().html(report));
        List<Element> claims = new ArrayList<>();
        for (Element e : all(d)) {
            if (e.getAttribute("class").startsWith("claim ")) {
                claims.add(e);
            }
        }
        List<ClaimCheck> expected = new ArrayList<>();
        for (DeviceStateReport dev : report.states().devices()) {
            expected.addAll(dev.claims());
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected.size(), claims.size(), "one block per claim and device");
        for (int i = 0; i < expected.size(); i++) {
            ClaimCheck c = expected.get(i);
            String text = claims.get(i).getTextContent();
            assertTrue(text.contains("Tested as: " + c.claim()), text);
            assertTrue(text.contains(HtmlReportWriter.verdictWord(c.verdict()) + " " + c.evidence()), text);
            assertTrue(PublishedClaims.of(c.claim()).isPresent(), "the published words of " + c.claim());
            assertTrue(text.contains(PublishedClaims.of(c.claim()).get().text()), text);
        }
        String all = d.getDocumentElement().getTextContent();
        for (String t : report.thresholds()) {
            assertTrue(all.contains(t), "the threshold is stated: " + t);
        }
        assertTrue(all.contains("1.00 MB"), "the kilobytes line in figures");
        assertTrue(all.contains(report.sha256()));
        assertTrue(all.contains(report.destinations().dataDate()), "the network data's date");
        assertTrue(all.contains(r.catalogVersion()), "the catalog version");
        assertTrue(all.contains("toktrace report hotspot-sample.pcap -o report.html"), "the command");
    }

    @Test
    void verdictWordsAreThePublishedOnes() {
        assertEquals("holds", HtmlReportWriter.verdictWord(ClaimCheck.Verdict.YES));
        assertEquals("does not hold", HtmlReportWriter.verdictWord(ClaimCheck.Verdict.NO));
        assertEquals("can't tell", HtmlReportWriter.verdictWord(ClaimCheck.Verdict.NOT_MEASURED));
    }

    @Test
    void theTimelineDecadesReadAsUnits() {
        assertEquals("10 B", TimelineSvg.decade(1));
        assertEquals("100 B", TimelineSvg.decade(2));
        assertEquals("1 kB", TimelineSvg.decade(3));
        assertEquals("100 kB", TimelineSvg.decade(5));
        assertEquals("10 MB", TimelineSvg.decade(7));
        assertEquals("1 GB", TimelineSvg.decade(9));
    }

    @Test
    void theFormatIsToldByTheExtension() {
        assertEquals(ReportFormat.HTML, ReportFormat.of(java.nio.file.Path.of("a/r.HTML")).orElseThrow());
        assertEquals(ReportFormat.HTML, ReportFormat.of(java.nio.file.Path.of("r.htm")).orElseThrow());
        assertEquals(ReportFormat.PDF, ReportFormat.of(java.nio.file.Path.of("r.pdf")).orElseThrow());
        assertTrue(ReportFormat.of(java.nio.file.Path.of("r.txt")).isEmpty());
        assertTrue(ReportFormat.of(java.nio.file.Path.of("pdf")).isEmpty());
    }
}
