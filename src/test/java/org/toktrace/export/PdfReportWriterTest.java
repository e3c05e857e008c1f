package org.toktrace.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.ClaimCheck;
import org.toktrace.model.DeviceStateReport;

/** The report as PDF: it loads, holds the verdicts and the SHA-256, and the chart is drawn on it. */
class PdfReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void thePdfHoldsTheVerdictsTheHashAndTheChart() throws Exception {
        String sha = "4bd6a724077fad9146240a0d65e9a865603c7141bdd5d9f218aad6551f6f9a73";
        CaptureReport report = ReportFixtures.report(ReportFixtures.hostile(), sha);
        Path pdf = dir.resolve("report.pdf");
        ReportFormat.PDF.write(report, pdf);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertTrue(doc.getNumberOfPages() >= 1);
            String text = new PDFTextStripper().getText(doc);
            String flat = text.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            assertTrue(text.replaceAll("\\s+", "").contains(sha), "the SHA-256");
            for (DeviceStateReport d : report.states().devices()) {
                for (ClaimCheck c : d.claims()) {
                    assertTrue(flat.contains(HtmlReportWriter.verdictWord(c.verdict()) + " "
                            + c.evidence().toLowerCase(Locale.ROOT).substring(0, 12)), "the verdict of " + c.claim());
                }
            }
            assertTrue(flat.contains("<script>alert"), "the hostile name printed as text");
            // the chart: the foreground series' vermilion drawn somewhere in the pages
            PDFRenderer renderer = new PDFRenderer(doc);
            boolean vermilion = false;
            for (int p = 0; p < Math.min(3, doc.getNumberOfPages()) && !vermilion; p++) {
                BufferedImage page = renderer.renderImageWithDPI(p, 60);
                for (int y = 0; y < page.getHeight() && !vermilion; y++) {
                    for (int x = 0; x < page.getWidth(); x++) {
                        int rgb = page.getRGB(x, y) & 0xFFFFFF;
                        if (Math.abs((rgb >> 16) - 0xD5) < 12 && Math.abs((rgb >> 8 & 0xFF) - 0x5E) < 12
                                && Math.abs((rgb & 0xFF) - 0x00) < 12) {
                            vermilion = true;
                            break;
                        }
                    }
                }
            }
            assertTrue(vermilion, "the timeline's foreground bars are drawn");
        }
    }

    @Test
    void aFailedWriteLeavesNoFile() {
        Path into = dir.resolve("missing-dir").resolve("report.pdf");
        CaptureReport report = ReportFixtures.report(ReportFixtures.sample(), null);
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> ReportFormat.PDF.write(report, into)) != null);
        assertFalse(Files.exists(into));
    }
}
