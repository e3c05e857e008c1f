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

    /**
     * A file to write a report to, offering HTML and PDF; the name ends in the extension of the type
     * chosen. By default the save chooser of {@link #chooseSave} with HTML.
     */
    default Optional<Path> chooseReport(Window owner, String title, String suggestedStem) {
        return chooseSave(owner, title, suggestedStem + ".html", "html");
    }

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

            @Override
            public Optional<Path> chooseReport(Window owner, String title, String suggestedStem) {
                FileChooser fc = new FileChooser();
                fc.setTitle(title);
                FileChooser.ExtensionFilter html = new FileChooser.ExtensionFilter("HTML page (one file)", "*.html", "*.htm");
                FileChooser.ExtensionFilter pdf = new FileChooser.ExtensionFilter("PDF (A4)", "*.pdf");
                fc.getExtensionFilters().addAll(html, pdf);
                fc.setInitialFileName(suggestedStem + ".html");
                startWhereLastTime(fc);
                Optional<Path> chosen = remember(fc, fc.showSaveDialog(owner));
                // GTK's chooser keeps the name typed: give it the extension of the type picked when it has none
                return chosen.map(p -> {
                    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".pdf")) {
                        return p;
                    }
                    return p.resolveSibling(p.getFileName() + (fc.getSelectedExtensionFilter() == pdf ? ".pdf" : ".html"));
                });
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
