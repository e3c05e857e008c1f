package org.toktrace.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.toktrace.store.LibraryEntry;
import org.toktrace.ui.AnalysisRunner;
import org.toktrace.ui.AnalysisSession;
import org.toktrace.ui.FileDialogs;
import org.toktrace.ui.MainWindow;
import org.toktrace.ui.RecentFiles;
import org.toktrace.ui.library.LibraryAccess;
import org.toktrace.ui.library.LibraryWindow;

/**
 * Measures opening a stored analysis from the library in the running app: a child process saves the
 * capture (and a smaller one, opened between two timed opens) into a temporary database once
 * ({@code toktrace analyze F --save --db DB}, so the app's JVM has never analysed them), then the app starts as it does (main window, library installed, H2 warmed in
 * the background), shows the library, and opens the entry several times, timing (a) the load on the
 * library thread (open the database, {@code load(id)}, close) until the main window has the result,
 * and (b) until the overview's chart of that result is on screen. Run under a display, e.g.
 * {@code xvfb-run -a -s '-screen 0 1280x800x24' java -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * org.toktrace.bench.LibraryOpenInApp /work/main/target/bench/hotspot-1.5GB-seed1.pcap}.
 */
public final class LibraryOpenInApp {

    private LibraryOpenInApp() {
    }

    public static void main(String[] args) throws Exception {
        Path capture = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.getInteger("bench.runs", 5);
        Path dir = Files.createTempDirectory("toktrace-library-bench");
        Path db = dir.resolve("toktrace");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a second, smaller capture to show in between: the main window ignores a result equal to the one it shows
        Path other = args.length > 1 ? Path.of(args[1]).toAbsolutePath() : capture.resolveSibling("hotspot-150MB-seed1.pcap");
        for (Path c : List.of(capture, other)) {
            long s0 = System.nanoTime();
            Process save = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "org.toktrace.Launcher",
                    "analyze", c.toString(), "--quiet", "--save", "--no-memory", "--db", db.toString()).inheritIO().start();
            if (save.waitFor() != 0) {
                throw new IllegalStateException("the save failed: exit " + save.exitValue());
            }
            System.out.printf(Locale.ROOT, "saved %s into %s in %.1f s (child process: hash, analyse, save)%n",
                    c.getFileName(), db, (System.nanoTime() - s0) / 1e9);
        }

        long start = System.nanoTime();
        org.toktrace.analysis.CaptureAnalyzer.prepareInBackground(); // as the app does at start
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        LibraryAccess access = new LibraryAccess(db, Duration.ofSeconds(5));
        MainWindow[] window = new MainWindow[1];
        LibraryWindow[] library = new LibraryWindow[1];
        CountDownLatch ready = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage stage = new Stage();
            window[0] = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater),
                    FileDialogs.system(), new RecentFiles(RecentFiles.Store.inMemory()));
            library[0] = LibraryWindow.install(window[0], access); // warms H2 on the library thread
            stage.show();
            ready.countDown();
        });
        ready.await();
        // the warm-up was queued first on the library thread: a no-op operation after it tells when it is done
        access.read(l -> null, null).get(60, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "app started and H2 warmed %.2f s after start%n", (System.nanoTime() - start) / 1e9);
        Thread.sleep(2000); // the window settles, as a user would take a moment to reach the library

        CompletableFuture<List<LibraryEntry>> listed = new CompletableFuture<>();
        long l0 = System.nanoTime();
        Platform.runLater(() -> {
            library[0].show();
            library[0].refresh().whenComplete((l, e) -> listed.complete(l));
        });
        List<LibraryEntry> entries = listed.get(60, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "library window shown and listed in %.0f ms (%d captures)%n", (System.nanoTime() - l0) / 1e6,
                entries.size());
        LibraryEntry entry = entries.stream().filter(e -> e.source().equals(capture.toString())).findFirst().orElseThrow();
        LibraryEntry between = entries.stream().filter(e -> e != entry).findFirst().orElseThrow();
        Thread.sleep(1000);

        List<double[]> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            if (i > 0) {
                double[] b = openOnce(window[0], library[0], between);
                System.out.printf(Locale.ROOT, "  (in between: %s %.0f ms / %.0f ms)%n", other.getFileName(), b[0], b[1]);
                Thread.sleep(1500);
            }
            results.add(openOnce(window[0], library[0], entry));
            System.out.printf(Locale.ROOT, "open %d: result in the main window %.0f ms, overview chart shown %.0f ms%n", i + 1,
                    results.get(i)[0], results.get(i)[1]);
            Thread.sleep(1500);
        }
        System.out.printf(Locale.ROOT, "%s: %,d flows; load average %.2f on %d processors%n", capture.getFileName(), entry.flows(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        Platform.exit();
        System.exit(0);
    }

    /** One Open: ms until the result is in the main window, and until the overview's chart of it is drawn. */
    private static double[] openOnce(MainWindow window, LibraryWindow library, LibraryEntry entry) throws Exception {
        AtomicLong resultShown = new AtomicLong();
        AtomicLong chartShown = new AtomicLong();
        JFreeChart[] before = new JFreeChart[1];
        ChartViewer[] viewer = new ChartViewer[1];
        CountDownLatch posted = new CountDownLatch(1);
        long[] t0 = new long[1];
        Platform.runLater(() -> {
            viewer[0] = (ChartViewer) window.scene().lookup("#overviewBarsChart");
            before[0] = viewer[0].getChart();
            t0[0] = System.nanoTime();
            library.open(entry).whenComplete((ok, e) -> resultShown.set(System.nanoTime()));
            posted.countDown();
        });
        posted.await();
        while (chartShown.get() == 0) {
            Platform.runLater(() -> {
                JFreeChart c = viewer[0].getChart();
                if (resultShown.get() != 0 && c != null && c != before[0]) {
                    chartShown.compareAndSet(0, System.nanoTime());
                }
            });
            Thread.sleep(5);
        }
        return new double[] {(resultShown.get() - t0[0]) / 1e6, (chartShown.get() - t0[0]) / 1e6};
    }
}
