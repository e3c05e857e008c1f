package org.toktrace.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** The captures opened last, newest first, at most {@link #MAX}; kept where {@link Store} keeps them. */
public final class RecentFiles {
    public static final int MAX = 8;

    /** Where the list lives between runs. */
    public interface Store {
        List<String> load();

        void save(List<String> paths);

        /** Kept for this run only: for tests, and when the user's preferences cannot be written. */
        static Store inMemory() {
            List<String> kept = new ArrayList<>();
            return new Store() {
                @Override
                public List<String> load() {
                    return List.copyOf(kept);
                }

                @Override
                public void save(List<String> paths) {
                    kept.clear();
                    kept.addAll(paths);
                }
            };
        }

        /** The user's Java preferences, under {@code org/toktrace/ui}. */
        static Store userPreferences() {
            Preferences node = Preferences.userNodeForPackage(RecentFiles.class);
            return new Store() {
                @Override
                public List<String> load() {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < MAX; i++) {
                        String p = node.get("recent." + i, null);
                        if (p != null) {
                            out.add(p);
                        }
                    }
                    return out;
                }

                @Override
                public void save(List<String> paths) {
                    for (int i = 0; i < MAX; i++) {
                        if (i < paths.size()) {
                            node.put("recent." + i, paths.get(i));
                        } else {
                            node.remove("recent." + i);
                        }
                    }
                    try {
                        node.flush();
                    } catch (BackingStoreException e) {
                        // a read-only home: the list lasts for this run, which is all it can do
                    }
                }
            };
        }
    }

    private final Store store;
    private final List<Path> files = new ArrayList<>();

    public RecentFiles(Store store) {
        this.store = store;
        for (String p : store.load()) {
            try {
                files.add(Path.of(p));
            } catch (RuntimeException e) {
                // a path from another OS or a damaged entry: leave it out
            }
        }
    }

    /** Puts {@code file} first (once) and keeps the list. */
    public void opened(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        files.remove(abs);
        files.add(0, abs);
        while (files.size() > MAX) {
            files.remove(files.size() - 1);
        }
        store.save(files.stream().map(Path::toString).toList());
    }

    public List<Path> files() {
        return List.copyOf(files);
    }
}
