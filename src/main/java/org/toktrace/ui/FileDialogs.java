package org.toktrace.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the user for a file to open or save; the system's choosers by default, a fixed answer in tests. */
public interface FileDialogs {

    Optional<Path> chooseCapture(Window owner);

    /** A file to save to, proposing {@code suggestedName}; {@code extension} like {@code csv}. */
    Optional<Path> chooseSave(Window owner, String title, String suggestedName, String extension);

    /** The platform's file choosers, starting in the folder used last. */
    static FileDialogs system() {
        return new FileDialogs() {
            private File lastDir;

            @Override
            public Optional<Path> chooseCapture(Window owner) {
                FileChooser fc = new FileChooser();
                fc.setTitle("Open a capture");
                fc.getExtensionFilters().addAll(
                        new FileChooser.ExtensionFilter("Captures (pcap, pcapng)", "*.pcap", "*.pcapng", "*.cap", "*.dmp"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                startWhereLastTime(fc);
                return remember(fc, fc.showOpenDialog(owner));
            }

            @Override
            public Optional<Path> chooseSave(Window owner, String title, String suggestedName, String extension) {
                FileChooser fc = new FileChooser();
                fc.setTitle(title);
                fc.setInitialFileName(suggestedName);
                fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT),
                        "*." + extension));
                startWhereLastTime(fc);
                return remember(fc, fc.showSaveDialog(owner));
            }

            private void startWhereLastTime(FileChooser fc) {
                if (lastDir != null && lastDir.isDirectory()) {
                    fc.setInitialDirectory(lastDir);
                }
            }

            private Optional<Path> remember(FileChooser fc, File chosen) {
                if (chosen == null) {
                    return Optional.empty();
                }
                lastDir = chosen.getParentFile();
                return Optional.of(chosen.toPath());
            }
        };
    }
}
