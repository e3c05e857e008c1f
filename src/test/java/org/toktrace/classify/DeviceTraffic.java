package org.toktrace.classify;

import java.util.ArrayList;
import java.util.List;

import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;

/**
 * One device's TikTok flows, written by hand second by second for the classifier's tests: each call
 * adds one flow of a category with its bytes spread over whole 1 s bins.
 */
final class DeviceTraffic {
    static final long S = 1_000_000_000L;
    /** 2026-03-23T16:14:05Z, as the generated captures. */
    static final long T0 = 1_774_282_445L * S;

    private final List<FlowRecord> flows = new ArrayList<>();
    private int port = 40_000;

    /** A flow of {@code category} from second {@code at} for {@code seconds} bins, {@code bytes} in all, closed by FIN. */
    DeviceTraffic add(Category category, double at, int seconds, long bytes) {
        return add(category, at, seconds, bytes, FlowEnd.FIN, 0);
    }

    /**
     * A flow whose bytes come in {@code seconds} bins from {@code at}, and whose last packet comes
     * {@code lingerSeconds} after them (a connection kept open), ended by {@code end}.
     */
    DeviceTraffic add(Category category, double at, int seconds, long bytes, FlowEnd end, double lingerSeconds) {
        long first = (T0 + (long) (at * S)) / S;
        long[] bins = new long[seconds];
        long[] perBin = new long[seconds];
        for (int i = 0; i < seconds; i++) {
            bins[i] = first + i;
            perBin[i] = bytes / seconds + (i == seconds - 1 ? bytes % seconds : 0);
        }
        return flow(category, T0 + (long) (at * S), bins, perBin, end, lingerSeconds);
    }

    /**
     * One connection with one exchange of {@code bytes} at {@code at}, kept open, and closed by FIN at
     * {@code closeAt}: its closing packets, {@code closeBytes}, are the last bin.
     */
    DeviceTraffic keptOpen(Category category, double at, long bytes, double closeAt, long closeBytes) {
        long start = T0 + (long) (at * S);
        long[] bins = {start / S, (T0 + (long) (closeAt * S)) / S};
        return flow(category, start, bins, new long[] {bytes, closeBytes}, FlowEnd.FIN, 0);
    }

    /** One connection carrying {@code count} chunks of {@code bytes}, one second each, {@code every} seconds apart. */
    DeviceTraffic chunks(Category category, double at, double every, int count, long bytes) {
        long start = T0 + (long) (at * S);
        long[] bins = new long[count];
        long[] perBin = new long[count];
        for (int i = 0; i < count; i++) {
            bins[i] = (start + (long) (i * every * S)) / S;
            perBin[i] = bytes;
        }
        return flow(category, start, bins, perBin, FlowEnd.FIN, 0);
    }

    /** A flow with {@code perBin} bytes in each of {@code bins} (second indices), a twentieth of them up. */
    private DeviceTraffic flow(Category category, long start, long[] bins, long[] perBin, FlowEnd end, double linger) {
        int n = bins.length;
        long[] up = new long[n];
        long[] down = new long[n];
        int[] packets = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            up[i] = perBin[i] / 20;
            down[i] = perBin[i] - up[i];
            packets[i] = 10;
            total += perBin[i];
        }
        FlowKey key = new FlowKey(6, IpAddress.parse("192.168.137.23"), port++, IpAddress.parse("192.0.2.7"), 443);
        Attribution a = new Attribution(new Evidence(NameSource.TLS_SNI, "v16m.tiktokcdn.com", start, ""), "TikTok",
                category);
        long last = bins[n - 1] * S + S - 1 + (long) (linger * S);
        flows.add(new FlowRecord(flows.size() + 1, key, start, last, 10L * n, 10L * n, total / 20, total - total / 20, end,
                0x0200_0000_0001L, new FlowBins(S, bins, up, down, packets), FlowNames.NONE, a));
        return this;
    }

    /** A swipe at {@code at}: a video of {@code bytes} over two seconds, its covers and a feed call. */
    DeviceTraffic swipe(double at, long bytes) {
        add(Category.VIDEO, at, 2, bytes);
        add(Category.IMAGE, at + 1, 1, 60_000);
        return add(Category.API, at + 1, 1, 8_000);
    }

    /** Swipes every {@code every} seconds from {@code from} to before {@code to}. */
    DeviceTraffic scrolling(double from, double to, double every) {
        for (double t = from; t < to; t += every) {
            swipe(t, 1_800_000);
        }
        return this;
    }

    /** Telemetry posts of 3 kB every {@code every} seconds, and push keepalives every 45 s. */
    DeviceTraffic minimized(double from, double to, double every) {
        for (double t = from + every / 2; t < to; t += every) {
            add(Category.TELEMETRY, t, 1, 3_000);
        }
        return keepalives(from, to);
    }

    DeviceTraffic keepalives(double from, double to) {
        for (double t = from + 20; t < to; t += 45) {
            add(Category.PUSH, t, 1, 300);
        }
        return this;
    }

    List<FlowRecord> flows() {
        return List.copyOf(flows);
    }

    static long at(double seconds) {
        return T0 + (long) (seconds * S);
    }
}
