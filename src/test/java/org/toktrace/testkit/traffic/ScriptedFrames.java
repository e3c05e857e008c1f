package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A few small prebuilt frames at fixed times: a DNS exchange, NTP, ARP, ICMP echoes, mDNS. */
final class ScriptedFrames extends Conversation {
    private final List<long[]> times = new ArrayList<>();
    private final List<byte[]> frames = new ArrayList<>();
    private int next;

    /** Adds a copy of the encoder's current frame; frames must be added in time order. */
    ScriptedFrames add(long t, FrameEncoder enc, int length) {
        byte[] f = new byte[length];
        System.arraycopy(enc.buf, 0, f, 0, length);
        if (frames.isEmpty()) {
            time = t;
        } else if (t < times.get(times.size() - 1)[0]) {
            throw new IllegalArgumentException("frames out of order");
        }
        times.add(new long[] {t});
        frames.add(f);
        return this;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    long lastTime() {
        return times.get(times.size() - 1)[0];
    }

    @Override
    boolean step(FrameSink sink) throws IOException {
        byte[] f = frames.get(next);
        sink.frame(times.get(next)[0], f, f.length);
        next++;
        if (next < frames.size()) {
            time = times.get(next)[0];
            return true;
        }
        return false;
    }
}
