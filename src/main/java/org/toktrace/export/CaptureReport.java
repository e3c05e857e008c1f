package org.toktrace.export;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.StateReport;
import org.toktrace.model.TikTokDestinations;

/**
 * What a report states about one capture: the analysis and what was derived from it (TikTok's
 * states and claims, where its traffic went), with what lets another person check and reproduce it.
 *
 * @param sha256       the capture file's SHA-256 in lower-case hex, or null when the file cannot be read
 *                     (a live capture kept in no file)
 * @param version      the TokTrace that writes the report, e.g. {@code 0.1.0}
 * @param thresholds   the lines that decide the claims' verdicts, in plain words
 * @param command      the command line that writes this report again
 * @param writtenAt    when the report is written
 */
public record CaptureReport(AnalysisResult result, StateReport states, TikTokDestinations destinations, String sha256,
        String version, List<String> thresholds, String command, Instant writtenAt) {

    public CaptureReport {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(version, "version");
        thresholds = List.copyOf(thresholds);
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }

    /** {@code word} as a POSIX shell reads it back: as it is when plain, else in single quotes. */
    public static String shellWord(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9._/=:@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * {@code toktrace report CAPTURE -o OUTPUT}, with {@code --bin} when {@code result}'s bins are not
     * the default 1 s: the command that writes this report again from the capture file.
     */
    public static String reportCommand(String captureFile, String output, AnalysisResult result) {
        long bin = TimelineSvg.analysisBin(result);
        return "toktrace report " + shellWord(captureFile) + " -o " + shellWord(output)
                + (bin == 1_000_000_000L ? "" : " --bin " + (bin % 1_000_000 == 0 ? bin / 1_000_000 + "ms" : bin + "ns"));
    }
}
