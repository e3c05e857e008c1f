package org.toktrace.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The formats a report is written in, told by the file's extension. */
public enum ReportFormat {
    /** One self-contained XHTML file: styles inline, the chart as inline SVG. */
    HTML,
    /** The same page laid out on A4 by openhtmltopdf. */
    PDF;

    /** {@code .html}, {@code .htm} or {@code .xhtml} is HTML, {@code .pdf} is PDF, case-insensitive; else empty. */
    public static Optional<ReportFormat> of(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml")) {
            return Optional.of(HTML);
        }
        if (n.endsWith(".pdf")) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    /**
     * Writes {@code report} to {@code file} in this format. A write that fails leaves no half-written
     * file behind: a reader must never take a cut report for a whole one.
     */
    public void write(CaptureReport report, Path file) throws IOException {
        try {
            if (this == HTML) {
                new HtmlReportWriter().write(report, file);
            } else {
                new PdfReportWriter().write(report, file);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the first failure is the one to tell
            }
            throw e;
        }
    }
}
