package org.toktrace.testkit.traffic;

/**
 * What to generate: how many phones (how many of them dual-stack), for how long or up to what
 * size, and how the users behave (how long they scroll, how long the app sits in the background,
 * how big the videos are).
 *
 * @param durationNanos  capture length; 0 for no limit (then {@code targetBytes} must be set)
 * @param targetBytes    stop once the file has this many bytes; 0 for no limit
 * @param nanos          nanosecond timestamps (pcap magic 0xA1B23C4D) instead of microseconds
 * @param quicShare      fraction of video downloads over QUIC instead of TLS over TCP
 * @param habits         behaviour beyond the basic rhythm (closed app, private DNS, pauses, pre-loads,
 *                       other apps' video); {@link Habits#STANDARD} for the original one
 */
public record Scenario(long seed, int phones, int dualStackPhones, long durationNanos, long targetBytes, boolean nanos,
        double foregroundMinSeconds, double foregroundMaxSeconds, double backgroundMinSeconds,
        double backgroundMaxSeconds, long videoMinBytes, long videoMaxBytes, double quicShare, Habits habits) {

    /** A scenario with the {@link Habits#STANDARD} behaviour. */
    public Scenario(long seed, int phones, int dualStackPhones, long durationNanos, long targetBytes, boolean nanos,
            double foregroundMinSeconds, double foregroundMaxSeconds, double backgroundMinSeconds,
            double backgroundMaxSeconds, long videoMinBytes, long videoMaxBytes, double quicShare) {
        this(seed, phones, dualStackPhones, durationNanos, targetBytes, nanos, foregroundMinSeconds, foregroundMaxSeconds,
                backgroundMinSeconds, backgroundMaxSeconds, videoMinBytes, videoMaxBytes, quicShare, Habits.STANDARD);
    }

    public Scenario {
        java.util.Objects.requireNonNull(habits, "habits");
        if (phones < 1 || phones > 8 || dualStackPhones < 0 || dualStackPhones > phones) {
            throw new IllegalArgumentException("1-8 phones, at most all of them dual-stack");
        }
        if (durationNanos < 0 || targetBytes < 0 || (durationNanos == 0 && targetBytes == 0)) {
            throw new IllegalArgumentException("give a duration, a target size, or both");
        }
        if (foregroundMinSeconds <= 0 || foregroundMaxSeconds < foregroundMinSeconds
                || backgroundMinSeconds <= 0 || backgroundMaxSeconds < backgroundMinSeconds) {
            throw new IllegalArgumentException("state durations must be positive ranges");
        }
        if (videoMinBytes <= 0 || videoMaxBytes < videoMinBytes || quicShare < 0 || quicShare > 1) {
            throw new IllegalArgumentException("bad video sizes or QUIC share");
        }
    }

    /** Three phones (one dual-stack) scrolling most of the time, until the file has {@code bytes}. */
    public static Scenario bulk(long seed, long bytes) {
        return new Scenario(seed, 3, 1, 0, bytes, false, 120, 600, 30, 120, 500_000, 4_000_000, 0.25);
    }

    /**
     * The bundled sample: ten minutes, two phones (the second dual-stack), mostly in the background
     * with one short scrolling session each, about 3 MB.
     */
    public static Scenario sample() {
        return new Scenario(2, 2, 1, 600_000_000_000L, 0, false, 15, 20, 280, 400, 500_000, 800_000, 0.3);
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(newSeed, phones, dualStackPhones, durationNanos, targetBytes, nanos, foregroundMinSeconds,
                foregroundMaxSeconds, backgroundMinSeconds, backgroundMaxSeconds, videoMinBytes, videoMaxBytes, quicShare, habits);
    }

    public Scenario withLimits(long newDurationNanos, long newTargetBytes) {
        return new Scenario(seed, phones, dualStackPhones, newDurationNanos, newTargetBytes, nanos, foregroundMinSeconds,
                foregroundMaxSeconds, backgroundMinSeconds, backgroundMaxSeconds, videoMinBytes, videoMaxBytes, quicShare, habits);
    }

    public Scenario withPhones(int newPhones, int newDualStack) {
        return new Scenario(seed, newPhones, newDualStack, durationNanos, targetBytes, nanos, foregroundMinSeconds,
                foregroundMaxSeconds, backgroundMinSeconds, backgroundMaxSeconds, videoMinBytes, videoMaxBytes, quicShare, habits);
    }

    public Scenario withHabits(Habits newHabits) {
        return new Scenario(seed, phones, dualStackPhones, durationNanos, targetBytes, nanos, foregroundMinSeconds,
                foregroundMaxSeconds, backgroundMinSeconds, backgroundMaxSeconds, videoMinBytes, videoMaxBytes, quicShare,
                newHabits);
    }

    public Scenario withNanos(boolean newNanos) {
        return new Scenario(seed, phones, dualStackPhones, durationNanos, targetBytes, newNanos, foregroundMinSeconds,
                foregroundMaxSeconds, backgroundMinSeconds, backgroundMaxSeconds, videoMinBytes, videoMaxBytes, quicShare, habits);
    }
}
