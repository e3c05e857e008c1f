package org.toktrace.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes the README's screenshots from the running app: opens a capture in a 1280x800 window, waits
 * for the analysis, and saves each view as the window shows it. Run under a display, e.g.
 * {@code xvfb-run -a -s '-screen 0 1280x800x24' java -cp target/classes:target/test-classes:target/lib/*
 * org.toktrace.ui.Screenshots captures/hotspot-sample.pcap docs/img} (a third argument {@code dark}
 * takes them in the dark theme, {@code all-flows} lists every flow too, the biggest upload first, as
 * for a capture with no TikTok in it; a fourth such as {@code 1024x700} takes them at another window size).
 */
public final class Screenshots {
    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path capture = Path.of(args.length > 0 ? args[0] : "captures/hotspot-sample.pcap");
        Path out = Path.of(args.length > 1 ? args[1] : "docs/img");
        boolean dark = args.length > 2 && args[2].equals("dark");
        boolean allFlows = args.length > 2 && args[2].equals("all-flows");
        String[] size = (args.length > 3 ? args[3] : "1280x800").split("x");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        MainWindow[] window = new MainWindow[1];
        Platform.runLater(() -> {
            Stage stage = new Stage();
            window[0] = TokTraceApp.assemble(stage, new RecentFiles(RecentFiles.Store.inMemory()));
            if (dark) {
                Theme.apply(window[0].scene(), true);
            }
            stage.setWidth(Double.parseDouble(size[0]));
            stage.setHeight(Double.parseDouble(size[1]));
            stage.show();
            window[0].open(capture);
        });
        while (window[0] == null || window[0].session().phaseProperty().get() != AnalysisSession.Phase.FINISHED) {
            Thread.sleep(100);
        }
        Thread.sleep(3000); // the charts are built off the UI thread
        TabPane tabs = (TabPane) window[0].scene().lookup(".tab-pane");
        shoot(window[0], tabs, 0, out.resolve("overview.png"), null);
        shoot(window[0], tabs, 1, out.resolve("timeline.png"), null);
        shoot(window[0], tabs, 2, out.resolve("charts.png"), null);
        shoot(window[0], tabs, 3, out.resolve("flows.png"), () -> {
            @SuppressWarnings("unchecked")
            TableView<Object> table = (TableView<Object>) window[0].scene().lookup("#flowsTable");
            // a video flow, so the details show QUIC or TLS evidence and a busy flow timeline
            for (int i = 0; i < table.getItems().size(); i++) {
                Object f = table.getItems().get(i);
                if (f instanceof org.toktrace.model.FlowRecord r && r.attribution().category() != null
                        && r.attribution().category().label().equals("video")) {
                    table.getSelectionModel().select(i);
                    break;
                }
            }
        });
        shoot(window[0], tabs, 4, out.resolve("where.png"), null);
        if (allFlows) {
            shoot(window[0], tabs, 3, out.resolve("flows-all.png"), () -> {
                ((javafx.scene.control.CheckBox) window[0].scene().lookup("#tiktokOnly")).setSelected(false);
                @SuppressWarnings("unchecked")
                TableView<Object> table = (TableView<Object>) window[0].scene().lookup("#flowsTable");
                javafx.scene.control.TableColumn<Object, ?> up = table.getColumns().stream()
                        .filter(c -> "bytes_up".equals(c.getId())).findFirst().orElseThrow();
                up.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
                table.getSortOrder().add(up);
            });
            Thread.sleep(60_000); // filtering and sorting millions of flows off the UI thread
            shoot(window[0], tabs, 3, out.resolve("flows-all-sorted.png"), null);
        }
        Platform.exit();
        System.exit(0);
    }

    private static void shoot(MainWindow w, TabPane tabs, int tab, Path file, Runnable prepare) throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> tabs.getSelectionModel().select(tab));
        Thread.sleep(2000); // a tab fills when first shown, one piece per frame
        Platform.runLater(() -> {
            if (prepare != null) {
                prepare.run();
            }
            shown.countDown();
        });
        shown.await();
        Thread.sleep(1500);
        CountDownLatch saved = new CountDownLatch(1);
        Platform.runLater(() -> {
            WritableImage img = w.scene().snapshot(null);
            BufferedImage b = SwingFXUtils.fromFXImage(img, null);
            try {
                ImageIO.write(b, "png", file.toFile());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            saved.countDown();
        });
        if (!saved.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no snapshot of " + file);
        }
    }
}
