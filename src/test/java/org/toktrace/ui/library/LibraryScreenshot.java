package org.toktrace.ui.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.toktrace.store.LibraryEntry;
import org.toktrace.ui.AnalysisRunner;
import org.toktrace.ui.AnalysisSession;
import org.toktrace.ui.FileDialogs;
import org.toktrace.ui.MainWindow;
import org.toktrace.ui.RecentFiles;

/**
 * Takes the README's screenshot of the library window from the running app: analyses the given captures
 * into a temporary database (each saved as the app saves), shows the library and compares the first two.
 * Run under a display, e.g. {@code xvfb-run -a -s '-screen 0 1280x800x24' java -cp
 * target/classes:target/test-classes:$(cat target/cp.txt) org.toktrace.ui.library.LibraryScreenshot docs/img/library.png
 * captures/hotspot-sample.pcap target/bench/hotspot-150MB-seed1.pcap}.
 */
public final class LibraryScreenshot {
    private LibraryScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path db = Files.createTempDirectory("toktrace-screenshot").resolve("toktrace");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        MainWindow[] window = new MainWindow[1];
        LibraryWindow[] library = new LibraryWindow[1];
        CountDownLatch ready = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage stage = new Stage();
            window[0] = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater),
                    FileDialogs.system(), new RecentFiles(RecentFiles.Store.inMemory()));
            library[0] = LibraryWindow.install(window[0], new LibraryAccess(db, Duration.ofSeconds(5)));
            stage.show();
            ready.countDown();
        });
        ready.await();
        for (int i = 1; i < args.length; i++) {
            Path capture = Path.of(args[i]);
            Platform.runLater(() -> window[0].open(capture));
            Thread.sleep(500);
            while (!window[0].session().statusProperty().get().contains(" to the library")) {
                Thread.sleep(100);
            }
        }
        CompletableFuture<List<LibraryEntry>> listed = new CompletableFuture<>();
        Platform.runLater(() -> {
            library[0].show();
            library[0].refresh().whenComplete((l, e) -> listed.complete(l));
        });
        listed.get(60, TimeUnit.SECONDS);
        CompletableFuture<Boolean> compared = new CompletableFuture<>();
        Platform.runLater(() -> {
            @SuppressWarnings("unchecked")
            TableView<LibraryEntry> table = (TableView<LibraryEntry>) library[0].stage().getScene().lookup("#libraryTable");
            table.getSelectionModel().selectRange(0, 2);
            library[0].compare(table.getItems().get(0), table.getItems().get(1)).whenComplete((b, e) -> compared.complete(b));
        });
        compared.get(60, TimeUnit.SECONDS);
        Thread.sleep(1500);
        CountDownLatch shot = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                Files.createDirectories(out.toAbsolutePath().getParent());
                ImageIO.write(SwingFXUtils.fromFXImage(library[0].stage().getScene().snapshot(null), null), "png", out.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                shot.countDown();
            }
        });
        shot.await();
        System.out.println("wrote " + out);
        Platform.exit();
        System.exit(0);
    }
}
