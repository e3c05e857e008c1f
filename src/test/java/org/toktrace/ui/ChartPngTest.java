package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;

/** A saved chart says which capture it shows: a caption under it and the PNG's Title text. */
class ChartPngTest {
    static AnalysisResult sample;

    @TempDir
    Path dir;

    @BeforeAll
    static void analyse() throws Exception {
        sample = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(MainWindowTest.SAMPLE);
    }

    @Test
    void theCaptionNamesTheCaptureAndItsTime() {
        String caption = Charts.caption(sample);
        assertTrue(caption.startsWith("hotspot-sample.pcap \u00b7 " + Figures.dateTimeMillis(sample.capture().firstNanos())
                + " to " + Figures.clockMillis(sample.capture().lastNanos()) + " UTC"), caption);
    }

    @Test
    void theSavedImageCarriesTheCaption() throws Exception {
        Path file = dir.resolve("chart.png");
        String caption = Charts.caption(sample);
        Charts.savePng(Charts.categories(sample, null), file, 640, 400, caption);

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(400 + Charts.CAPTION_HEIGHT, image.getHeight(), "a strip for the caption below the chart");
        int background = image.getRGB(2, 400 + 2);
        boolean drawn = false;
        for (int x = 0; x < 640 && !drawn; x++) {
            for (int y = 400; y < image.getHeight() && !drawn; y++) {
                drawn = image.getRGB(x, y) != background;
            }
        }
        assertTrue(drawn, "the caption is drawn into the strip");
        assertEquals(caption, title(file));
    }

    private static String title(Path file) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            var entries = root.getElementsByTagName("iTXtEntry");
            for (int i = 0; i < entries.getLength(); i++) {
                IIOMetadataNode e = (IIOMetadataNode) entries.item(i);
                if ("Title".equals(e.getAttribute("keyword"))) {
                    return e.getAttribute("text");
                }
            }
            return null;
        }
    }
}
