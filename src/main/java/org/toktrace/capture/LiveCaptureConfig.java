package org.toktrace.capture;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to capture live.
 *
 * @param interfaceName  the interface to open, as {@link CaptureInterfaces#list()} names it
 * @param filter         a BPF filter expression (tcpdump syntax), or null for every frame
 * @param writeTo        the first pcapng file; later ones (after rotation) get {@code -2}, {@code -3}, ... before
 *                       the extension
 * @param rotateBytes    start a new file once the current one would grow past this size
 * @param snaplen        bytes kept of each frame
 * @param promiscuous    whether to ask for promiscuous mode (off: a hotspot interface sees its
 *                       clients' traffic anyway, and promiscuous mode on a shared Wi-Fi would
 *                       capture other people's frames)
 * @param bufferBytes    libpcap's kernel buffer: a larger one rides out bursts without drops
 * @param readTimeoutMillis  how long libpcap may hold frames before delivering them; also how
 *                       quickly an idle capture notices a stop
 */
public record LiveCaptureConfig(String interfaceName, String filter, Path writeTo, long rotateBytes, int snaplen,
        boolean promiscuous, int bufferBytes, int readTimeoutMillis) {

    /** tcpdump's default snap length: whole frames, even with offloads. */
    public static final int DEFAULT_SNAPLEN = 262_144;
    public static final long DEFAULT_ROTATE_BYTES = 1_000_000_000L;
    public static final int DEFAULT_BUFFER_BYTES = 16 << 20;
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 100;

    public LiveCaptureConfig {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(writeTo, "writeTo");
        if (rotateBytes < 1 << 16) {
            throw new IllegalArgumentException("rotate at 64 kB or more");
        }
        if (snaplen < 64 || snaplen > DEFAULT_SNAPLEN) {
            throw new IllegalArgumentException("snap length between 64 and " + DEFAULT_SNAPLEN);
        }
        if (bufferBytes < 1 << 16 || readTimeoutMillis < 1) {
            throw new IllegalArgumentException("buffer at least 64 kB, timeout at least 1 ms");
        }
    }

    public static LiveCaptureConfig of(String interfaceName, String filter, Path writeTo) {
        return new LiveCaptureConfig(interfaceName, filter, writeTo, DEFAULT_ROTATE_BYTES, DEFAULT_SNAPLEN, false,
                DEFAULT_BUFFER_BYTES, DEFAULT_READ_TIMEOUT_MILLIS);
    }

    public LiveCaptureConfig withRotateBytes(long bytes) {
        return new LiveCaptureConfig(interfaceName, filter, writeTo, bytes, snaplen, promiscuous, bufferBytes,
                readTimeoutMillis);
    }
}
