package org.toktrace.attribute;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the data files of this package (the catalog, the IP ranges): tab-separated rows, {@code #} comments. */
final class BundledData {
    private BundledData() {
    }

    /** Takes the fields of one row, stripped; throws {@link IllegalArgumentException} for a row it does not understand. */
    interface RowReader {
        void row(String[] fields);
    }

    /**
     * Walks a data file: {@code #} lines are comments, one of which may give the version as
     * {@code # KEY value} ({@code versionKey} ends with a colon); blank lines are skipped; every other
     * line's tab-separated fields go to {@code reader}, whose errors get {@code ORIGIN line N: } in front.
     *
     * @return the version the file gives, or {@code noVersion}
     */
    static String readRows(List<String> lines, String origin, String versionKey, String noVersion, RowReader reader) {
        String version = noVersion;
        int n = 0;
        for (String line : lines) {
            n++;
            String t = line.strip();
            if (t.startsWith("#")) {
                String c = t.substring(1).strip();
                if (c.toLowerCase(Locale.ROOT).startsWith(versionKey)) {
                    version = c.substring(versionKey.length()).strip();
                }
                continue;
            }
            if (t.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t");
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].strip();
            }
            try {
                reader.row(fields);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + " line " + n + ": " + e.getMessage(), e);
            }
        }
        return version;
    }

    /** The lines of resource {@code name} of this package; {@code what} names it in the error. */
    static List<String> lines(String name, String what) {
        try (InputStream in = BundledData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(what + " " + name + " is missing from the class path");
            }
            // split by hand: String.lines() would start up the stream library, in every run's first second
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    end = text.length();
                }
                lines.add(text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end));
                start = end + 1;
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
