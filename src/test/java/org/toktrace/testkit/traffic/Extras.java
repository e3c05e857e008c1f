package org.toktrace.testkit.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Opt-in additions to a {@link Scenario}, for tests that need traffic the regular phones do not make:
 * servers beyond the {@link ServerDirectory}'s, connections each phone opens to chosen servers (with
 * or without SNI, cleartext HTTP, with or without a DNS lookup first), a capture window that starts
 * or stops the file in the middle of the traffic, and QUIC ClientHellos cut into shuffled CRYPTO
 * frames. {@link #NONE} changes nothing: the same scenario gives the same bytes as without extras.
 *
 * @param servers            servers added to the directory (names must be new)
 * @param visits             connections every phone opens, besides its usual behaviour
 * @param captureFromNanos   frames before this offset from the capture's start are not written, so
 *                           connections open at that moment appear without handshake or DNS lookup
 * @param captureToNanos     frames at or after this offset are not written; 0 for no such limit.
 *                           Two windows of the same scenario and extras split one capture exactly
 * @param shuffledCrypto     QUIC ClientHellos in CRYPTO frames of random sizes in random order
 */
public record Extras(List<AddedServer> servers, List<Visit> visits, long captureFromNanos, long captureToNanos,
        boolean shuffledCrypto) {

    public static final Extras NONE = new Extras(List.of(), List.of(), 0, 0, false);

    public Extras {
        servers = List.copyOf(servers);
        visits = List.copyOf(visits);
        if (captureFromNanos < 0 || captureToNanos < 0 || (captureToNanos > 0 && captureToNanos <= captureFromNanos)) {
            throw new IllegalArgumentException("a capture window is an offset range");
        }
    }

    /**
     * A server the scenario adds.
     *
     * @param v4    IPv4 address literals; at least one address in all
     * @param v6    IPv6 address literals
     * @param port  the TLS port; cleartext HTTP visits go to port 80
     */
    public record AddedServer(String name, ServerDirectory.Role role, boolean tiktok, List<String> cnames,
            List<String> v4, List<String> v6, int port) {
        public AddedServer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            cnames = List.copyOf(cnames);
            v4 = List.copyOf(v4);
            v6 = List.copyOf(v6);
            if (v4.isEmpty() && v6.isEmpty()) {
                throw new IllegalArgumentException("a server needs an address");
            }
        }

        /** A server on port 443. */
        public static AddedServer of(String name, ServerDirectory.Role role, boolean tiktok, List<String> cnames,
                List<String> v4, List<String> v6) {
            return new AddedServer(name, role, tiktok, cnames, v4, v6, 443);
        }

        ServerDirectory.Server toServer() {
            return new ServerDirectory.Server(name, role, tiktok, cnames, v4.stream().map(Addr::parse).toList(),
                    v6.stream().map(Addr::parse).toList(), port);
        }
    }

    /**
     * Connections every phone opens to {@code server}: {@code perPhone} of them at uniform times in
     * [{@code fromSeconds}, {@code toSeconds}) after the capture's start.
     *
     * @param dns       the phone looks the name up first (unless it still has it cached); without,
     *                  the capture holds no lookup of it from this visit
     * @param keepOpen  a long connection with a small exchange every 20-60 s, never closed; else one
     *                  or two exchanges and a FIN
     */
    public record Visit(String server, Hello hello, boolean dns, int perPhone, double fromSeconds, double toSeconds,
            boolean keepOpen) {
        public Visit {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(hello, "hello");
            if (perPhone < 0 || fromSeconds < 0 || toSeconds <= fromSeconds) {
                throw new IllegalArgumentException("bad visit count or time range");
            }
        }
    }

    public Extras withServers(AddedServer... added) {
        List<AddedServer> all = new ArrayList<>(servers);
        all.addAll(List.of(added));
        return new Extras(all, visits, captureFromNanos, captureToNanos, shuffledCrypto);
    }

    public Extras withVisits(Visit... more) {
        List<Visit> all = new ArrayList<>(visits);
        all.addAll(List.of(more));
        return new Extras(servers, all, captureFromNanos, captureToNanos, shuffledCrypto);
    }

    /** Writes only the frames in [{@code fromNanos}, {@code toNanos}) after the start; toNanos 0 for no end. */
    public Extras withCaptureWindow(long fromNanos, long toNanos) {
        return new Extras(servers, visits, fromNanos, toNanos, shuffledCrypto);
    }

    public Extras withShuffledCrypto(boolean shuffled) {
        return new Extras(servers, visits, captureFromNanos, captureToNanos, shuffled);
    }
}
