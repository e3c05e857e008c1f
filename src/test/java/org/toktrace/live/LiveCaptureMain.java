package org.toktrace.live;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.LiveCapture;
import org.toktrace.analysis.LiveCaptureRequest;
import org.toktrace.analysis.LiveListener;
import org.toktrace.analysis.LiveProgress;
import org.toktrace.analysis.LiveSnapshot;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.export.TimelineCsvWriter;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Device;

/**
 * Captures through the live capture API (not the CLI), for {@link LiveCaptureIntegrationTest}, which
 * runs it inside its network namespace: {@code LiveCaptureMain IF FILE.pcapng OUTDIR}. Says
 * {@code ready} on standard error once capturing, stops at a line {@code stop} (or the end) of
 * standard input, then writes OUTDIR/flows.csv, timeline.csv and live.txt (snapshot counts, the
 * largest TikTok volume a snapshot showed, devices).
 */
public final class LiveCaptureMain {
    private LiveCaptureMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[2]);
        AtomicInteger snapshots = new AtomicInteger();
        AtomicInteger progresses = new AtomicInteger();
        AtomicLong maxTikTok = new AtomicLong();
        AtomicLong maxOpenFlows = new AtomicLong();
        LiveListener listener = new LiveListener() {
            @Override
            public void progress(LiveProgress p) {
                progresses.incrementAndGet();
                maxOpenFlows.accumulateAndGet(p.analysis().openFlows(), Math::max);
            }

            @Override
            public void snapshot(LiveSnapshot s) {
                snapshots.incrementAndGet();
                maxTikTok.accumulateAndGet(s.result().totalStates().bytes(), Math::max);
            }
        };
        LiveCapture capture = LiveCapture.start(LiveCaptureRequest.of(args[0], Path.of(args[1])), AnalysisOptions.defaults(),
                listener);
        System.err.println("ready");
        System.err.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("stop")) {
            // wait for the test to say stop
        }
        capture.stop();
        AnalysisResult result = capture.result();
        new FlowsCsvWriter(TikTokReport.networks(), result.announcedDevices()).write(result.flows(), out.resolve("flows.csv"));
        new TimelineCsvWriter().write(result, out.resolve("timeline.csv"));
        List<String> lines = new ArrayList<>();
        lines.add("snapshots " + snapshots.get());
        lines.add("progress " + progresses.get());
        lines.add("max-tiktok-bytes " + maxTikTok.get());
        lines.add("max-open-flows " + maxOpenFlows.get());
        lines.add("frames-captured " + capture.stats().framesCaptured());
        lines.add("frames-written " + capture.stats().framesWritten());
        lines.add("dropped " + capture.stats().dropped());
        for (Device d : capture.devices()) {
            lines.add("device " + d.macText() + " " + d.name() + " " + d.nameSource());
        }
        Files.write(out.resolve("live.txt"), lines);
        System.exit(0);
    }
}
