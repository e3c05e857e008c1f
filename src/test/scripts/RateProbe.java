import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.analysis.AnalysisListener;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.AnalysisProgress;
import org.toktrace.analysis.CaptureAnalyzer;

/**
 * One cold analysis in a fresh JVM (no command line around it); prints the seconds each million
 * frames took, from the analyzer's progress reports, the whole time, and the time after the last
 * frame (the result being built). compare-builds.sh compiles it against each build's jar: it uses
 * only API that is older than attribution.
 */
public class RateProbe {
    public static void main(String[] a) throws Exception {
        long t0 = System.nanoTime();
        List<long[]> marks = new ArrayList<>();
        marks.add(new long[] {0, 0});
        AnalysisListener l = new AnalysisListener() {
            @Override
            public void progress(AnalysisProgress p) {
                marks.add(new long[] {System.nanoTime() - t0, p.frames()});
            }
        };
        new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(Path.of(a[0]), l, () -> false);
        long end = System.nanoTime() - t0;
        StringBuilder sb = new StringBuilder();
        long step = 1_000_000;
        double prev = 0;
        for (long f = step; ; f += step) {
            double t = at(marks, f);
            if (t < 0) break;
            sb.append(String.format("%.3f ", (t - prev) / 1e9));
            prev = t;
        }
        long[] last = marks.get(marks.size() - 1);
        System.out.println(sb.toString().trim() + " | end " + String.format("%.3f", end / 1e9)
                + " | after last report " + String.format("%.3f", (end - last[0]) / 1e9) + " (" + last[1] + " frames)");
    }

    static double at(List<long[]> m, long frames) {
        for (int i = 1; i < m.size(); i++) {
            long[] p = m.get(i - 1), q = m.get(i);
            if (q[1] >= frames) {
                return p[0] + (double) (frames - p[1]) / (q[1] - p[1]) * (q[0] - p[0]);
            }
        }
        return -1;
    }
}
