package org.toktrace.analysis;

import java.util.List;
import org.toktrace.attribute.ServerNetworkDirectory;
import org.toktrace.attribute.WhereTikTokGoes;
import org.toktrace.classify.StateReports;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.model.ServerNetworks;
import org.toktrace.model.StateReport;
import org.toktrace.model.TikTokDestinations;

/**
 * The foreground/background report of an analysis result (sessions, rates, background cadence,
 * claims) and where TikTok's traffic goes, for the command line and the app: computed from the
 * result alone, so a result reloaded from the library gives the same report.
 */
public final class TikTokReport {

    private TikTokReport() {
    }

    /** The background volume below which "it only uses kilobytes" holds, in bytes (the claims check's line). */
    public static long kilobytesLimit() {
        return StateReports.KILOBYTES_LIMIT;
    }

    /** The background time below which the claims check says it cannot tell, in nanoseconds. */
    public static long minBackgroundNanos() {
        return StateReports.MIN_BACKGROUND_NANOS;
    }

    public static StateReport of(AnalysisResult result) {
        return StateReports.of(result);
    }

    /** The lines that decide the claims' verdicts, in plain words (for the report beside the verdicts). */
    public static List<String> thresholds() {
        return StateReports.THRESHOLDS;
    }

    /**
     * The networks of server addresses and the region hints of server names, over the bundled
     * tables, for flows.csv: a new one per export, so its cache of looked-up addresses lives only
     * as long as the export (the table itself is read once per process).
     */
    public static ServerNetworks networks() {
        return ServerNetworkDirectory.bundled();
    }

    /**
     * Reads the bundled network table now, if it is not read yet (a few hundred milliseconds on a
     * cold JVM), so a caller can have it read on another core while packets are read.
     */
    public static void loadNetworks() {
        networks().network(IpAddress.ofV4(0x0808_0808));
    }

    /** Where TikTok's traffic goes: its bytes by operator, country and group of networks, per state. */
    public static TikTokDestinations destinations(AnalysisResult result) {
        return WhereTikTokGoes.of(result.flows(), networks());
    }

    /** As {@link #destinations(AnalysisResult)}, of one device's flows; all for a null device. */
    public static TikTokDestinations destinations(AnalysisResult result, Device.Id device) {
        if (device == null) {
            return destinations(result);
        }
        return WhereTikTokGoes.of(result.flows().stream().filter(f -> f.attribution().isTikTok()
                && device.equals(Device.Id.of(f))).toList(), networks());
    }
}
