package org.toktrace.export;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the report as a PDF: the page {@link HtmlReportWriter} writes, laid out on A4 by
 * openhtmltopdf over PDFBox, the timeline SVG drawn by Batik, so the PDF and the HTML say the same.
 *
 * <p>Text is set in DejaVu Sans when the system has it (embedded, so the names in the report print);
 * without it, in the PDF's standard Helvetica, whose Latin-1 covers the report's own words but not
 * every character a packet name may hold.
 */
public final class PdfReportWriter {

    /** Where the fonts of common systems are: DejaVu on Linux, Arial and Consolas on Windows and macOS. */
    private static final List<String[]> FONTS = List.of(
            new String[] {"DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
            new String[] {"DejaVu Sans Mono", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"},
            new String[] {"Arial", "C:\\Windows\\Fonts\\arial.ttf", "C:\\Windows\\Fonts\\arialbd.ttf"},
            new String[] {"Arial", "/System/Library/Fonts/Supplemental/Arial.ttf",
                "/System/Library/Fonts/Supplemental/Arial Bold.ttf"});

    static {
        // openhtmltopdf logs every step through java.util.logging, to standard error: a library never prints
        XRLog.setLoggingEnabled(false);
    }

    /** Writes the PDF of {@code report} to {@code file}. */
    public void write(CaptureReport report, Path file) throws IOException {
        String html = new HtmlReportWriter().html(report);
        try (OutputStream out = Files.newOutputStream(file)) {
            write(html, out);
        }
    }

    /** Lays out {@code html} (the report's XHTML) as PDF onto {@code out}. */
    void write(String html, OutputStream out) throws IOException {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useSVGDrawer(new BatikSVGDrawer());
        for (String[] font : FONTS) {
            File regular = new File(font[1]);
            File bold = new File(font[2]);
            if (regular.isFile()) {
                builder.useFont(regular, font[0], 400, PdfRendererBuilder.FontStyle.NORMAL, true);
            }
            if (bold.isFile()) {
                builder.useFont(bold, font[0], 700, PdfRendererBuilder.FontStyle.NORMAL, true);
            }
        }
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (RuntimeException e) {
            // the layout engine reports a broken page or font as an unchecked exception: a failed write to the caller
            throw new IOException("the PDF could not be laid out: " + e.getMessage(), e);
        }
    }
}
