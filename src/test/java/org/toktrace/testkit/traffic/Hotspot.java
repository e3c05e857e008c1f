package org.toktrace.testkit.traffic;

import java.util.SplittableRandom;

/** What every conversation shares: the laptop's side of the hotspot, the encoder, the dice. */
final class Hotspot {
    final long gatewayMac;
    final Addr gatewayV4;
    final Addr gatewayV6;
    final SplittableRandom rng;
    final FrameEncoder enc = new FrameEncoder();
    final Filler filler;
    final ServerDirectory directory;
    /** What the phones did, for the capture's {@link GroundTruth}. */
    final TruthLog truth = new TruthLog();
    private final Starter starter;
    private long salt;
    /** QUIC clients cut their ClientHello into CRYPTO frames sent out of order (an {@link Extras} option). */
    boolean shuffledCrypto;

    interface Starter {
        void start(Conversation c);
    }

    Hotspot(long gatewayMac, Addr gatewayV4, Addr gatewayV6, SplittableRandom rng, ServerDirectory directory,
            Starter starter) {
        this.gatewayMac = gatewayMac;
        this.gatewayV4 = gatewayV4;
        this.gatewayV6 = gatewayV6;
        this.rng = rng;
        this.filler = new Filler(rng.nextLong());
        this.directory = directory;
        this.starter = starter;
    }

    void start(Conversation c) {
        starter.start(c);
    }

    /** A fresh offset into the filler, so two streams do not carry the same bytes. */
    long nextSalt() {
        salt += 0x1_0000_0000L + rng.nextInt(1 << 20);
        return salt;
    }

    /** Uniform in [lo, hi). */
    long between(long lo, long hi) {
        return lo + (long) (rng.nextDouble() * (hi - lo));
    }

    double between(double lo, double hi) {
        return lo + rng.nextDouble() * (hi - lo);
    }

    static long ms(double v) {
        return (long) (v * 1_000_000L);
    }

    static long seconds(double v) {
        return (long) (v * 1_000_000_000L);
    }
}
