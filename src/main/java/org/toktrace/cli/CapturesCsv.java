package org.toktrace.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.toktrace.export.SpreadsheetSafe;
import org.toktrace.model.ClaimCheck;

/**
 * {@code captures.csv} of a batch: one row per capture with its devices, TikTok's foreground and
 * background figures, each claim's verdict and what went wrong. RFC 4180 (CRLF, fields quoted when
 * they hold a comma, a quote or a line end), and text cells spreadsheet-safe: file names and
 * warnings come from outside.
 */
final class CapturesCsv {

    private CapturesCsv() {
    }

    /**
     * The claims' columns, by the claim's wording in the state report. A claim worded otherwise has no
     * column and its cells stay empty; a test checks that every claim of a report has one.
     */
    static final Map<String, String> CLAIM_COLUMNS = Map.of(
            "Background traffic stayed in kilobytes", "claim_background_in_kilobytes",
            "No video streamed in the background", "claim_no_background_video",
            "No active tracking while closed or minimized", "claim_no_tracking_out_of_sight");

    private static final List<String> CLAIMS_IN_ORDER = List.of("claim_background_in_kilobytes",
            "claim_no_background_video", "claim_no_tracking_out_of_sight");

    /** The columns, in order. */
    static final List<String> COLUMNS = columns();

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("file", "output", "status", "devices", "tiktok_devices", "flows",
                "duration_seconds", "tiktok_foreground_bytes", "tiktok_background_bytes", "tiktok_foreground_seconds",
                "tiktok_background_seconds", "tiktok_foreground_bytes_per_hour", "tiktok_background_bytes_per_hour"));
        c.addAll(CLAIMS_IN_ORDER);
        c.addAll(List.of("library_id", "warnings", "error"));
        return List.copyOf(c);
    }

    /**
     * What one capture's analysis gave; TikTok's times are device time summed over its devices, as in
     * the summary's "all devices" line.
     */
    record Figures(int devices, int tiktokDevices, int flows, long durationNanos, long foregroundBytes,
            long backgroundBytes, long foregroundNanos, long backgroundNanos, List<ClaimCheck> claims, boolean complete) {
        Figures {
            claims = List.copyOf(claims);
        }
    }

    /**
     * One row.
     *
     * @param output    the capture's folder under --out, or empty when nothing was written
     * @param figures   null when the capture could not be analysed
     * @param libraryId the id in the library, or -1 when not saved
     * @param errors    one line each, without the {@code toktrace: } prefix
     */
    record Row(Path file, String output, Figures figures, List<String> warnings, long libraryId, List<String> errors) {
        Row {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(output, "output");
            warnings = List.copyOf(warnings);
            errors = List.copyOf(errors);
        }

        String status() {
            return figures == null ? "failed" : figures.complete() ? "analysed" : "incomplete";
        }
    }

    static void write(List<Row> rows, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            line(w, COLUMNS);
            for (Row r : rows) {
                line(w, cells(r));
            }
        }
    }

    static List<String> cells(Row r) {
        List<String> c = new ArrayList<>(COLUMNS.size());
        c.add(SpreadsheetSafe.cell(r.file().toString()));
        c.add(SpreadsheetSafe.cell(r.output()));
        c.add(r.status());
        Figures f = r.figures();
        if (f == null) {
            for (int i = 0; i < 10 + CLAIMS_IN_ORDER.size(); i++) {
                c.add("");
            }
        } else {
            c.add(Integer.toString(f.devices()));
            c.add(Integer.toString(f.tiktokDevices()));
            c.add(Integer.toString(f.flows()));
            c.add(seconds(f.durationNanos()));
            c.add(Long.toString(f.foregroundBytes()));
            c.add(Long.toString(f.backgroundBytes()));
            c.add(seconds(f.foregroundNanos()));
            c.add(seconds(f.backgroundNanos()));
            c.add(perHour(f.foregroundBytes(), f.foregroundNanos()));
            c.add(perHour(f.backgroundBytes(), f.backgroundNanos()));
            for (String column : CLAIMS_IN_ORDER) {
                c.add(f.claims().stream().filter(k -> column.equals(CLAIM_COLUMNS.get(k.claim())))
                        .map(k -> k.verdict().label()).findFirst().orElse(""));
            }
        }
        c.add(r.libraryId() >= 0 ? Long.toString(r.libraryId()) : "");
        c.add(SpreadsheetSafe.cell(String.join("; ", r.warnings())));
        c.add(SpreadsheetSafe.cell(String.join("; ", r.errors())));
        return c;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** Bytes per hour of that state's time, rounded; empty without time, where no rate exists. */
    private static String perHour(long bytes, long nanos) {
        return nanos <= 0 ? "" : Long.toString(Math.round(bytes * (3_600e9 / nanos)));
    }

    private static void line(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(cells.get(i)));
        }
        w.write("\r\n");
    }

    /** RFC 4180 section 2: a field with a comma, a double quote or a line break is quoted, its quotes doubled. */
    static String field(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
