package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureWarning;
import org.toktrace.testkit.CaptureFileWriter;
import org.toktrace.testkit.Frames;

/** Frames of a link type the decoder does not know are counted and named in one warning per type. */
class UnsupportedLinkTypeTest {

    @TempDir
    Path dir;

    @Test
    void framesOfAnUnknownLinkTypeAreCountedAndNamed() throws Exception {
        CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng().iface(105).iface(1);
        byte[] ip = Frames.ipv4("10.0.0.2", "192.0.2.1").payload(Frames.udp(40000, 443).payload(100)).build();
        for (int i = 0; i < 3; i++) {
            w.epb(0, GoldenCorpus.T0 + i, new byte[60]);
        }
        w.epb(1, GoldenCorpus.T0 + 10, Frames.ethernet(ip));
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(w.writeTo(dir.resolve("wifi.pcapng")));
        assertEquals(3, r.counters().unsupportedLink());
        assertEquals(1, r.counters().ipPackets());
        assertEquals(List.of(new CaptureWarning(-1,
                "3 frame(s) of link type 105 (IEEE 802.11) skipped: TokTrace does not decode that link type")), r.warnings());
        assertEquals(1, r.flows().size());
    }
}
