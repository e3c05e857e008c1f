package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.RegionHint;
import org.toktrace.model.RegionHintCheck;
import org.toktrace.model.ServerNetwork;

class RegionHintsTest {

    private static final RegionHints HINTS = RegionHints.bundled();

    @Test
    void theIssuesExamples() {
        RegionHint alisg = HINTS.of("api16-normal-c-alisg.tiktokv.com");
        assertEquals("alisg", alisg.token());
        assertEquals("Singapore (Alibaba Cloud)", alisg.place());
        assertEquals("SG", alisg.country());
        assertTrue(alisg.inferred(), "ByteDance publishes no key to these names");
        assertEquals("US", HINTS.of("api16-normal-c-useast1a.tiktokv.com").country());
        assertEquals("US", HINTS.of("api16-normal-useast2a.tiktokv.com").country());
        assertEquals("useast5", HINTS.of("mon16-normal-useast5.tiktokv.us").token());
        assertEquals("US", HINTS.of("p16-va.tiktokcdn.com").country());
        assertEquals("SG", HINTS.of("api-sg.tiktokv.com").country());
        assertEquals("NO", HINTS.of("api16-normal-no1a.tiktokv.eu").country());
    }

    @Test
    void twoPartsBeforeOne() {
        RegionHint eu = HINTS.of("api16-normal-c-eu-ttp2.tiktokv.eu");
        assertEquals("eu-ttp2", eu.token());
        assertEquals("", eu.country(), "the EU is no one country");
        assertEquals("ttp2", HINTS.of("api16-normal-ttp2.tiktokv.us").token());
    }

    @Test
    void wholePartsOnly() {
        assertNull(HINTS.of("v16-webapp.tiktok.com"));
        assertNull(HINTS.of("vast.tiktokv.com"), "va inside a longer part is no hint");
        assertNull(HINTS.of("sgsnssdk.com"));
        assertNull(HINTS.of(null));
        assertNull(HINTS.of(""));
    }

    @Test
    void rowsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> RegionHints.parse(List.of("x\tX\tXYZ\tinferred\t[s]"), "t"));
        assertThrows(IllegalArgumentException.class, () -> RegionHints.parse(List.of("x\tX\tUS\tguessed\t[s]"), "t"));
        assertThrows(IllegalArgumentException.class, () -> RegionHints.parse(List.of("(\tX\tUS\tstated\t[s]"), "t"));
        assertEquals("x", RegionHints.parse(List.of("x\tX\tUS\tstated\t[s]"), "t").of("a-x.b").token());
    }

    @Test
    void theSentenceSaysBoth() {
        RegionHintCheck c = new RegionHintCheck("api16-normal-c-alisg.tiktokv.com", HINTS.of("api16-normal-c-alisg.tiktokv.com"),
                new ServerNetwork(20940, "Akamai International B.V.", "DE", ServerNetwork.CDN), 1, 100);
        assertEquals("api16-normal-c-alisg.tiktokv.com: the name says Singapore (Alibaba Cloud) (inferred); "
                + "the address is Akamai International B.V. (AS20940)'s, in DE", c.sentence());
        assertEquals(false, c.agrees());
        RegionHintCheck same = new RegionHintCheck("p16-va.tiktokcdn.com", HINTS.of("p16-va.tiktokcdn.com"),
                new ServerNetwork(16625, "Akamai Technologies, Inc.", "US", ServerNetwork.CDN), 1, 100);
        assertTrue(same.agrees());
    }
}
