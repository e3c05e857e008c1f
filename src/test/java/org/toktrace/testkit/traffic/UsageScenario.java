package org.toktrace.testkit.traffic;

import java.util.List;
import java.util.Objects;

/**
 * A capture of phones whose users follow {@link UsagePlan}s: which phones, the capture window, and
 * the style all users share. {@link HotspotTrafficGenerator#write(UsageScenario, java.nio.file.Path)}
 * writes it; {@link #knobs()} says what was drawn, for reports that bin results by it.
 *
 * <p>Every plan starts at the generator's start; the capture records
 * [{@code leadInSeconds}, {@code leadInSeconds + captureSeconds}) of it, so a capture can open in the
 * middle of a session, with connections already up (no handshake or lookup in the file).
 *
 * @param seed           the seed of the generator's dice (addresses, sizes, timings); the plans
 *                       are given, not drawn from it
 * @param captureSeconds how long the capture records
 * @param leadInSeconds  how long the phones run before the capture begins
 */
public record UsageScenario(long seed, double captureSeconds, double leadInSeconds, ViewingStyle style,
        List<PhoneUse> phones) {

    /**
     * One phone and its user.
     *
     * @param dualStack  the phone has a global IPv6 address and uses it where servers have one
     * @param privateDns the phone resolves over DNS-over-TLS: the capture holds none of its lookups
     */
    public record PhoneUse(UsagePlan plan, boolean dualStack, boolean privateDns) {
        public PhoneUse {
            Objects.requireNonNull(plan, "plan");
        }
    }

    public UsageScenario {
        Objects.requireNonNull(style, "style");
        phones = List.copyOf(phones);
        if (phones.isEmpty() || phones.size() > 8) {
            throw new IllegalArgumentException("1-8 phones");
        }
        if (!(captureSeconds > 0) || !(leadInSeconds >= 0) || Double.isInfinite(captureSeconds + leadInSeconds)) {
            throw new IllegalArgumentException("a capture of positive length after a lead-in of 0 s or more");
        }
    }

    /** One IPv4-only phone following {@code plan}, recorded from the plan's start for {@code captureSeconds}. */
    public static UsageScenario of(long seed, double captureSeconds, ViewingStyle style, UsagePlan plan) {
        return new UsageScenario(seed, captureSeconds, 0, style, List.of(new PhoneUse(plan, false, false)));
    }

    /** The same phones and plans recorded over another window. */
    public UsageScenario withCapture(double newLeadInSeconds, double newCaptureSeconds) {
        return new UsageScenario(seed, newCaptureSeconds, newLeadInSeconds, style, phones);
    }

    public UsageScenario withSeed(long newSeed) {
        return new UsageScenario(newSeed, captureSeconds, leadInSeconds, style, phones);
    }

    long leadInNanos() {
        return Hotspot.seconds(leadInSeconds);
    }

    long endNanos() {
        return Hotspot.seconds(leadInSeconds + captureSeconds);
    }

    /** What this scenario's capture holds, as knobs: the style's and, per phone, its plan's as the capture window cuts it. */
    public ScenarioKnobs knobs() {
        return ScenarioKnobs.of(this);
    }
}
