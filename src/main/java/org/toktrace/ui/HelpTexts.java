package org.toktrace.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import org.toktrace.analysis.DataVersions;

/**
 * The words of the Help menu: what About says, with the versions that make an analysis reproducible,
 * and the glossary of the terms the views use. Plain Java, so it is tested without a display.
 */
final class HelpTexts {
    private HelpTexts() {
    }

    /** About's text: what TokTrace does, its version and the versions of the data it brings. */
    static String about(DataVersions v) {
        return "Measures what TikTok sends from a phone, in foreground and background, from packet captures."
                + " Units are decimal: 1 kB = 1000 B. Times are UTC.\n\n"
                + "Version: " + v.tool() + "\n"
                + "Service catalog: " + v.catalog() + "\n"
                + "Network data (operators and countries of server addresses): " + v.networkData();
    }

    /** The glossary, in reading order: term, then what it means here. */
    static final Map<String, String> GLOSSARY = glossary();

    private static Map<String, String> glossary() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("Foreground", "TikTok is on screen: the phone downloads videos one after another (hundreds of kB to"
                + " several MB each), their covers and the feed.");
        g.put("Background", "TikTok is out of sight, minimized or closed, and the traffic cannot tell which.");
        g.put("Minimized", "TikTok is open behind another app: keepalives, telemetry, account sync, now and then a"
                + " pre-load.");
        g.put("Closed", "TikTok was swiped away: its own long connections are gone; what remains is keepalives or"
                + " the phone's shared push channel.");
        g.put("Pre-load", "One short download of the first seconds of a video (100 kB to 1.5 MB) while TikTok is out"
                + " of sight, without covers or feed calls around it. It counts as background.");
        g.put("Viewing download", "A video download with what watching brings around it (covers, feed calls, the next"
                + " video soon after): the evidence that TikTok is on screen.");
        g.put("Server name (SNI)", "The name of the server a connection is for, as the phone wrote it in the first"
                + " packet of an encrypted connection (TLS or QUIC Server Name Indication), or as a DNS answer gave it.");
        g.put("Flow", "One conversation between a device and a server: the packets both ways of one connection (same"
                + " addresses, ports and protocol).");
        g.put("Device", "A phone or computer on the hotspot, known by its hardware (MAC) address, which stays the same"
                + " across its IP addresses, and by the name it gave itself when it did.");
        g.put("Third party", "A company other than TikTok's owner that TikTok's app talks to, such as an analytics or"
                + " advertising service.");
        g.put("Platform push", "Google's (FCM) or Apple's (APNs) notification channel, shared by every app on the phone:"
                + " never counted as TikTok.");
        g.put("Confidence", "How sure the state model is of an interval's state, from 0 to 100 %: the probability it"
                + " gives that state, having seen the whole capture's traffic (the intervals' \u201csure\u201d column).");
        return java.util.Collections.unmodifiableMap(g);
    }
}
