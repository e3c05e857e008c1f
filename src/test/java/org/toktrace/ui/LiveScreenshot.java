package org.toktrace.ui;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.toktrace.live.ReplayedHotspot;
import org.toktrace.live.TestHost;
import org.toktrace.live.TestNetwork;
import org.toktrace.model.AppState;
import org.toktrace.model.CaptureInterface;
import org.toktrace.model.StateInterval;
import org.toktrace.testkit.traffic.Scenario;

/**
 * Takes the README's live view screenshot ({@code docs/img/live.png}) from a real live capture: a
 * generated one-phone scenario (the phone names itself Pixel-7 over DHCP, the app in the background,
 * then scrolling) replayed in real time into the veth test bed (decision 0018, both ends inside a
 * namespace of its own, the capture end named {@code wlan0} with the hotspot's address), captured by
 * the app running inside that namespace under Xvfb with the real GTK toolkit. The app is driven as a
 * user would: Live capture, the starred interface, Start, "Now scrolling" when the scenario's
 * scrolling frames begin to come, the Timeline tab, the shot a few seconds after the phone shows as
 * foreground, then Stop. Needs root and xvfb-run:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * sudo java -cp target/classes:target/test-classes:$(cat target/test-cp.txt) org.toktrace.ui.LiveScreenshot docs/img/live.png
 * </pre>
 * Nothing of the user's is touched: the library and the pcapng go to a temporary directory.
 */
public final class LiveScreenshot {
    /** One phone for 40 s: background for 8-10 s, then scrolling for 22-25 s (as LiveCaptureIntegrationTest). */
    static final Scenario SCENARIO = new Scenario(21, 1, 0, 40 * ReplayedHotspot.SECOND, 0, false, 22, 25, 8, 10,
            500_000, 2_000_000, 0.3);
    /**
     * Seconds the shot waits once the phone shows as foreground, so the chart has the scenario's next
     * video too (it comes 13 s after the first). The moments come from what the window shows, not from
     * the clock alone: on a busy machine tcpreplay falls seconds behind the scenario's own timing.
     */
    static final int SHOT_AFTER_FOREGROUND = 16;
    private static final Pattern PACKETS = Pattern.compile("\u00b7 ([\\d,]+) packets");

    private LiveScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--window")) {
            window(args[1], Path.of(args[2]), Path.of(args[3]), Long.parseLong(args[4]));
            return;
        }
        Path out = Path.of(args.length > 0 ? args[0] : "docs/img/live.png").toAbsolutePath();
        TestHost.requireRootAndTools("ip", "tcpreplay", "tcprewrite", "xvfb-run");
        Path dir = Files.createTempDirectory("toktrace-live-shot");
        ReplayedHotspot scenario = ReplayedHotspot.prepare(SCENARIO, dir);
        long scrolling = scenario.truth().states().get(0).intervals().stream()
                .filter(i -> i.state() == AppState.FOREGROUND).mapToLong(StateInterval::startNanos).findFirst().orElseThrow();
        // "Now scrolling" once the frames of the scenario's scrolling begin to come: after the DHCP
        // request and every frame before the scrolling
        long markAtPackets = 1 + framesBefore(scenario.replay(), scrolling) + 1;
        try (TestNetwork net = TestNetwork.create()) {
            Process app = new ProcessBuilder(net.inside("xvfb-run", "-a", "-s", "-screen 0 1280x800x24", TestHost.java(),
                    "-D" + org.toktrace.ui.library.LibraryAccess.DB_PROPERTY + "=" + dir.resolve("library"),
                    "-cp", TestHost.classPath(), LiveScreenshot.class.getName(), "--window", TestNetwork.CAPTURE_END,
                    dir.resolve("live.pcapng").toString(), out.toString(), String.valueOf(markAtPackets)))
                    .redirectErrorStream(true).start();
            Process replay = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.err.println("app: " + line);
                    if (line.equals("capturing") && replay == null) {
                        replay = scenario.startReplay(net, dir.resolve("tcpreplay.txt"));
                    }
                }
            } finally {
                if (replay != null) {
                    ReplayedHotspot.stop(replay);
                }
            }
            System.err.println("app ended with exit " + app.waitFor() + "; the screenshot: " + out);
        }
        System.exit(0);
    }

    /** Inside the namespace, under Xvfb: the app's window, driven through the live capture and shot. */
    private static void window(String iface, Path pcapng, Path out, long markAtPackets) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        MainWindow window = fx(() -> {
            Stage stage = new Stage();
            MainWindow w = TokTraceApp.assemble(stage, new RecentFiles(RecentFiles.Store.inMemory()));
            stage.show();
            return w;
        });
        Thread.sleep(1500);
        fx(() -> fire(window, "#liveCaptureButton"));
        DialogPane dialog = await(() -> fx(() -> (DialogPane) lookupAnywhere("#liveCaptureDialog")));
        Thread.sleep(1000);
        fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<CaptureInterface> picker = (ComboBox<CaptureInterface>) dialog.lookup("#interfacePicker");
            if (!picker.getValue().name().equals(iface)) {
                throw new IllegalStateException("the hotspot is not offered first: " + picker.getItems());
            }
            ((TextField) dialog.lookup("#pcapngField")).setText(pcapng.toString());
            for (ButtonType t : dialog.getButtonTypes()) {
                if (t.getButtonData() == ButtonBar.ButtonData.OK_DONE) {
                    ((Button) dialog.lookupButton(t)).fire();
                }
            }
            return null;
        });
        await(() -> fx(() -> window.session().isLive() ? Boolean.TRUE : null));
        System.out.println("capturing");
        System.out.flush();

        await(() -> fx(() -> packets(status(window)) >= markAtPackets ? Boolean.TRUE : null));
        fx(() -> fire(window, "#markScrolling"));
        fx(() -> {
            ((TabPane) window.scene().lookup(".tab-pane")).getSelectionModel().select(1);
            return null;
        });
        await(() -> fx(() -> status(window).contains(" (foreground)") ? Boolean.TRUE : null));
        Thread.sleep(SHOT_AFTER_FOREGROUND * 1000L);
        fx(() -> {
            BufferedImage image = SwingFXUtils.fromFXImage(window.scene().snapshot(null), null);
            try {
                ImageIO.write(image, "png", out.toFile());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            System.out.println("shot: " + status(window));
            return null;
        });
        fx(() -> fire(window, "#stopCaptureButton"));
        await(() -> fx(() -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED ? Boolean.TRUE : null));
        Thread.sleep(2000); // the save into the (temporary) library
        System.out.println("stopped: " + fx(() -> window.session().statusProperty().get()));
        Platform.exit();
        System.exit(0);
    }

    private static Object fire(MainWindow window, String id) {
        ((Button) window.scene().lookup(id)).fire();
        return null;
    }

    private static Node lookupAnywhere(String id) {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            Node n = w.getScene() == null ? null : w.getScene().lookup(id);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private static String status(MainWindow window) {
        String s = ((Label) window.scene().lookup("#liveStatus")).getText();
        return s == null ? "" : s;
    }

    /** Frames of a little-endian classic pcap stamped before {@code nanos}. */
    private static long framesBefore(Path pcap, long nanos) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(pcap)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        boolean nano = b.getInt(0) == 0xA1B23C4D;
        long n = 0;
        for (int at = 24; at + 16 <= b.limit(); at += 16 + b.getInt(at + 8)) {
            long t = (b.getInt(at) & 0xFFFFFFFFL) * 1_000_000_000L + (b.getInt(at + 4) & 0xFFFFFFFFL) * (nano ? 1 : 1000);
            if (t >= nanos) {
                break;
            }
            n++;
        }
        return n;
    }

    private static long packets(String status) {
        Matcher m = PACKETS.matcher(status == null ? "" : status);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    /** Runs {@code action} on the FX thread and returns its result. */
    private static <T> T fx(Supplier<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action::get);
        Platform.runLater(task);
        return task.get();
    }

    /** Polls {@code probe} until it gives something (at most a minute). */
    private static <T> T await(java.util.concurrent.Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            T t = probe.call();
            if (t != null) {
                return t;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out");
    }
}
