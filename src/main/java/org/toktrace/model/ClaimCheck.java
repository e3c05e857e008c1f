package org.toktrace.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One claim about TikTok's background traffic, checked against a capture: the claim as people make
 * it, the verdict, and the figures the verdict rests on ("412 kB over 55 min (7.5 kB/min)").
 */
public record ClaimCheck(String claim, Verdict verdict, String evidence) {

    /** What the traffic says about a claim. */
    public enum Verdict {
        /** The traffic agrees with the claim. */
        YES,
        /** The traffic contradicts the claim. */
        NO,
        /** The capture cannot tell (for instance, it holds no background time). */
        NOT_MEASURED;

        /** {@code yes}, {@code no}, {@code not measured}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public ClaimCheck {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(evidence, "evidence");
    }

    /**
     * {@code Background traffic stayed in kilobytes: yes, 412 kB over 55 min (7.5 kB/min)} or
     * {@code ...: no: 14.0 MB over 20 min (700 kB/min)}.
     */
    public String sentence() {
        return claim + ": " + verdict.label() + (evidence.isEmpty() ? "" : (verdict == Verdict.YES ? ", " : ": ") + evidence);
    }
}
