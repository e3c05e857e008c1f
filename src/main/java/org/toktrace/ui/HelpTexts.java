package org.toktrace.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import org.toktrace.analysis.DataVersions;

/**
 * The words of the Help menu: what About says, with the versions that make an analysis reproducible,
 * and the glossary of the terms the views use, and the dialogs that show them. The texts are plain
 * Java, tested without a display.
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

    /** Shows About over {@code owner}. */
    static void showAbout(javafx.stage.Window owner) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle("About TokTrace");
        a.setHeaderText("TokTrace");
        a.setContentText(about(DataVersions.current()));
        a.getDialogPane().setId("aboutDialog");
        a.show();
    }

    /** The glossary: the words the views use, each with what it means here. */
    static void showGlossary(javafx.stage.Window owner) {
        javafx.scene.layout.VBox terms = new javafx.scene.layout.VBox(8);
        terms.setId("glossaryTerms");
        terms.setPadding(new javafx.geometry.Insets(4, 12, 4, 4));
        HelpTexts.GLOSSARY.forEach((term, meaning) -> {
            javafx.scene.control.Label t = new javafx.scene.control.Label(term);
            t.getStyleClass().add("section-title");
            javafx.scene.control.Label m = new javafx.scene.control.Label(meaning);
            m.setWrapText(true);
            terms.getChildren().add(new javafx.scene.layout.VBox(2, t, m));
        });
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(terms);
        scroll.setFitToWidth(true);
        scroll.setPrefSize(560, 460);
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.NONE, "", javafx.scene.control.ButtonType.CLOSE);
        a.initOwner(owner);
        a.setTitle("TokTrace glossary");
        a.setHeaderText("The words TokTrace uses");
        a.getDialogPane().setContent(scroll);
        a.getDialogPane().setId("glossaryDialog");
        a.setResizable(true);
        a.show();
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
