package org.toktrace.export;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The published sentences the claims are tested against, quoted briefly with their source, from the
 * bundled {@code published-claims.tsv}: the report prints each verdict under the words it judges.
 */
final class PublishedClaims {

    /** One quoted sentence and where it was published. */
    record Quote(String text, String source) {
    }

    private static final Map<String, Quote> QUOTES = load();

    private PublishedClaims() {
    }

    /** The published words of the claim TokTrace names {@code claim}, or of a section ({@code destinations}, {@code logins}). */
    static Optional<Quote> of(String claim) {
        return Optional.ofNullable(QUOTES.get(claim));
    }

    private static Map<String, Quote> load() {
        Map<String, Quote> quotes = new LinkedHashMap<>();
        try (InputStream in = PublishedClaims.class.getResourceAsStream("published-claims.tsv")) {
            if (in == null) {
                throw new IllegalStateException("published-claims.tsv is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 3) {
                    throw new IllegalStateException("published-claims.tsv: a row needs 3 cells: " + line);
                }
                quotes.put(cells[0], new Quote(cells[1], cells[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return quotes;
    }
}
