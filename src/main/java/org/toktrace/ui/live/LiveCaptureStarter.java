package org.toktrace.ui.live;

import java.io.IOException;
import java.util.List;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.LiveCapture;
import org.toktrace.analysis.LiveCaptureRequest;
import org.toktrace.model.LiveCaptureUnavailableException;
import org.toktrace.analysis.LiveListener;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.CaptureInterface;
import org.toktrace.model.LiveCaptureStats;

/**
 * How the app lists interfaces and starts a live capture: {@link #system()} through libpcap; tests
 * give their own, so the live view is checked without capture rights or a real interface.
 */
public interface LiveCaptureStarter {

    /** The interfaces to offer, likely hotspots first. Slow (libpcap): never on the UI thread. */
    List<CaptureInterface> interfaces() throws LiveCaptureUnavailableException;

    /** Starts capturing; returns at once. Never on the UI thread. */
    Running start(LiveCaptureRequest request, LiveListener listener) throws LiveCaptureUnavailableException;

    /** A capture that runs. */
    interface Running {
        /** Stops capturing; any thread. */
        void stop();

        /** Waits for the end and returns the analysis of everything captured. */
        AnalysisResult result() throws IOException, InterruptedException;

        /** The capture's counters (the files written among them). */
        LiveCaptureStats stats();
    }

    /** Live capture through libpcap with the default analysis options. */
    static LiveCaptureStarter system() {
        return new LiveCaptureStarter() {
            @Override
            public List<CaptureInterface> interfaces() throws LiveCaptureUnavailableException {
                return LiveCapture.interfaces();
            }

            @Override
            public Running start(LiveCaptureRequest request, LiveListener listener) throws LiveCaptureUnavailableException {
                LiveCapture capture = LiveCapture.start(request, AnalysisOptions.defaults(), listener);
                return new Running() {
                    @Override
                    public void stop() {
                        capture.stop();
                    }

                    @Override
                    public AnalysisResult result() throws IOException, InterruptedException {
                        return capture.result();
                    }

                    @Override
                    public LiveCaptureStats stats() {
                        return capture.stats();
                    }
                };
            }
        };
    }
}
