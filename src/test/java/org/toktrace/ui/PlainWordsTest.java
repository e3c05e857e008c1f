package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.FlowRecord;

/** What the app says about names reads to a journalist: no source codes, no catalog rows, no regular expressions. */
class PlainWordsTest {
    static AnalysisResult sample;

    @BeforeAll
    static void analyse() throws Exception {
        sample = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(Path.of("captures/hotspot-sample.pcap"));
    }

    @Test
    void theTikTokCardSaysHowTheNamesWereFoundInWords() {
        String detail = Overview.of(sample, null).tiktok().detail();
        assertTrue(detail.contains(" \u00b7 named by TLS server name "), detail);
        assertFalse(detail.contains("tls-sni"), detail);
        assertFalse(detail.contains("names from"), detail);
        assertEquals("by DNS", Overview.byWhat("dns"));
        assertEquals("by QUIC server name", Overview.byWhat("quic-sni"));
        assertEquals("from earlier captures", Overview.byWhat("name-memory"));
    }

    @Test
    void unattributedTrafficGoesToServersTokTraceDoesNotRecognise() {
        String detail = Overview.of(sample, null).unattributed().detail();
        assertTrue(detail.contains("flows to servers TokTrace does not recognise"), detail);
        assertFalse(detail.contains("catalog row"), detail);
    }

    @Test
    void evidenceHoldsNoRegularExpression() {
        List<FlowRecord> tiktok = sample.flows().stream().filter(f -> f.attribution().isTikTok()).toList();
        assertFalse(tiktok.isEmpty());
        for (FlowRecord f : tiktok) {
            String text = EvidenceText.of(f);
            assertFalse(text.matches("(?s).*(\\\\d|\\(v\\||\\.\\*|\\)\\?|\\[a-z\\]).*"), "a regular expression in " + text);
        }
        String video = tiktok.stream().filter(f -> f.attribution().category() != null
                && f.attribution().category().label().equals("video")).map(EvidenceText::of).findFirst().orElseThrow();
        assertTrue(video.contains("is how TikTok names its video servers"), video);
    }
}
