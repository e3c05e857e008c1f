package org.toktrace.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.toktrace.ui.AnalysisRunner;
import org.toktrace.ui.AnalysisSession;
import org.toktrace.ui.FileDialogs;
import org.toktrace.ui.MainWindow;
import org.toktrace.ui.RecentFiles;

/**
 * Measures how the desktop app stays responsive while it opens a big capture: the time from
 * {@code open} to the first progress shown, and how long the UI thread is ever kept from running
 * (a watchdog posts a task to it every 10 ms and records how late each one runs; an animation
 * timer records the longest gap between two pulses). Runs until the charts are shown plus two
 * seconds. Run under a display (real glass), e.g.
 * {@code xvfb-run -a -s '-screen 0 1280x800x24' java -cp target/classes:target/test-classes:target/lib/*
 * org.toktrace.bench.UiResponsiveness /work/main/target/bench/hotspot-1.5GB-seed1.pcap}.
 */
public final class UiResponsiveness {
    private static final long MS = 1_000_000L;
    private static final boolean VERBOSE = Boolean.getBoolean("bench.verbose");

    private UiResponsiveness() {
    }

    public static void main(String[] args) throws Exception {
        Path capture = Path.of(args[0]);
        long size = Files.size(capture);
        CountDownLatch started = new CountDownLatch(1);
        org.toktrace.analysis.CaptureAnalyzer.prepareInBackground(); // as the app does at start
        Platform.startup(started::countDown);
        started.await();

        List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
        AtomicLong maxPulseGap = new AtomicLong();
        AtomicLong firstProgress = new AtomicLong();
        AtomicLong firstBytes = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        AtomicLong chartsShown = new AtomicLong();
        AtomicLong opened = new AtomicLong();
        MainWindow[] window = new MainWindow[1];
        CountDownLatch ready = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage stage = new Stage();
            window[0] = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater),
                    FileDialogs.system(), new RecentFiles(RecentFiles.Store.inMemory()));
            stage.show();
            AnimationTimer pulses = new AnimationTimer() {
                private long last;

                @Override
                public void handle(long now) {
                    if (last != 0 && opened.get() != 0) {
                        maxPulseGap.accumulateAndGet(now - last, Math::max);
                    }
                    last = now;
                }
            };
            pulses.start();
            ready.countDown();
        });
        ready.await();
        Thread.sleep(2000); // the window settles: its first layout and CSS are not the open's cost

        // the machine may be shared: a late probe is the UI thread's fault only if it was busy meanwhile,
        // so each probe also records the CPU time the UI thread used while the probe waited
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] fxThread = new long[1];
        CountDownLatch known = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxThread[0] = Thread.currentThread().getId();
            known.countDown();
        });
        known.await();
        List<Long> busy = Collections.synchronizedList(new ArrayList<>());
        Thread watchdog = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                long cpu = threads.getThreadCpuTime(fxThread[0]);
                Platform.runLater(() -> {
                    lateness.add(System.nanoTime() - posted);
                    long used = threads.getCurrentThreadCpuTime() - cpu;
                    busy.add(used);
                    if (VERBOSE && used > 50 * MS && opened.get() != 0) {
                        System.out.printf(Locale.ROOT, "  probe at %.0f ms after open: %.0f ms late, UI thread busy %.0f ms%n",
                                (posted - opened.get()) / 1e6, (System.nanoTime() - posted) / 1e6, used / 1e6);
                    }
                });
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Platform.runLater(() -> {
            AnalysisSession s = window[0].session();
            s.progressTextProperty().addListener((o, a, text) -> {
                long now = System.nanoTime();
                if (!text.isEmpty()) {
                    firstProgress.compareAndSet(0, now);
                    if (!text.startsWith("0 B")) {
                        firstBytes.compareAndSet(0, now);
                    }
                }
            });
            s.phaseProperty().addListener((o, a, p) -> {
                if (p == AnalysisSession.Phase.FINISHED) {
                    finished.compareAndSet(0, System.nanoTime());
                }
            });
            ChartViewer overviewChart = (ChartViewer) window[0].scene().lookup("#overviewBarsChart");
            opened.set(System.nanoTime());
            window[0].open(capture);
            Thread poll = new Thread(() -> {
                while (chartsShown.get() == 0) {
                    Platform.runLater(() -> {
                        if (overviewChart.getChart() != null) {
                            chartsShown.compareAndSet(0, System.nanoTime());
                        }
                    });
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            poll.setDaemon(true);
            poll.start();
        });
        while (chartsShown.get() == 0 && window[0].session().phaseProperty().get() != AnalysisSession.Phase.FAILED) {
            Thread.sleep(50);
        }
        Thread.sleep(2000);
        List<Long> late;
        List<Long> cpu;
        synchronized (lateness) {
            late = new ArrayList<>(lateness);
            lateness.clear();
        }
        synchronized (busy) {
            cpu = new ArrayList<>(busy);
            busy.clear();
        }
        // then the user looks at the timeline: its chart is drawn when its tab is first shown
        Platform.runLater(() -> ((javafx.scene.control.TabPane) window[0].scene().lookup(".tab-pane"))
                .getSelectionModel().select(1));
        Thread.sleep(3000);
        watchdog.interrupt();
        List<Long> tabLate;
        List<Long> tabCpu;
        synchronized (lateness) {
            tabLate = new ArrayList<>(lateness);
        }
        synchronized (busy) {
            tabCpu = new ArrayList<>(busy);
        }
        Collections.sort(tabLate);
        Collections.sort(tabCpu);
        Collections.sort(late);
        long t0 = opened.get();
        System.out.printf(Locale.ROOT, "capture %s (%,d bytes), %s%n", capture.getFileName(), size,
                window[0].session().statusProperty().get());
        System.out.printf(Locale.ROOT, "first progress shown      %8.1f ms after open (with bytes read: %.1f ms)%n",
                (firstProgress.get() - t0) / 1e6, firstBytes.get() == 0 ? Double.NaN : (firstBytes.get() - t0) / 1e6);
        System.out.printf(Locale.ROOT, "analysis finished         %8.1f ms after open%n", (finished.get() - t0) / 1e6);
        System.out.printf(Locale.ROOT, "charts shown              %8.1f ms after open%n", (chartsShown.get() - t0) / 1e6);
        System.out.printf(Locale.ROOT, "UI-thread task lateness   max %.1f ms, p99 %.1f ms, median %.1f ms over %d probes;"
                        + " %d over 100 ms%n", late.get(late.size() - 1) / 1e6, late.get((int) (late.size() * 0.99)) / 1e6,
                late.get(late.size() / 2) / 1e6, late.size(), late.stream().filter(l -> l > 100 * MS).count());
        Collections.sort(cpu);
        System.out.printf(Locale.ROOT, "UI-thread CPU while a probe waited: max %.1f ms, p99 %.1f ms; %d over 100 ms%n",
                cpu.get(cpu.size() - 1) / 1e6, cpu.get((int) (cpu.size() * 0.99)) / 1e6,
                cpu.stream().filter(l -> l > 100 * MS).count());
        System.out.printf(Locale.ROOT, "longest gap between pulses %7.1f ms%n", maxPulseGap.get() / 1e6);
        System.out.printf(Locale.ROOT, "then showing the timeline tab: lateness max %.1f ms, UI-thread CPU while waiting max %.1f ms%n",
                tabLate.get(tabLate.size() - 1) / 1e6, tabCpu.get(tabCpu.size() - 1) / 1e6);
        System.out.printf(Locale.ROOT, "load average %.2f on %d processors%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        Platform.exit();
        System.exit(0);
    }
}
