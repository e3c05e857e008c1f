package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a synthetic capture of phones on a laptop's Wi-Fi hotspot, as the laptop would record it:
 * the same scenario and seed always give the same bytes.
 *
 * <p>Every conversation (a connection, a DNS exchange, a phone's behaviour) plans its own frames;
 * a priority queue merges them by time, so memory holds the open conversations only, never the
 * capture, and gigabytes stream out.
 */
public final class HotspotTrafficGenerator {

    /** 2026-03-23T16:14:05Z: all captures start here, so their bytes do not depend on the clock. */
    static final long START_NANOS = Instant.parse("2026-03-23T16:14:05Z").getEpochSecond() * 1_000_000_000L;

    /** What was written, and the truth behind it. */
    public record Summary(long frames, long bytes, long firstNanos, long lastNanos, GroundTruth truth) {
        public double seconds() {
            return (lastNanos - firstNanos) / 1e9;
        }
    }

    private HotspotTrafficGenerator() {
    }

    public static Summary write(Scenario scenario, Path file) throws IOException {
        return write(scenario, Extras.NONE, file);
    }

    /** {@code scenario} with the additions of {@code extras}; with {@link Extras#NONE}, the same bytes as {@link #write(Scenario, Path)}. */
    public static Summary write(Scenario scenario, Extras extras, Path file) throws IOException {
        try (PcapWriter writer = new PcapWriter(file, scenario.nanos())) {
            return generate(scenario, extras, writer);
        }
    }

    static Summary generate(Scenario scenario, PcapWriter writer) throws IOException {
        return generate(scenario, Extras.NONE, writer);
    }

    /** The server directory a capture of {@code extras} uses: the standard servers plus the added ones. */
    static ServerDirectory directory(Extras extras) {
        ServerDirectory directory = new ServerDirectory();
        for (Extras.AddedServer a : extras.servers()) {
            directory.addExtra(a.toServer());
        }
        return directory;
    }

    /**
     * A capture of phones following {@link UsagePlan}s ({@link ViewingBehaviour}), recorded over the
     * scenario's window, in microsecond pcap. Frames of the lead-in are planned but not written, so
     * connections open when the capture begins appear without their handshake.
     */
    public static Summary write(UsageScenario scenario, Path file) throws IOException {
        try (PcapWriter writer = new PcapWriter(file, false)) {
            return generate(scenario, writer);
        }
    }

    static Summary generate(UsageScenario scenario, PcapWriter writer) throws IOException {
        List<UsageScenario.PhoneUse> uses = scenario.phones();
        Population population = new Population() {
            @Override
            public int phones() {
                return uses.size();
            }

            @Override
            public boolean dualStack(int i) {
                return uses.get(i).dualStack();
            }

            @Override
            public boolean privateDns(int i) {
                return uses.get(i).privateDns();
            }

            @Override
            public Conversation behaviour(Hotspot h, Phone p) {
                return new ViewingBehaviour(h, p, uses.get(p.index).plan(), scenario.style(), START_NANOS);
            }
        };
        Extras window = Extras.NONE.withCaptureWindow(scenario.leadInNanos(), scenario.endNanos());
        return generate(scenario.seed(), population, window, scenario.endNanos(), 0, writer);
    }

    /** Who is on the hotspot: how many phones, which of them dual-stack or on private DNS, and what drives each. */
    private interface Population {
        int phones();

        boolean dualStack(int i);

        boolean privateDns(int i);

        Conversation behaviour(Hotspot h, Phone p);
    }

    static Summary generate(Scenario scenario, Extras extras, PcapWriter writer) throws IOException {
        Population population = new Population() {
            @Override
            public int phones() {
                return scenario.phones();
            }

            @Override
            public boolean dualStack(int i) {
                return i >= scenario.phones() - scenario.dualStackPhones();
            }

            @Override
            public boolean privateDns(int i) {
                return i < scenario.habits().privateDnsPhones();
            }

            @Override
            public Conversation behaviour(Hotspot h, Phone p) {
                return new PhoneBehaviour(h, p, scenario, START_NANOS + Hotspot.seconds(h.between(0.0, 5.0)));
            }
        };
        return generate(scenario.seed(), population, extras, scenario.durationNanos(), scenario.targetBytes(), writer);
    }

    private static Summary generate(long seed, Population population, Extras extras, long durationNanos, long targetBytes,
            PcapWriter writer) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        PriorityQueue<Conversation> queue = new PriorityQueue<>((a, b) -> a.time != b.time
                ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
        long[] order = {0};
        Hotspot.Starter starter = c -> {
            c.order = order[0]++;
            queue.add(c);
        };

        boolean windows = rng.nextBoolean();
        Addr gatewayV4 = windows ? Addr.v4(192, 168, 137, 1) : Addr.v4(10, 42, 0, 1);
        long gatewayMac = windows ? 0xF4_26_79_00_00_00L | (rng.nextInt() & 0xFFFFFF) : 0x3C_58_C2_00_00_00L | (rng.nextInt() & 0xFFFFFF);
        int prefix = rng.nextInt(0x10000);
        Addr gatewayV6 = Addr.v6(0x2001, 0xdb8, 0x4a2b, prefix, 0, 0, 0, 1);
        Hotspot h = new Hotspot(gatewayMac, gatewayV4, gatewayV6, rng, directory(extras), starter);
        h.shuffledCrypto = extras.shuffledCrypto();

        List<Phone> phones = new ArrayList<>();
        Set<Integer> hosts = new HashSet<>();
        for (int i = 0; i < population.phones(); i++) {
            int host;
            do {
                host = windows ? 2 + rng.nextInt(253) : 10 + rng.nextInt(240);
            } while (!hosts.add(host));
            long mac = ((rng.nextLong() & 0xFEFF_FFFF_FFFFL) | 0x0200_0000_0000L) & 0xFFFF_FFFF_FFFFL;
            mac &= ~0x0100_0000_0000L; // unicast: a randomized, locally administered MAC as Android uses
            Addr v4 = windows ? Addr.v4(192, 168, 137, host) : Addr.v4(10, 42, 0, host);
            boolean dual = population.dualStack(i);
            Addr v6 = dual ? Addr.v6(0x2001, 0xdb8, 0x4a2b, prefix, rng.nextInt(0x10000), rng.nextInt(0x10000),
                    rng.nextInt(0x10000), rng.nextInt(0x10000)) : null;
            phones.add(new Phone(i, mac, v4, v6, 32768 + rng.nextInt(20_000), rng.nextInt(0x10000)));
        }
        for (Phone p : phones) {
            p.privateDns = population.privateDns(p.index);
        }
        for (Phone p : phones) {
            starter.start(population.behaviour(h, p));
        }
        if (!extras.visits().isEmpty()) {
            for (Phone p : phones) {
                ExtraVisits visits = new ExtraVisits(h, p, extras.visits(), START_NANOS);
                if (!visits.isEmpty()) {
                    starter.start(visits);
                }
            }
        }

        long end = durationNanos > 0 ? START_NANOS + durationNanos : Long.MAX_VALUE;
        if (extras.captureToNanos() > 0) {
            end = Math.min(end, START_NANOS + extras.captureToNanos());
        }
        long from = START_NANOS + extras.captureFromNanos();
        long target = targetBytes > 0 ? targetBytes : Long.MAX_VALUE;
        long[] first = {-1};
        long[] last = {Long.MIN_VALUE};
        Conversation.FrameSink sink = (ts, frame, length) -> {
            if (ts < from) {
                return; // before the capture window: the laptop was not recording yet
            }
            if (ts < last[0]) {
                throw new IllegalStateException("frames out of time order: " + ts + " after " + last[0]);
            }
            if (first[0] < 0) {
                first[0] = ts;
            }
            last[0] = ts;
            writer.write(ts, frame, 0, length);
        };
        while (!queue.isEmpty()) {
            Conversation c = queue.poll();
            if (c.time >= end) {
                break;
            }
            boolean more = c.step(sink);
            if (writer.bytesWritten() >= target) {
                break;
            }
            if (more) {
                starter.start(c);
            }
        }
        GroundTruth truth = h.truth.build(h.directory, first[0], first[0] < 0 ? first[0] : last[0] + 1);
        return new Summary(writer.frames(), writer.bytesWritten(), first[0], last[0], truth);
    }
}
