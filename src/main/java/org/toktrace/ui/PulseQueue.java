package org.toktrace.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.animation.AnimationTimer;

/**
 * Runs UI-thread work one piece per frame: each piece gets a pulse (and its layout) of its own, so a
 * big result fills the window over a few frames instead of freezing it for one long one.
 */
final class PulseQueue {
    private final Deque<Runnable> pieces = new ArrayDeque<>();
    private boolean running;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Runnable next = pieces.poll();
            if (next != null) {
                next.run();
            }
            if (pieces.isEmpty()) {
                stop();
                running = false;
            }
        }
    };

    /** Adds a piece of work; call on the UI thread. */
    void add(Runnable piece) {
        pieces.add(piece);
        if (!running) {
            running = true;
            timer.start();
        }
    }

    /** Drops the work not yet done, e.g. for a result already replaced. */
    void clear() {
        pieces.clear();
    }
}
