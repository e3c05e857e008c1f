package org.toktrace.analysis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What to capture live: the interface, an optional BPF filter, the pcapng file everything is
 * written to (rotated by size), and an optional duration after which the capture stops by itself.
 *
 * @param filter       tcpdump-syntax filter, or null for every frame
 * @param rotateBytes  size at which a new pcapng file is started ({@code name-2.pcapng}, ...)
 * @param duration     how long to capture, or null until {@link LiveCapture#stop()}
 */
public record LiveCaptureRequest(String interfaceName, String filter, Path writeTo, long rotateBytes, Duration duration) {

    public static final long DEFAULT_ROTATE_BYTES = 1_000_000_000L;

    public LiveCaptureRequest {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(writeTo, "writeTo");
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("the duration must be positive");
        }
    }

    public static LiveCaptureRequest of(String interfaceName, Path writeTo) {
        return new LiveCaptureRequest(interfaceName, null, writeTo, DEFAULT_ROTATE_BYTES, null);
    }

    public LiveCaptureRequest withFilter(String bpf) {
        return new LiveCaptureRequest(interfaceName, bpf, writeTo, rotateBytes, duration);
    }

    public LiveCaptureRequest withDuration(Duration d) {
        return new LiveCaptureRequest(interfaceName, filter, writeTo, rotateBytes, d);
    }

    public LiveCaptureRequest withRotateBytes(long bytes) {
        return new LiveCaptureRequest(interfaceName, filter, writeTo, bytes, duration);
    }
}
