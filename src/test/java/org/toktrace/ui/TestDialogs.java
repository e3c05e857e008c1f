package org.toktrace.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** File dialogs for window tests: none of them is ever shown, and a choice is always cancelled. */
public final class TestDialogs {
    private TestDialogs() {
    }

    public static FileDialogs none() {
        return new FileDialogs() {
            @Override
            public Optional<Path> chooseCapture(Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> chooseSave(Window owner, String title, String name, String ext) {
                return Optional.empty();
            }
        };
    }
}
