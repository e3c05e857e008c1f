package org.toktrace.model;

/** The file format a capture was read as. */
public enum CaptureFormat {
    PCAP("pcap"),
    PCAPNG("pcapng"),
    /** A file the built-in reader did not recognise, read through libpcap by pcap4j. */
    LIBPCAP("libpcap"),
    /** Frames from a live interface. */
    LIVE("live");

    private final String label;

    CaptureFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
