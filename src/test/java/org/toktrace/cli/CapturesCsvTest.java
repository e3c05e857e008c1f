package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.ClaimCheck;

/** The cells of captures.csv: RFC 4180 quoting, formula-safe text, a column for every claim, the progress line. */
class CapturesCsvTest {

    @Test
    void fieldsAreQuotedAsRfc4180SaysAndTextCannotRunAsAFormula() {
        assertEquals("plain", CapturesCsv.field("plain"));
        assertEquals("\"a,b\"", CapturesCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CapturesCsv.field("say \"hi\""));
        assertEquals("\"two\r\nlines\"", CapturesCsv.field("two\r\nlines"));

        CapturesCsv.Row row = new CapturesCsv.Row(Path.of("=HYPERLINK(x),y.pcap"), "", null, List.of(), -1,
                List.of("-1 is not a capture"));
        List<String> cells = CapturesCsv.cells(row);
        assertEquals(CapturesCsv.COLUMNS.size(), cells.size());
        assertEquals("'=HYPERLINK(x),y.pcap", cells.get(0));
        assertEquals("failed", cells.get(CapturesCsv.COLUMNS.indexOf("status")));
        assertEquals("'-1 is not a capture", cells.get(CapturesCsv.COLUMNS.indexOf("error")));
    }

    @Test
    void everyClaimOfAReportHasAColumn() throws Exception {
        List<ClaimCheck> claims = TikTokReport.of(new CaptureAnalyzer(AnalysisOptions.defaults())
                .analyze(Path.of("captures/hotspot-sample.pcap"))).total().claims();
        assertEquals(3, claims.size());
        for (ClaimCheck c : claims) {
            String column = CapturesCsv.CLAIM_COLUMNS.get(c.claim());
            assertTrue(column != null && CapturesCsv.COLUMNS.contains(column), "a column for: " + c.claim());
        }
    }

    @Test
    void theProgressLineSaysWhatIsDoneAndGuessesTheTimeLeftOnlyOnceThereIsARate() {
        assertEquals("0 of 4 captures, 0 B of 1.00 MB", BatchProgress.line(0, 4, 0, 1_000_000, 5_000_000_000L));
        assertEquals("1 of 4 captures, 250 kB of 1.00 MB", BatchProgress.line(1, 4, 250_000, 1_000_000, 500_000_000L));
        assertEquals("2 of 4 captures, 500 kB of 1.00 MB, about 0:02 left",
                BatchProgress.line(2, 4, 500_000, 1_000_000, 2_000_000_000L));
        assertEquals("3 of 4 captures, 750 kB of 1.00 MB, about 1:10 left",
                BatchProgress.line(3, 4, 750_000, 1_000_000, 210_000_000_000L));
    }
}
